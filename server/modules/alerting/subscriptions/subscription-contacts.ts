import { timingSafeEqual } from 'node:crypto';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { SubscriptionChannel } from './subscription.tables.ts';

/**
 * How subscriber contacts are stored: one envelope column for the phone, email or push
 * subscription, and a blind index per channel for lookups (find a subscriber by the number that
 * texted STOP) without decrypting anything.
 */
export const subscriberContactContext = 'subscribers.contact';

const indexPurposes: Record<SubscriptionChannel, string> = {
  sms: 'subscribers.phone',
  email: 'subscribers.email',
  push: 'subscribers.push_endpoint',
};
const unsubscribePurpose = 'subscribers.unsubscribe';

export function normalizeSubscriberEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Providers that ignore dots in the local part and the domains they answer to. */
const dotlessProviders: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an address delivers to, as far as limits care (issue 27): lower case, a `+tag`
 * dropped (every major provider delivers `name+tag@` to `name@`), and for Gmail the dots in the
 * local part too. Used only to count confirmations per mailbox, never to send.
 */
export function mailboxOf(email: string): string {
  const normalized = normalizeSubscriberEmail(email);
  const at = normalized.lastIndexOf('@');
  if (at < 1) return normalized;
  let local = normalized.slice(0, at);
  let domain = normalized.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const provider = dotlessProviders[domain];
  if (provider) {
    domain = provider;
    local = local.replaceAll('.', '');
  }
  return `${local}@${domain}`;
}

/** The limiter key for confirmations to one mailbox: a blind index, the address is not stored. */
export function mailboxLimitKey(crypto: FieldCrypto, email: string): string {
  return `confirmations:mailbox:${crypto.blindIndex(mailboxOf(email), 'limits.mailbox')}`;
}

/** Spaces, dashes and dots people type are not part of the number. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}

export function contactIndexOf(crypto: FieldCrypto, channel: SubscriptionChannel, contact: string): string {
  const normalized =
    channel === 'email'
      ? normalizeSubscriberEmail(contact)
      : channel === 'sms'
        ? normalizePhone(contact)
        : contact;
  return crypto.blindIndex(normalized, indexPurposes[channel]);
}

/**
 * The unsubscribe link's secret: a keyed hash of the subscriber id. Nothing is stored, every
 * message can carry it, and it cannot be forged without the index key.
 */
export function unsubscribeTokenFor(crypto: FieldCrypto, subscriberId: string): string {
  return `${subscriberId}.${crypto.blindIndex(subscriberId, unsubscribePurpose)}`;
}

/** The subscriber id an unsubscribe token was made for, or null when it was altered. */
export function subscriberIdFromToken(crypto: FieldCrypto, token: string): string | null {
  const separator = token.indexOf('.');
  if (separator < 1 || token.length > 200) return null;
  const subscriberId = token.slice(0, separator);
  const expected = Buffer.from(unsubscribeTokenFor(crypto, subscriberId));
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? subscriberId : null;
}
