import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent, EventBus } from './events.ts';
import { createLocalEventBus } from './local-event-bus.ts';
import { createRealtimeHub } from './realtime-hub.ts';
import type { RealtimeHubOptions } from './realtime-hub.ts';
import type { RealtimeSink } from './server-sent-events.ts';

/** A sink that records what it is sent; `unsent` plays a client that stopped reading. */
function fakeSink(): RealtimeSink & {
  text(): string;
  state: 'open' | 'ended' | 'destroyed';
  unsent: number;
} {
  const chunks: string[] = [];
  const closeListeners: (() => void)[] = [];
  const sink = {
    state: 'open' as 'open' | 'ended' | 'destroyed',
    unsent: 0,
    get bufferedBytes() {
      return sink.unsent;
    },
    write: (chunk: string) => {
      if (sink.state !== 'open') throw new Error('write after close');
      chunks.push(chunk);
    },
    end: () => {
      sink.state = 'ended';
      for (const listener of closeListeners) listener();
    },
    destroy: () => {
      if (sink.state === 'open') sink.state = 'destroyed';
      for (const listener of closeListeners) listener();
    },
    onClose: (listener: () => void) => closeListeners.push(listener),
    text: () => chunks.join(''),
  };
  return sink;
}

function event(overrides: Partial<DomainEvent> = {}): DomainEvent {
  return {
    type: 'incident.verified',
    networkId: 'network-1',
    rooms: ['network:network-1'],
    data: { incidentId: 'incident-1' },
    occurredAt: 1000,
    ...overrides,
  };
}

describe('realtime hub', () => {
  let bus: EventBus;
  beforeEach(() => {
    bus = createLocalEventBus();
  });
  afterEach(() => vi.useRealTimers());

  function connect(
    hub: ReturnType<typeof createRealtimeHub>,
    options: {
      rooms: string[];
      networkId?: string;
      memberId?: string;
      isClosedBy?: (e: DomainEvent) => boolean;
    },
  ) {
    const sink = fakeSink();
    hub.connect({
      networkId: options.networkId ?? 'network-1',
      memberId: options.memberId ?? 'member-1',
      sessionId: 'session-1',
      rooms: options.rooms,
      sink,
      isClosedBy: options.isClosedBy,
    });
    return sink;
  }

  function hubWith(options: RealtimeHubOptions = {}) {
    return createRealtimeHub(bus, options);
  }

  it('opens with a retry interval and a ready event', () => {
    const sink = connect(hubWith(), { rooms: ['member:member-1'] });
    expect(sink.text()).toBe('retry: 3000\n\nevent: ready\ndata: {}\n\n');
  });

  it('delivers an event to streams whose rooms intersect its rooms, once each', () => {
    const hub = hubWith();
    const both = connect(hub, { rooms: ['network:network-1', 'role:network-1:dispatcher'] });
    const other = connect(hub, { rooms: ['role:network-1:responder'] });
    bus.publishAfterCommit([event({ rooms: ['network:network-1', 'role:network-1:dispatcher'] })]);
    expect(both.text().match(/event: incident.verified/g)).toHaveLength(1);
    expect(other.text()).not.toContain('incident.verified');
  });

  it('sends id, event type and a JSON data line without rooms or network', () => {
    const sink = connect(hubWith(), { rooms: ['network:network-1'] });
    bus.publishAfterCommit([event({ id: 'event-1' })]);
    const frame = sink.text().split('\n\n')[2]!;
    expect(frame.split('\n')).toEqual([
      'id: event-1',
      'event: incident.verified',
      'data: {"type":"incident.verified","data":{"incidentId":"incident-1"},"occurredAt":1000}',
    ]);
  });

  it('never delivers an event of another network, even in a shared room name', () => {
    const hub = hubWith();
    const sink = connect(hub, { rooms: ['area:shared'], networkId: 'network-1' });
    bus.publishAfterCommit([event({ networkId: 'network-2', rooms: ['area:shared'] })]);
    expect(sink.text()).not.toContain('incident.verified');
    bus.publishAfterCommit([event({ networkId: 'network-1', rooms: ['area:shared'] })]);
    expect(sink.text()).toContain('incident.verified');
  });

  it('drops a client that stopped reading instead of buffering for it', () => {
    const hub = hubWith({ maximumBufferedBytes: 1000 });
    const slow = connect(hub, { rooms: ['network:network-1'] });
    const fast = connect(hub, { rooms: ['network:network-1'], memberId: 'member-2' });
    slow.unsent = 900;
    bus.publishAfterCommit([event({ data: { padding: 'x'.repeat(200) } })]);
    expect(slow.state).toBe('destroyed');
    expect(slow.text()).not.toContain('incident.verified');
    expect(fast.text()).toContain('incident.verified');
    expect(hub.connectionCount()).toBe(1);
    // Once dropped it receives nothing more (a write would throw in the fake sink).
    bus.publishAfterCommit([event()]);
    expect(fast.text().match(/incident.verified/g)!.length).toBeGreaterThan(1);
  });

  it('closes a stream after delivering the event that ends it', () => {
    const hub = hubWith();
    const sink = connect(hub, {
      rooms: ['member:member-1'],
      isClosedBy: (received) => received.type === 'session.revoked',
    });
    bus.publishAfterCommit([event({ type: 'session.revoked', rooms: ['member:member-1'], data: {} })]);
    expect(sink.text()).toContain('event: session.revoked');
    expect(sink.state).toBe('ended');
    expect(hub.connectionCount('member-1')).toBe(0);
  });

  it('sends a heartbeat comment and closes streams that outlived their lifetime', () => {
    vi.useFakeTimers();
    const hub = hubWith({ heartbeatMs: 15_000, maximumLifetimeMs: 60_000 });
    const sink = connect(hub, { rooms: ['member:member-1'] });
    vi.advanceTimersByTime(15_000);
    expect(sink.text()).toContain(': heartbeat\n\n');
    expect(sink.state).toBe('open');
    vi.advanceTimersByTime(60_000);
    expect(sink.state).toBe('ended');
    expect(hub.connectionCount()).toBe(0);
  });

  it('forgets a stream when the client goes away', () => {
    const hub = hubWith();
    const sink = connect(hub, { rooms: ['member:member-1'] });
    expect(hub.connectionCount('member-1')).toBe(1);
    sink.destroy();
    expect(hub.connectionCount('member-1')).toBe(0);
  });

  it('tells every stream to refetch when the bus may have missed events', () => {
    let signalMissed: () => void = () => undefined;
    const hub = createRealtimeHub({
      ...bus,
      onMissedEvents: (listener) => {
        signalMissed = listener;
        return () => undefined;
      },
    });
    const sink = connect(hub, { rooms: ['member:member-1'] });
    signalMissed();
    expect(sink.text()).toContain('event: resync\ndata: {}\n\n');
  });

  it('ends every stream on close, refuses new ones and stops delivering', () => {
    const hub = hubWith();
    const sink = connect(hub, { rooms: ['network:network-1'] });
    hub.close();
    expect(sink.state).toBe('ended');
    expect(() => connect(hub, { rooms: ['network:network-1'] })).toThrow(/closed/);
    expect(() => bus.publishAfterCommit([event()])).not.toThrow();
  });
});
