import { get, put } from '../../../lib/api.ts';
import type { PresentedTraining, RosterEntry, RosterPage, TrainingInput } from './types.ts';

/** Every responder of the network with their training records (the roster, up to 200). */
export async function listRespondersWithTraining(): Promise<RosterEntry[]> {
  return (await get<RosterPage>('/api/responders?limit=200')).responders;
}

/** Replaces a responder's training records with `trainings` (coordinators only; audited). */
export async function saveResponderTraining(
  memberId: string,
  trainings: TrainingInput['trainings'],
): Promise<PresentedTraining[]> {
  return (
    await put<{ trainings: PresentedTraining[] }>(`/api/responders/${memberId}/training`, { trainings })
  ).trainings;
}
