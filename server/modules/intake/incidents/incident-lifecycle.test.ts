import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors/app-error.ts';
import { canTransition, priorityOf, requireTransition } from './incident-lifecycle.ts';
import { incidentStatuses } from './incident.tables.ts';

function codeOf(action: () => void): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
}

describe('incident lifecycle', () => {
  it('allows exactly new → verifying → confirmed | unconfirmed | false_alarm → closed', () => {
    const allowed = incidentStatuses.flatMap((from) =>
      incidentStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      'new→verifying',
      'verifying→confirmed',
      'verifying→unconfirmed',
      'verifying→false_alarm',
      'confirmed→closed',
      'unconfirmed→closed',
      'false_alarm→closed',
    ]);
  });

  it('names the failure: INCIDENT_CLOSED from closed, INCIDENT_TRANSITION_INVALID otherwise', () => {
    expect(codeOf(() => requireTransition('new', 'verifying'))).toBeNull();
    expect(codeOf(() => requireTransition('new', 'confirmed'))).toBe('INCIDENT_TRANSITION_INVALID');
    expect(codeOf(() => requireTransition('confirmed', 'new'))).toBe('INCIDENT_TRANSITION_INVALID');
    expect(codeOf(() => requireTransition('verifying', 'verifying'))).toBe('INCIDENT_TRANSITION_INVALID');
    for (const to of incidentStatuses)
      expect(codeOf(() => requireTransition('closed', to))).toBe('INCIDENT_CLOSED');
  });

  it('ranks homes and workplaces first, then by distinct sources, capped', () => {
    expect(priorityOf('home', 1)).toBeGreaterThan(priorityOf('street_stop', 20));
    expect(priorityOf('street_stop', 3)).toBeGreaterThan(priorityOf('street_stop', 2));
    expect(priorityOf('other', 500)).toBe(priorityOf('other', 20));
  });
});
