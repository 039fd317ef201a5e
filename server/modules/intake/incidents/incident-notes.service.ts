import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { Principal } from '../../identity/index.ts';
import { recordIncidentChange } from './incident-changes.service.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { memberNamesById } from './incident-names.service.ts';
import { requireIncidentAccess } from './incident-access.policy.ts';
import { insertIncidentNote, listIncidentNotes } from './incident-notes.repository.ts';
import type { PresentedNote } from './incident.contract.ts';

/** Field-crypto context of incident_notes.body_enc. */
export const noteContext = 'incident_notes.body';

export type { PresentedNote } from './incident.contract.ts';

/** Adds a note to the incident's internal thread (stored encrypted; the event carries only ids). */
export async function addIncidentNote(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  input: { body: string },
): Promise<PresentedNote> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  const now = deps.clock.now();
  const id = newId();
  await inTransaction(deps, async (uow) => {
    await insertIncidentNote(uow.trx, {
      id,
      network_id: incident.network_id,
      incident_id: incident.id,
      author_member_id: principal.memberId,
      body_enc: deps.crypto.encrypt(input.body, noteContext),
      created_at: now,
    });
    await recordIncidentChange(deps, uow, {
      incidentId: incident.id,
      actorMemberId: principal.memberId,
      audit: 'incident.noteAdded',
      realtime: 'incident.noteAdded',
      metadata: { noteId: id },
    });
  });
  const names = await memberNamesById(deps, incident.network_id, [principal.memberId]);
  return {
    id,
    body: input.body,
    author: { memberId: principal.memberId, displayName: names.get(principal.memberId) ?? null },
    createdAt: now,
  };
}

export async function listNotesOfIncident(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
): Promise<{ notes: PresentedNote[] }> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  const notes = await listIncidentNotes(deps.db, incident.id);
  const names = await memberNamesById(
    deps,
    incident.network_id,
    notes.map((note) => note.author_member_id),
  );
  return {
    notes: notes.map((note) => ({
      id: note.id,
      body: readNote(deps, note.body_enc),
      author: { memberId: note.author_member_id, displayName: names.get(note.author_member_id) ?? null },
      createdAt: note.created_at,
    })),
  };
}

function readNote(deps: Pick<IncidentDeps, 'crypto'>, envelope: string): string | null {
  try {
    return deps.crypto.decrypt(envelope, noteContext);
  } catch {
    return null;
  }
}
