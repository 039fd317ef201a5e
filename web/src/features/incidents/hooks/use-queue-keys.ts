import { useState } from 'preact/hooks';
import { navigate } from '../../../lib/hash-route.ts';
import { useKeyCommands } from '../../../lib/keyboard.ts';
import type { Action } from '../../../lib/use-action.ts';
import { changeIncidentStatus, claimIncident } from '../api/incidents.ts';
import type { PresentedIncident } from '../api/types.ts';

/**
 * The queue's keyboard: j/k move, Enter opens, c claims, v starts verifying, n opens phone entry.
 * Answers the selected row's index and incident.
 */
export function useQueueKeys(incidents: PresentedIncident[], action: Action, reload: () => Promise<void>) {
  const [selected, setSelected] = useState(0);
  const current = incidents[Math.min(selected, incidents.length - 1)];
  const act = async (step: () => Promise<unknown>, doneKey: string) => {
    await action.run(step, { done: doneKey });
    await reload();
  };
  useKeyCommands({
    j: () => setSelected((index) => Math.min(index + 1, Math.max(incidents.length - 1, 0))),
    k: () => setSelected((index) => Math.max(index - 1, 0)),
    Enter: () => (current ? navigate(`/incident/${current.id}`) : false),
    c: () => (current ? void act(() => claimIncident(current.id), 'incident.claimed') : false),
    v: () =>
      current
        ? void act(() => changeIncidentStatus(current.id, 'verifying'), 'incident.statusChanged')
        : false,
    n: () => navigate('/entry'),
  });
  return { selected, current };
}
