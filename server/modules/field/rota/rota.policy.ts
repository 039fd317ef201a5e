import { AppError } from '../../../platform/errors/app-error.ts';
import { hasRole, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { RotaRole } from './rota.contract.ts';

/** Who may read the rota: the people on it and the coordinators who keep it. */
export function requireRotaReader(principal: Principal): void {
  requireRole(principal, ['coordinator', 'dispatcher', 'responder']);
}

/** Coordinators of the area (network-wide ones for an entry without area) edit anyone's entries. */
export function canEditAnyEntry(principal: Principal, areaId: string | null): boolean {
  return hasRole(principal, ['coordinator'], areaId === null ? [] : [areaId]);
}

/**
 * A member edits their own entries in a role they hold; a coordinator edits anyone's. Anything
 * else is FORBIDDEN, the same answer whoever the entry is for.
 */
export function requireRotaEditor(
  principal: Principal,
  entry: { memberId: string; role: RotaRole; areaId: string | null },
): void {
  if (canEditAnyEntry(principal, entry.areaId)) return;
  if (entry.memberId === principal.memberId && hasRole(principal, [entry.role])) return;
  throw new AppError('FORBIDDEN', 'You may change only your own turns.');
}
