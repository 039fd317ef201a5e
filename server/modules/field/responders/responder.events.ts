import type { DomainEvent } from '../../../platform/realtime/events.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';

/** Who sees the roster live: dispatchers and coordinators, network-wide and in the responder's areas. */
export function rosterRooms(networkId: string, areaIds: readonly (string | null)[]): string[] {
  const areas = [...new Set(areaIds.filter((id): id is string => id !== null))];
  return [
    rooms.role(networkId, 'dispatcher'),
    rooms.role(networkId, 'coordinator'),
    ...areas.flatMap((areaId) => [
      rooms.areaRole(areaId, 'dispatcher'),
      rooms.areaRole(areaId, 'coordinator'),
    ]),
  ];
}

/** `responder.availabilityChanged`: ids and flags only; the roster API has the rest. */
export function availabilityChangedEvent(input: {
  networkId: string;
  memberId: string;
  areaIds: readonly (string | null)[];
  isOnCallNow: boolean;
  hasLocation: boolean;
  occurredAt: number;
}): DomainEvent {
  return {
    type: 'responder.availabilityChanged',
    networkId: input.networkId,
    rooms: [...rosterRooms(input.networkId, input.areaIds), rooms.member(input.memberId)],
    data: { memberId: input.memberId, isOnCallNow: input.isOnCallNow, hasLocation: input.hasLocation },
    occurredAt: input.occurredAt,
  };
}
