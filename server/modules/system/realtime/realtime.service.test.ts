import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { DomainEvent } from '../../../platform/realtime/events.ts';
import type { RealtimeConnectionOptions, RealtimeHub } from '../../../platform/realtime/realtime-hub.ts';
import type { Principal } from '../../identity/auth/principal.ts';
import { isStreamEndedBy, maximumStreamsPerMember, openRealtimeStream } from './realtime.service.ts';

const principal: Principal = {
  memberId: 'member-1',
  networkId: 'network-1',
  sessionId: 'session-1',
  status: 'probationary',
  roles: [],
  secondFactorAt: null,
  secondFactorMethod: null,
  hasPasskey: false,
  hasSecondFactor: false,
  csrfToken: 'csrf',
};

function revoked(data: Record<string, unknown>, type = 'session.revoked'): DomainEvent {
  return { type, networkId: 'network-1', rooms: ['member:member-1'], data, occurredAt: 0 };
}

function recordingHub(openStreams: number): RealtimeHub & { connected: RealtimeConnectionOptions[] } {
  const connected: RealtimeConnectionOptions[] = [];
  return {
    connected,
    connect: (options) => connected.push(options),
    connectionCount: () => openStreams,
    close: () => undefined,
  };
}

const stream = { memberId: 'member-1', sessionId: 'session-1' };

describe('isStreamEndedBy', () => {
  it('closes the named session only', () => {
    expect(isStreamEndedBy(revoked({ sessionId: 'session-1' }), stream)).toBe(true);
    expect(isStreamEndedBy(revoked({ sessionId: 'session-2' }), stream)).toBe(false);
  });

  it('closes sessions listed in sessionIds', () => {
    expect(isStreamEndedBy(revoked({ sessionIds: ['session-0', 'session-1'] }), stream)).toBe(true);
    expect(isStreamEndedBy(revoked({ sessionIds: ['session-0'] }), stream)).toBe(false);
  });

  it('closes every session when no session is named', () => {
    expect(isStreamEndedBy(revoked({ all: true }), stream)).toBe(true);
    expect(isStreamEndedBy(revoked({}), stream)).toBe(true);
  });

  it('ignores other event types', () => {
    expect(isStreamEndedBy(revoked({}, 'session.started'), stream)).toBe(false);
    expect(isStreamEndedBy(revoked({ memberId: 'member-1' }, 'incident.opened'), stream)).toBe(false);
  });

  it("ends the member's streams when their own roles or status change, not a coordinator's", () => {
    for (const type of ['member.rolesChanged', 'member.vetted', 'member.suspended', 'member.removed']) {
      expect(isStreamEndedBy(revoked({ memberId: 'member-1' }, type), stream)).toBe(true);
      expect(isStreamEndedBy(revoked({ memberId: 'member-2' }, type), stream)).toBe(false);
    }
  });
});

describe('openRealtimeStream', () => {
  it('registers the stream with the rooms of the principal and its network', () => {
    const hub = recordingHub(0);
    openRealtimeStream({ hub }, principal, { writableLength: 0 });
    expect(hub.connected).toHaveLength(1);
    expect(hub.connected[0]).toMatchObject({
      networkId: 'network-1',
      memberId: 'member-1',
      sessionId: 'session-1',
      rooms: ['member:member-1'],
    });
  });

  it(`refuses a ${maximumStreamsPerMember + 1}th stream for one member with RATE_LIMITED`, () => {
    const hub = recordingHub(maximumStreamsPerMember);
    let thrown: unknown;
    try {
      openRealtimeStream({ hub }, principal, { writableLength: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('RATE_LIMITED');
    expect((thrown as AppError).status).toBe(429);
    expect(hub.connected).toHaveLength(0);
  });
});
