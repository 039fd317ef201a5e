import { describe, expect, it } from 'vitest';
import type { Principal } from '../../identity/auth/principal.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { roomsFor } from './realtime-rooms.ts';

function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    memberId: 'member-1',
    networkId: 'network-1',
    sessionId: 'session-1',
    status: 'active',
    roles: [],
    secondFactorAt: null,
    secondFactorMethod: null,
    hasPasskey: false,
    hasSecondFactor: false,
    csrfToken: 'csrf',
    ...overrides,
  };
}

describe('roomsFor', () => {
  it('puts an active member in their network and member rooms', () => {
    expect(roomsFor(principal()).sort()).toEqual(['member:member-1', 'network:network-1']);
  });

  it('adds a network-wide role room per unlimited grant', () => {
    const joined = roomsFor(
      principal({
        roles: [
          { role: 'dispatcher', areaId: null },
          { role: 'responder', areaId: null },
        ],
      }),
    );
    expect(joined).toContain('role:network-1:dispatcher');
    expect(joined).toContain('role:network-1:responder');
    expect(joined).toHaveLength(4);
  });

  it('limits an area grant to its area rooms, never the network-wide role room', () => {
    const joined = roomsFor(principal({ roles: [{ role: 'dispatcher', areaId: 'area-a' }] }));
    expect(joined.sort()).toEqual([
      'area:area-a',
      'area:area-a:role:dispatcher',
      'member:member-1',
      'network:network-1',
    ]);
    expect(joined).not.toContain(rooms.role('network-1', 'dispatcher'));
  });

  it('lists each room once', () => {
    const joined = roomsFor(
      principal({
        roles: [
          { role: 'dispatcher', areaId: 'area-a' },
          { role: 'responder', areaId: 'area-a' },
        ],
      }),
    );
    expect(joined.filter((room) => room === 'area:area-a')).toHaveLength(1);
  });

  it('gives a probationary member only their own room, whatever roles they were granted', () => {
    const joined = roomsFor(
      principal({
        status: 'probationary',
        roles: [
          { role: 'admin', areaId: null },
          { role: 'dispatcher', areaId: 'area-a' },
        ],
      }),
    );
    expect(joined).toEqual(['member:member-1']);
  });

  it('gives suspended and removed members only their own room', () => {
    for (const status of ['suspended', 'removed'] as const) {
      expect(roomsFor(principal({ status, roles: [{ role: 'admin', areaId: null }] }))).toEqual([
        'member:member-1',
      ]);
    }
  });
});
