import type { DomainEvent } from './events.ts';

/**
 * PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. The same limit applies on SQLite so a
 * too-large event fails in development, not first in a multi-node deployment.
 */
export const maximumEventPayloadBytes = 7999;

/** Event types become SSE `event:` lines: a newline in one would let it forge a second event. */
const eventTypePattern = /^[a-z][a-zA-Z0-9_.-]{0,99}$/;

export class EventTooLargeError extends Error {
  constructor(
    readonly type: string,
    readonly bytes: number,
  ) {
    super(
      `Event "${type}" is ${bytes} bytes serialized; the limit is ${maximumEventPayloadBytes}. ` +
        'Put ids in events and let clients fetch the details through the API.',
    );
    this.name = 'EventTooLargeError';
  }
}

/**
 * Serializes an event for transport, throwing at stage time (inside the transaction, so the write
 * rolls back with a clear error) when it is malformed or too large for a NOTIFY payload.
 */
export function serializeEvent(event: DomainEvent): string {
  if (!eventTypePattern.test(event.type)) throw new Error(`Invalid event type ${JSON.stringify(event.type)}`);
  if (event.rooms.some((room) => /[\r\n]/.test(room))) throw new Error(`Invalid room in event ${event.type}`);
  const payload = JSON.stringify({
    id: event.id,
    type: event.type,
    networkId: event.networkId,
    rooms: event.rooms,
    data: event.data,
    occurredAt: event.occurredAt,
  });
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > maximumEventPayloadBytes) throw new EventTooLargeError(event.type, bytes);
  return payload;
}

/** Parses a payload from another process; null for anything that is not a well-formed event. */
export function parseEvent(payload: string): DomainEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Record<string, unknown>;
  const { id, type, networkId, rooms, data, occurredAt } = candidate;
  if (typeof type !== 'string' || !eventTypePattern.test(type)) return null;
  if (typeof networkId !== 'string' || typeof occurredAt !== 'number') return null;
  if (!Array.isArray(rooms) || !rooms.every((room) => typeof room === 'string')) return null;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  if (id !== undefined && typeof id !== 'string') return null;
  return {
    ...(id === undefined ? {} : { id }),
    type,
    networkId,
    rooms,
    data: data as Record<string, unknown>,
    occurredAt,
  };
}
