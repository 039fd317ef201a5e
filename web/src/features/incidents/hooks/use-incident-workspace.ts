import { navigate } from '../../../lib/hash-route.ts';
import { useKeyCommands } from '../../../lib/keyboard.ts';
import { isAbout } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { changeIncidentStatus, claimIncident, getIncident, releaseIncident } from '../api/incidents.ts';
import { addNote, listNotes } from '../api/notes.ts';
import type { IncidentStatus } from '../api/types.ts';

/**
 * An incident kept current (detail and notes refetch on its realtime events), and what a dispatcher
 * does with it: claim (c), change status (v: verifying), note, back to the queue (q).
 */
export function useIncidentWorkspace(incidentId: string) {
  const live = { events: isAbout(incidentId), dependencies: [incidentId] };
  const detail = useLiveResource(() => getIncident(incidentId), live);
  // Notes are secondary: the page works without them.
  const notes = useLiveResource(() => listNotes(incidentId).catch(() => []), live);
  const action = useAction();

  const act = async (step: () => Promise<unknown>, doneKey: string) => {
    await action.run(step, { done: doneKey });
    await Promise.all([detail.reload(), notes.reload()]);
  };
  const claim = () => act(() => claimIncident(incidentId), 'incident.claimed');
  const takeOver = () => act(() => claimIncident(incidentId, { takeOver: true }), 'incident.tookOver');
  const release = () => act(() => releaseIncident(incidentId), 'incident.released');
  const changeStatus = (status: IncidentStatus) =>
    act(() => changeIncidentStatus(incidentId, status), 'incident.statusChanged');
  const saveNote = (body: string) => act(() => addNote(incidentId, body), 'incident.noteAdded');

  useKeyCommands({
    c: () => void claim(),
    v: () => void changeStatus('verifying'),
    q: () => navigate('/queue'),
    Escape: () => navigate('/queue'),
  });
  return { detail, notes, action, claim, takeOver, release, changeStatus, saveNote };
}
