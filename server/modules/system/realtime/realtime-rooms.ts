import { rooms } from '../../../platform/realtime/rooms.ts';
import type { Principal } from '../../identity/index.ts';

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
