import type { Readable, Writable } from 'node:stream';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { DomainEvent } from '../../../platform/realtime/events.ts';
import type { RealtimeHub } from '../../../platform/realtime/realtime-hub.ts';
import { createServerSentEventStream } from '../../../platform/realtime/server-sent-events.ts';
import type { Principal } from '../../identity/index.ts';
import { roomsFor } from './realtime-rooms.ts';

/** Enough for several tabs and devices; more is a leak or an attempt to exhaust the server. */
export const maximumStreamsPerMember = 5;

export interface RealtimeDeps {
  hub: RealtimeHub;
}

/**
 * Opens a member's event stream on `response`. The caller has authenticated the principal; rooms
 * come from it and do not change for the life of the stream (it is closed periodically and on
 * revocation, and the browser reconnects through authentication again).
 */
export function openRealtimeStream(
  deps: RealtimeDeps,
  principal: Principal,
  response: Pick<Writable, 'writableLength'>,
): Readable {
  // Per process: with several app nodes the effective cap is this times the node count.
  if (deps.hub.connectionCount(principal.memberId) >= maximumStreamsPerMember) {
    throw new AppError('RATE_LIMITED', 'Too many live connections; close another tab and try again.', [], {
      'retry-after': '30',
    });
  }
  const { stream, sink } = createServerSentEventStream(response);
  deps.hub.connect({
    networkId: principal.networkId,
    memberId: principal.memberId,
    sessionId: principal.sessionId,
    rooms: roomsFor(principal),
    sink,
    isClosedBy: (event) => isStreamEndedBy(event, principal),
  });
  return stream;
}

/** Events that change what a member may hear: their stream's rooms are stale once these commit. */
const roomChangingEvents = new Set([
  'member.rolesChanged',
  'member.vetted',
  'member.suspended',
  'member.removed',
]);

/**
 * Whether delivering `event` ends this stream. `session.revoked` (sent to the member's room) ends the
 * session it names, or every session of the member when it names none. A change to the member's
 * own roles or status ends all their streams: the browser reconnects through authentication and
 * gets rooms that match (or a 401). The event is delivered first, so the page knows why.
 */
export function isStreamEndedBy(
  event: DomainEvent,
  stream: { memberId: string; sessionId: string },
): boolean {
  if (event.type === 'session.revoked') {
    const { sessionId: revokedId, sessionIds } = event.data;
    if (typeof revokedId === 'string') return revokedId === stream.sessionId;
    if (Array.isArray(sessionIds)) return sessionIds.includes(stream.sessionId);
    return true;
  }
  return roomChangingEvents.has(event.type) && event.data.memberId === stream.memberId;
}
