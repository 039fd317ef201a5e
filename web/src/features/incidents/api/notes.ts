import { get, post } from '../../../lib/api.ts';
import type { Note } from './types.ts';

export async function listNotes(incidentId: string): Promise<Note[]> {
  return (await get<{ notes: Note[] }>(`/api/incidents/${incidentId}/notes`)).notes;
}

export function addNote(incidentId: string, body: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/notes`, { body });
}
