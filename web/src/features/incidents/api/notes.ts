import { get, post } from '../../../lib/api.ts';
import type { NoteList, PresentedNote } from './types.ts';

export async function listNotes(incidentId: string): Promise<PresentedNote[]> {
  return (await get<NoteList>(`/api/incidents/${incidentId}/notes`)).notes;
}

export function addNote(incidentId: string, body: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/notes`, { body });
}
