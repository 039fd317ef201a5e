import { listOf } from '../../lib/list-of.ts';
import type { OfferStatus, OnSceneOutcome, WorkingOfferStatus } from './api/types.ts';

/** What a responder may report from the scene, in the order the form offers them. */
export const onSceneOutcomes = listOf<OnSceneOutcome>()(['confirmed', 'not_confirmed', 'false_alarm']);

/** An offer still waiting for the responder's answer. */
export const openOfferStatuses: readonly OfferStatus[] = ['offered'];

/** After acceptance, while the responder works the incident (the server's workingOfferStatuses). */
export const workingOfferStatuses = listOf<WorkingOfferStatus>()([
  'accepted',
  'en_route',
  'on_scene',
  'done',
]);

export function isWorkingStatus(status: OfferStatus): status is WorkingOfferStatus {
  return (workingOfferStatuses as readonly OfferStatus[]).includes(status);
}

/** Statuses that still hold the responder, which a dispatcher may cancel (the server's activeOfferStatuses). */
export const cancellableOfferStatuses: readonly OfferStatus[] = [
  'offered',
  'accepted',
  'en_route',
  'on_scene',
];
