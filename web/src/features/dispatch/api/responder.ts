import { get, post, put } from '../../../lib/api.ts';
import type { OfferWithIncident, OutcomeInput, OwnOfferList, OwnResponderAnswer } from './types.ts';

export async function isOnCall(): Promise<boolean> {
  return (await get<OwnResponderAnswer>('/api/responders/me')).responder.isOnCall;
}

export async function listMyOffers(): Promise<OfferWithIncident[]> {
  return (await get<OwnOfferList>('/api/responders/me/offers')).offers;
}

export function setOnCall(isOnCall: boolean): Promise<unknown> {
  return put('/api/responders/me/availability', { isOnCall });
}

/** Only a coarse cell of the position is kept by the server; nothing is stored on the device. */
export function shareLocation(lat: number, lon: number): Promise<unknown> {
  return post('/api/responders/me/location', { lat, lon });
}

export function acceptOffer(offerId: string): Promise<unknown> {
  return post(`/api/offers/${offerId}/accept`);
}

export function declineOffer(offerId: string): Promise<unknown> {
  return post(`/api/offers/${offerId}/decline`);
}

export function reportOutcome(offerId: string, report: OutcomeInput): Promise<unknown> {
  return post(`/api/offers/${offerId}/outcome`, report);
}
