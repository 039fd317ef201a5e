import { api, get, post, put } from '../../../lib/api.ts';
import type {
  OfferWithIncident,
  OutcomeInput,
  OwnOfferList,
  OwnResponderAnswer,
  OwnResponderProfile,
  TestPageAnswer,
} from './types.ts';

export async function getOwnProfile(): Promise<OwnResponderProfile> {
  return (await get<OwnResponderAnswer>('/api/responders/me')).responder;
}

export async function getPushPublicKey(): Promise<string> {
  return (await get<{ publicKey: string }>('/api/responders/me/push')).publicKey;
}

/** The browser's PushSubscription.toJSON(), or null to stop offers by push on this device. */
export function setPushSubscription(subscription: PushSubscriptionJSON | null): Promise<unknown> {
  return put('/api/responders/me/push', { subscription });
}

export function setContact(smsPhone: string | null): Promise<OwnResponderAnswer> {
  return put<OwnResponderAnswer>('/api/responders/me/contact', { smsPhone });
}

export function verifyContact(code: string): Promise<OwnResponderAnswer> {
  return post<OwnResponderAnswer>('/api/responders/me/contact/verify', { code });
}

export function sendTestPage(): Promise<TestPageAnswer> {
  return post<TestPageAnswer>('/api/responders/me/test-page');
}

export function reportProgress(
  offerId: string,
  status: 'enRoute' | 'onScene',
  etaMinutes?: number,
): Promise<unknown> {
  return post(
    `/api/offers/${offerId}/status`,
    etaMinutes === undefined ? { status } : { status, etaMinutes },
  );
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

/** One attempt at an outcome kept in the outbox; the key makes a retry count once. */
export function sendOutcomeOnce(
  offerId: string,
  report: OutcomeInput,
  idempotencyKey: string,
): Promise<unknown> {
  return api('POST', `/api/offers/${offerId}/outcome`, report, { 'idempotency-key': idempotencyKey });
}
