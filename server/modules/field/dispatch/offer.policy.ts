import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { hasRole, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { dispatcherRoles } from './dispatch.deps.ts';
import { requireIncidentAccess } from '../../intake/index.ts';
import { findOfferById } from './offer.repository.ts';
import type { OfferRow } from './offer.repository.ts';

export function offerNotFound(): AppError {
  return new AppError('OFFER_NOT_FOUND', 'Offer not found.');
}

/**
 * The offer, if it was sent to this responder. Anyone else's offer — another responder's, another
 * network's — is not found: a responder never learns about other people's dispatches.
 */
export async function requireOwnOffer(
  db: Kysely<Database>,
  principal: Principal,
  offerId: string,
): Promise<OfferRow> {
  requireRole(principal, ['responder']);
  const offer = await findOfferById(db, offerId);
  if (
    !offer ||
    offer.network_id !== principal.networkId ||
    offer.responder_member_id !== principal.memberId
  ) {
    throw offerNotFound();
  }
  return offer;
}

/** The offer for its responder, or for a dispatcher or coordinator who can see its incident. */
export async function requireVisibleOffer(
  db: Kysely<Database>,
  principal: Principal,
  offerId: string,
): Promise<{ offer: OfferRow; isOwn: boolean }> {
  requireRole(principal, ['responder', ...dispatcherRoles]);
  const offer = await findOfferById(db, offerId);
  if (!offer || offer.network_id !== principal.networkId) throw offerNotFound();
  if (offer.responder_member_id === principal.memberId && hasRole(principal, ['responder'])) {
    return { offer, isOwn: true };
  }
  if (!hasRole(principal, dispatcherRoles)) throw offerNotFound();
  try {
    await requireIncidentAccess(db, { principal, incidentId: offer.incident_id, roles: dispatcherRoles });
  } catch {
    throw offerNotFound();
  }
  return { offer, isOwn: false };
}
