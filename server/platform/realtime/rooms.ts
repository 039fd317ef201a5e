/**
 * Room names. Producers build `DomainEvent.rooms` with these functions, never by hand, so a typo
 * cannot silently send an event nowhere (or somewhere else). Which rooms a member's stream joins
 * is decided at authentication (system/realtime).
 */
export const rooms = {
  /** Every active member of the network. */
  network: (networkId: string) => `network:${networkId}`,
  /** One member, whatever their status (e.g. `session.revoked`). */
  member: (memberId: string) => `member:${memberId}`,
  /** Active members holding `role` for every area of the network. */
  role: (networkId: string, role: string) => `role:${networkId}:${role}`,
  /** Active members holding any grant limited to this area. */
  area: (areaId: string) => `area:${areaId}`,
  /** Active members holding `role` limited to this area. */
  areaRole: (areaId: string, role: string) => `area:${areaId}:role:${role}`,
};
