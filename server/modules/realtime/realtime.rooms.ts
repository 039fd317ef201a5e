import type { Principal } from '../auth/index.ts';
import type { Role } from '../members/index.ts';

/**
 * Room names. Producers build `DomainEvent.rooms` with these functions, never by hand, so a typo
 * cannot silently send an event nowhere (or somewhere else).
 */
export const rooms = {
  /** Every active member of the network. */
  network: (networkId: string) => `network:${networkId}`,
  /** One member, whatever their status (e.g. `session.revoked`). */
  member: (memberId: string) => `member:${memberId}`,
  /** Active members holding `role` for every area of the network. */
  role: (networkId: string, role: Role) => `role:${networkId}:${role}`,
  /** Active members holding any grant limited to this area. */
  area: (areaId: string) => `area:${areaId}`,
  /** Active members holding `role` limited to this area. */
  areaRole: (areaId: string, role: Role) => `area:${areaId}:role:${role}`,
};

/**
 * The rooms a stream joins, decided once at authentication. Probationary (and any not active)
 * members hear only their own room. A grant limited to an area does NOT join the network-wide role
 * room, mirroring `hasRole(principal, roles, areaIds)`: to reach dispatchers for an incident in
 * area A, send to `rooms.role(networkId, 'dispatcher')` and `rooms.areaRole(A, 'dispatcher')`.
 */
export function roomsFor(principal: Principal): string[] {
  const joined = [rooms.member(principal.memberId)];
  if (principal.status !== 'active') return joined;
  joined.push(rooms.network(principal.networkId));
  for (const grant of principal.roles) {
    if (grant.areaId === null) {
      joined.push(rooms.role(principal.networkId, grant.role));
    } else {
      joined.push(rooms.area(grant.areaId), rooms.areaRole(grant.areaId, grant.role));
    }
  }
  return [...new Set(joined)];
}
