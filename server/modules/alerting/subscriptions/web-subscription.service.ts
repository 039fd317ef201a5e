import { createHash } from 'node:crypto';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { hourMs, takeSharedLimits } from '../../../platform/limits/index.ts';
import type { SharedLimit } from '../../../platform/limits/index.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import { parsePushSubscription } from '../../../platform/push/index.ts';
import type { Network } from '../../identity/index.ts';
import { areasForChoice, toAreaRows } from './subscription-areas.ts';
import type { NewSubscriberArea } from './subscription-areas.ts';
import {
  contactIndexOf,
  mailboxLimitKey,
  subscriberContactContext,
  unsubscribeTokenFor,
} from './subscription-contacts.ts';
import type { SubscriptionDeps } from './subscription.deps.ts';
import {
  deleteSubscriberAreas,
  findSubscriberByConfirmationHash,
  findSubscriberByContact,
  insertSubscriber,
  insertSubscriberAreas,
  listSubscriberAreas,
  updateSubscriber,
} from './subscription.repository.ts';
import type { EmailSubscriptionBody, PushSubscriptionBody } from './subscription.contract.ts';
import type {
  SubscriberAreasTable,
  SubscribersTable,
  SubscriptionPreference,
} from './subscription.tables.ts';

export interface CreatedSubscription {
  subscriberId: string;
  /** Path of the page that ends this subscription (the token is its credential). */
  unsubscribePath: string;
}

export const sendConfirmationJobName = 'subscriptions.sendConfirmation';

/** Subscribes this browser's push subscription (or updates it: one row per endpoint). */
export async function subscribePush(
  deps: SubscriptionDeps,
  network: Network,
  body: PushSubscriptionBody,
): Promise<CreatedSubscription> {
  const parsed = parsePushSubscription(body.subscription, deps.pushHosts, deps.allowedPrivateAddresses);
  if (!parsed.isValid) {
    throw new AppError(
      'PUSH_SUBSCRIPTION_INVALID',
      'This browser push subscription is not valid.',
      parsed.problems.map((problem) => ({
        path: `subscription.${problem.path}`.replace(/\.$/, ''),
        message: problem.message,
      })),
    );
  }
  requireOfferedLanguage(network, body.language);
  const areas = areasForChoice({ zips: body.zips, point: body.point });
  const { subscription } = parsed;
  const contactIndex = contactIndexOf(deps.crypto, 'push', subscription.endpoint);
  const now = deps.clock.now();
  const subscriberId = await inTransaction(deps, async (uow) => {
    const existing = await findSubscriberByContact(uow.trx, network.id, 'push', contactIndex);
    // New endpoints are capped per network and hour, across processes; a browser renewing its
    // own subscription is not new.
    if (!existing) {
      await takeSharedLimits(uow.trx, deps.clock, [
        {
          key: `push-subscriptions:network:${network.id}`,
          limit: deps.caps.pushSubscriptionsPerNetwork,
          windowMs: hourMs,
        },
      ]);
    }
    const id = existing?.id ?? newId();
    const settings = {
      contact_enc: deps.crypto.encrypt(JSON.stringify(subscription), subscriberContactContext),
      language: body.language,
      preference: body.preference,
      status: 'active' as const,
      unsubscribed_at: null,
      confirmed_at: now,
      updated_at: now,
    };
    if (existing) await updateSubscriber(uow.trx, id, settings);
    else
      await insertSubscriber(uow.trx, {
        ...newSubscriberRow(network, 'push', contactIndex, now),
        ...settings,
        id,
      });
    await deleteSubscriberAreas(uow.trx, id);
    await insertSubscriberAreas(uow.trx, toAreaRows(areas, { id, networkId: network.id }, now));
    return id;
  });
  return { subscriberId, unsubscribePath: unsubscribePathFor(deps, network, subscriberId) };
}

export interface PendingSettings {
  areas: NewSubscriberArea[];
  language: string;
  preference: SubscriptionPreference;
}

/**
 * Double opt-in: the address gets a confirmation link (sent by a job, in the same transaction as
 * the request) and receives nothing until it is followed. The requested areas wait in
 * `pending_settings`, so a stranger cannot change an existing subscriber's areas either. The
 * answer never says whether the address was known.
 */
export async function requestEmailSubscription(
  deps: SubscriptionDeps,
  network: Network,
  body: EmailSubscriptionBody,
): Promise<void> {
  requireOfferedLanguage(network, body.language);
  const areas = areasForChoice({ zips: body.zips, point: body.point });
  const contactIndex = contactIndexOf(deps.crypto, 'email', body.email);
  const pending: PendingSettings = { areas, language: body.language, preference: body.preference };
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    await takeSharedLimits(uow.trx, deps.clock, confirmationLimits(deps, network, body.email));
    const existing = await findSubscriberByContact(uow.trx, network.id, 'email', contactIndex);
    const id = existing?.id ?? newId();
    const changes = {
      pending_settings: JSON.stringify(pending),
      contact_enc: deps.crypto.encrypt(body.email.trim(), subscriberContactContext),
      // A link already sent was for other settings: it stops working, so a confirmation always
      // applies exactly what its mail and page showed.
      confirmation_hash: null,
      confirmation_expires_at: null,
      updated_at: now,
    };
    if (existing) {
      await updateSubscriber(
        uow.trx,
        id,
        existing.status === 'active' ? changes : { ...changes, status: 'pending' },
      );
    } else {
      await insertSubscriber(uow.trx, {
        ...newSubscriberRow(network, 'email', contactIndex, now),
        ...changes,
        id,
        language: body.language,
        preference: body.preference,
        status: 'pending',
      });
    }
    await enqueueJobInUnitOfWork(uow, deps, { name: sendConfirmationJobName, payload: { subscriberId: id } });
  });
}

/**
 * Confirmation mail is capped per mailbox (plus-tags and Gmail dots folded), per network and for
 * the whole deployment, every hour, in the database so the caps hold across app processes: the
 * sender that carries alerts cannot be turned into a mail cannon.
 */
function confirmationLimits(deps: SubscriptionDeps, network: Network, email: string): SharedLimit[] {
  return [
    {
      key: mailboxLimitKey(deps.crypto, email),
      limit: deps.caps.confirmationsPerAddressee,
      windowMs: hourMs,
    },
    {
      key: `confirmations:network:${network.id}`,
      limit: deps.caps.confirmationsPerNetwork,
      windowMs: hourMs,
    },
    { key: 'confirmations:all', limit: deps.caps.confirmationsGlobal, windowMs: hourMs },
  ];
}

export function hashConfirmationToken(token: string): string {
  return createHash('sha256').update(`subscription-confirmation:${token}`).digest('base64url');
}

/** What a confirmation link would apply, and what the address gets now if it is active. */
export interface ConfirmationPreview {
  pending: PendingSettings;
  /** Null unless the address already gets alerts: then confirming replaces these. */
  current: { areas: SubscriberAreasTable[]; language: string; preference: SubscriptionPreference } | null;
}

/** Reads what a confirmation link is for, without confirming (mail scanners follow links). */
export async function previewConfirmation(
  deps: SubscriptionDeps,
  network: Network,
  token: string,
): Promise<ConfirmationPreview> {
  const subscriber = await findSubscriberByConfirmationHash(
    deps.db,
    network.id,
    hashConfirmationToken(token),
  );
  const pending = subscriber ? parsePending(subscriber.pending_settings) : null;
  if (!subscriber || !pending || (subscriber.confirmation_expires_at ?? 0) < deps.clock.now()) {
    throw invalidLink();
  }
  const current =
    subscriber.status === 'active'
      ? {
          areas: await listSubscriberAreas(deps.db, subscriber.id),
          language: subscriber.language,
          preference: subscriber.preference,
        }
      : null;
  return { pending, current };
}

/** Applies the settings the confirmation link was sent for; the subscriber is active from now. */
export async function confirmEmailSubscription(
  deps: SubscriptionDeps,
  network: Network,
  token: string,
): Promise<CreatedSubscription> {
  const now = deps.clock.now();
  const subscriber = await findSubscriberByConfirmationHash(
    deps.db,
    network.id,
    hashConfirmationToken(token),
  );
  const pending = subscriber ? parsePending(subscriber.pending_settings) : null;
  if (!subscriber || !pending || (subscriber.confirmation_expires_at ?? 0) < now) throw invalidLink();
  await inTransaction(deps, async (uow) => {
    await updateSubscriber(uow.trx, subscriber.id, {
      status: 'active',
      language: pending.language,
      preference: pending.preference,
      pending_settings: null,
      confirmation_hash: null,
      confirmation_expires_at: null,
      confirmed_at: now,
      unsubscribed_at: null,
      updated_at: now,
    });
    await deleteSubscriberAreas(uow.trx, subscriber.id);
    await insertSubscriberAreas(
      uow.trx,
      toAreaRows(pending.areas, { id: subscriber.id, networkId: network.id }, now),
    );
  });
  return { subscriberId: subscriber.id, unsubscribePath: unsubscribePathFor(deps, network, subscriber.id) };
}

export function parsePending(stored: string | null): PendingSettings | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as PendingSettings;
    return Array.isArray(value.areas) && typeof value.language === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function unsubscribePathFor(
  deps: Pick<SubscriptionDeps, 'crypto'>,
  network: Pick<Network, 'slug'>,
  subscriberId: string,
): string {
  return `/a/${encodeURIComponent(network.slug)}/unsubscribe/${unsubscribeTokenFor(deps.crypto, subscriberId)}`;
}

function requireOfferedLanguage(network: Network, language: string): void {
  if (!network.languages.includes(language)) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid.', [
      { path: 'language', message: `Use one of ${network.languages.join(', ')}.` },
    ]);
  }
}

function newSubscriberRow(
  network: Network,
  channel: SubscribersTable['channel'],
  contactIndex: string,
  now: number,
): SubscribersTable {
  return {
    id: '',
    network_id: network.id,
    channel,
    contact_enc: '',
    contact_index: contactIndex,
    language: network.languages[0] ?? 'en',
    preference: 'urgent',
    status: 'pending',
    is_exercise_recipient: 0,
    pending_settings: null,
    confirmation_hash: null,
    confirmation_expires_at: null,
    created_at: now,
    updated_at: now,
    confirmed_at: null,
    unsubscribed_at: null,
    bounce_count: 0,
  };
}

export function invalidLink(): AppError {
  return new AppError('SUBSCRIPTION_LINK_INVALID', 'This link is not valid or has expired.');
}
