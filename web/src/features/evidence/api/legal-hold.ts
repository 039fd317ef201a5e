import { get, put, remove } from '../../../lib/api.ts';
import type { LegalHoldAnswer } from './types.ts';

/** The incident's legal hold on its evidence, or null. */
export function getLegalHold(incidentId: string): Promise<LegalHoldAnswer> {
  return get<LegalHoldAnswer>(`/api/incidents/${incidentId}/legal-hold`);
}

/** Places a legal hold, or reviews the one in place (coordinators, with step-up). */
export function placeLegalHold(incidentId: string, reason: string): Promise<LegalHoldAnswer> {
  return put<LegalHoldAnswer>(`/api/incidents/${incidentId}/legal-hold`, { reason });
}

/** Lifts the legal hold (coordinators, with step-up). */
export function liftLegalHold(incidentId: string): Promise<LegalHoldAnswer> {
  return remove<LegalHoldAnswer>(`/api/incidents/${incidentId}/legal-hold`);
}
