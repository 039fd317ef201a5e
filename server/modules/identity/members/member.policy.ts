import { areasFor, hasRole } from '../auth/index.ts';
import type { Principal, RoleGrant } from '../auth/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { adminOnlyRoles, memberManagerRoles as managerRoles } from './member.contract.ts';
import type { Role } from './member.tables.ts';

/** Who manages membership: invitations, vetting overview, contact details. */
export const memberManagerRoles: readonly Role[] = managerRoles;

/** Roles only an admin may hand out: a coordinator cannot create peers or superiors. */
const adminOnlyGrants: readonly Role[] = adminOnlyRoles;

/** One grant per role and area; `areaId` omitted means every area. */
export function normalizeGrants(grants: { role: Role; areaId?: string | null }[]): RoleGrant[] {
  const seen = new Set<string>();
  const result: RoleGrant[] = [];
  for (const grant of grants) {
    const areaId = grant.areaId ?? null;
    const key = `${grant.role}:${areaId ?? '*'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ role: grant.role, areaId });
  }
  return result;
}

/**
 * Admins may grant anything. Coordinators may grant the field roles, and a coordinator limited to
 * some areas only within those areas.
 */
export function requireCanGrant(principal: Principal, grants: readonly RoleGrant[]): void {
  if (hasRole(principal, ['admin'])) return;
  const coordinatorAreas = areasFor(principal, ['coordinator']);
  for (const grant of grants) {
    const isOutsideAreas =
      coordinatorAreas !== 'all' && (grant.areaId === null || !coordinatorAreas.includes(grant.areaId));
    if (adminOnlyGrants.includes(grant.role) || isOutsideAreas) {
      throw new AppError('ROLE_NOT_GRANTABLE', 'You cannot grant this role.', [
        { path: 'roles', message: `${grant.role} cannot be granted by you here` },
      ]);
    }
  }
}
