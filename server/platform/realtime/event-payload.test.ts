import { describe, expect, it } from 'vitest';
import { EventTooLargeError, maximumEventPayloadBytes, parseEvent, serializeEvent } from './event-payload.ts';
import type { DomainEvent } from './events.ts';
import { createLocalEventBus } from './local-event-bus.ts';
import { formatServerSentEvent } from './server-sent-events.ts';

const event: DomainEvent = {
  id: 'event-1',
  type: 'incident.verified',
  networkId: 'network-1',
  rooms: ['network:network-1'],
  data: { incidentId: 'incident-1' },
  occurredAt: 1000,
};

describe('event payloads', () => {
  it('round-trips an event', () => {
    expect(parseEvent(serializeEvent(event))).toEqual(event);
  });

  it('rejects an event over the NOTIFY limit, counting bytes not characters', () => {
    const overhead = Buffer.byteLength(serializeEvent({ ...event, data: { text: '' } }));
    const fits = { ...event, data: { text: 'a'.repeat(maximumEventPayloadBytes - overhead) } };
    expect(() => serializeEvent(fits)).not.toThrow();
    // 'é' is two bytes in UTF-8: the same character count no longer fits.
    const multibyte = { ...event, data: { text: 'é'.repeat(maximumEventPayloadBytes - overhead) } };
    expect(() => serializeEvent(multibyte)).toThrow(EventTooLargeError);
    expect(() => serializeEvent(multibyte)).toThrow(/incident.verified.*limit is 7999/);
  });

  it('rejects types and rooms that could break the stream format', () => {
    expect(() => serializeEvent({ ...event, type: 'a\nevent: forged' })).toThrow(/Invalid event type/);
    expect(() => serializeEvent({ ...event, rooms: ['network:1\nx'] })).toThrow(/Invalid room/);
  });

  it('ignores malformed payloads from the channel', () => {
    for (const payload of [
      'not json',
      'null',
      '[]',
      JSON.stringify({ ...event, rooms: 'network:network-1' }),
      JSON.stringify({ ...event, data: [] }),
      JSON.stringify({ ...event, type: 'Bad Type' }),
      JSON.stringify({ ...event, networkId: 7 }),
    ]) {
      expect(parseEvent(payload)).toBeNull();
    }
  });

  it('fails staging on the local bus too, so SQLite catches what PostgreSQL would refuse', async () => {
    const bus = createLocalEventBus();
    const huge = { ...event, data: { text: 'x'.repeat(9000) } };
    // The local bus never touches the transaction.
    await expect(bus.stageInTransaction(null as never, [huge])).rejects.toThrow(EventTooLargeError);
  });

  it('gives each published event an id and keeps a failing subscriber from failing the publish', () => {
    const bus = createLocalEventBus();
    const received: DomainEvent[] = [];
    bus.subscribe(() => {
      throw new Error('subscriber bug');
    });
    bus.subscribe((published) => received.push(published));
    const { id: _id, ...withoutId } = event;
    expect(() => bus.publishAfterCommit([withoutId, withoutId])).not.toThrow();
    expect(received).toHaveLength(2);
    expect(received[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(received[0]!.id).not.toBe(received[1]!.id);
  });
});

describe('server-sent event format', () => {
  it('strips newlines so a field cannot start a forged event', () => {
    const text = formatServerSentEvent({ id: 'a\nb', event: 'x\r\ny', data: '{"a":1}\n\nevent: forged' });
    expect(text).toBe('id: ab\nevent: xy\ndata: {"a":1}event: forged\n\n');
  });
});
