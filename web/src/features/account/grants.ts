import { t } from '../../lib/i18n.ts';
import { listOf } from '../../lib/list-of.ts';
import type { Area } from '../admin/api/types.ts';
import type { FieldRole, Role, RoleGrant, SessionView } from '../auth/api/types.ts';

/** Every role, in the order the grant editor offers them. */
export const allRoles = listOf<Role>()([
  'admin',
  'coordinator',
  'dispatcher',
  'responder',
  'advocate',
  'housing_coordinator',
  'viewer',
]);

/** Coordinators hand out only the field roles (the server enforces it; the form just agrees). */
export const fieldRoles = listOf<FieldRole>()([
  'dispatcher',
  'responder',
  'advocate',
  'housing_coordinator',
  'viewer',
]);

/** An area as a role grant names it. */
export type AreaName = Pick<Area, 'id' | 'name'>;

/**
 * The areas in which this member may hand out roles: 'all' for an admin or an unlimited
 * coordinator, else the areas of their coordinator grants.
 */
export function grantableAreas(session: SessionView): 'all' | string[] {
  if (session.roles.some((grant) => grant.role === 'admin')) return 'all';
  const grants = session.roles.filter((grant) => grant.role === 'coordinator');
  if (grants.some((grant) => grant.areaId === null)) return 'all';
  return grants.map((grant) => grant.areaId).filter((id): id is string => id !== null);
}

export function describeGrant(grant: RoleGrant, areas: readonly AreaName[]): string {
  const role = t(`role.${grant.role}`);
  if (grant.areaId === null) return role;
  const area = areas.find((candidate) => candidate.id === grant.areaId);
  return t('grants.inArea', { role, area: area?.name ?? t('grants.unknownArea') });
}
