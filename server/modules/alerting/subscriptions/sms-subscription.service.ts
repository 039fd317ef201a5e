import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { t } from '../../../platform/i18n/index.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { findNetworkById } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { zipArea } from './subscription-areas.ts';
import { contactIndexOf, normalizePhone, subscriberContactContext } from './subscription-contacts.ts';
import type { SubscriptionDeps } from './subscription.deps.ts';
import {
  deleteSmsOptOut,
  findSubscriberByContact,
  insertSmsOptOut,
  insertSubscriber,
  insertSubscriberAreas,
  listSubscriberAreas,
  unsubscribeByContact,
  updateSubscriber,
} from './subscription.repository.ts';
import { maxAreasPerSubscriber } from './subscription.contract.ts';
import { toAreaRows } from './subscription-areas.ts';
import { parseSubscriptionKeyword } from './sms-keywords.ts';
import type { SubscriptionKeyword } from './sms-keywords.ts';
import { lookupZip } from '../../../platform/geo/index.ts';
import type { SubscribersTable } from './subscription.tables.ts';

export interface SubscriptionSmsInput {
  networkId: string;
  /** The sender, E.164 as Twilio gives it in `From`. */
  phoneE164: string;
  text: string;
  /** The conversation's language as the caller guesses it; keywords and stored choices win. */
  language: string;
}

export interface SubscriptionSmsResult {
  /** False when the text is no subscription keyword: the caller treats it as something else (a report). */
  handled: boolean;
  /** Replies to send back, already translated. */
  replies: string[];
}

const notHandled: SubscriptionSmsResult = { handled: false, replies: [] };

/**
 * The subscription side of the SMS line: ALTA/JOIN <zip>, IDIOMA/LANG <code>, AYUDA/HELP, and
 * STOP/ALTO with Twilio's other opt-out words. An opt-out is recorded by the number's blind index
 * even when the number never subscribed, so nothing is ever texted to it again until it rejoins.
 */
export async function handleSubscriptionSms(
  deps: SubscriptionDeps,
  input: SubscriptionSmsInput,
): Promise<SubscriptionSmsResult> {
  const keyword = parseSubscriptionKeyword(input.text);
  if (!keyword) return notHandled;
  const phone = normalizePhone(input.phoneE164);
  const phoneIndex = contactIndexOf(deps.crypto, 'sms', phone);
  if (keyword.command === 'optOut') {
    // Honoured before anything else can fail (even an unknown network id records the opt-out).
    await optOut(deps, input.networkId, phoneIndex);
  }
  const network = await findNetworkById(deps.db, input.networkId);
  if (!network) return keyword.command === 'optOut' ? { handled: true, replies: [] } : notHandled;
  const existing = await findSubscriberByContact(deps.db, network.id, 'sms', phoneIndex);
  const language = replyLanguage(network, keyword, existing, input.language);
  const values = keywordValues(network, language);
  switch (keyword.command) {
    case 'optOut':
      return reply(t(language, 'subscriptions.sms.stopped', values));
    case 'help':
      return reply(t(language, 'subscriptions.sms.help', values));
    case 'optIn':
      return optIn(deps, network, existing, language, values);
    case 'language':
      return changeLanguage(deps, network, existing, keyword.language, language);
    case 'join':
      return join(deps, network, { phone, phoneIndex, existing, keyword, language });
  }
}

function reply(...replies: string[]): SubscriptionSmsResult {
  return { handled: true, replies };
}

async function optOut(deps: SubscriptionDeps, networkId: string, phoneIndex: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await insertSmsOptOut(trx, { network_id: networkId, phone_index: phoneIndex, created_at: now });
    await unsubscribeByContact(trx, { networkId, channel: 'sms', contactIndex: phoneIndex, now });
  });
}

function replyLanguage(
  network: Network,
  keyword: SubscriptionKeyword,
  existing: SubscribersTable | undefined,
  fallback: string,
): string {
  const offered = (language: string | null | undefined) =>
    language && network.languages.includes(language) ? language : null;
  if (keyword.command === 'join' && offered(keyword.language)) return keyword.language as string;
  if (existing && offered(existing.language)) return existing.language;
  if ('keywordLanguage' in keyword && offered(keyword.keywordLanguage)) return keyword.keywordLanguage;
  return offered(fallback) ?? network.languages[0] ?? 'en';
}

function keywordValues(network: Network, language: string) {
  return {
    network: network.name,
    joinKeyword: t(language, 'subscriptions.keyword.join'),
    stopKeyword: t(language, 'subscriptions.keyword.stop'),
    languageKeyword: t(language, 'subscriptions.keyword.language'),
    languages: network.languages.join(', '),
    max: maxAreasPerSubscriber,
  };
}

async function join(
  deps: SubscriptionDeps,
  network: Network,
  input: {
    phone: string;
    phoneIndex: string;
    existing: SubscribersTable | undefined;
    keyword: Extract<SubscriptionKeyword, { command: 'join' }>;
    language: string;
  },
): Promise<SubscriptionSmsResult> {
  const { keyword, language, existing } = input;
  const values = keywordValues(network, language);
  if (keyword.zips.length === 0) return reply(t(language, 'subscriptions.sms.zipMissing', values));
  const unknown = keyword.zips.find((zip) => lookupZip(zip) === null);
  if (unknown) return reply(t(language, 'subscriptions.sms.zipUnknown', { ...values, zip: unknown }));
  const now = deps.clock.now();
  const zips = await inTransaction(deps, async (uow) => {
    const current = existing ? await listSubscriberAreas(uow.trx, existing.id) : [];
    const known = new Set(current.map((area) => area.zip));
    const added = [...new Set(keyword.zips)].filter((zip) => !known.has(zip));
    if (current.length + added.length > maxAreasPerSubscriber) return null;
    const id = existing?.id ?? newId();
    if (existing) {
      await updateSubscriber(uow.trx, existing.id, {
        status: 'active',
        language,
        // The number may have changed format; the index is the same, the envelope is refreshed.
        contact_enc: deps.crypto.encrypt(input.phone, subscriberContactContext),
        unsubscribed_at: null,
        updated_at: now,
      });
    } else {
      await insertSubscriber(uow.trx, newSmsSubscriber(deps, network, input, id, now));
    }
    await insertSubscriberAreas(uow.trx, toAreaRows(added.map(zipArea), { id, networkId: network.id }, now));
    await deleteSmsOptOut(uow.trx, network.id, input.phoneIndex);
    return [...current.flatMap((area) => (area.zip ? [area.zip] : [])), ...added];
  });
  if (!zips) return reply(t(language, 'subscriptions.sms.tooManyAreas', values));
  return reply(t(language, 'subscriptions.sms.joined', { ...values, zips: zips.join(', ') }));
}

function newSmsSubscriber(
  deps: SubscriptionDeps,
  network: Network,
  input: { phone: string; phoneIndex: string; language: string },
  id: string,
  now: number,
): SubscribersTable {
  return {
    id,
    network_id: network.id,
    channel: 'sms',
    contact_enc: deps.crypto.encrypt(input.phone, subscriberContactContext),
    contact_index: input.phoneIndex,
    language: input.language,
    // Texts cost the network and wake people at night: SMS starts with urgent alerts only.
    preference: 'urgent',
    status: 'active',
    is_exercise_recipient: 0,
    pending_settings: null,
    confirmation_hash: null,
    confirmation_expires_at: null,
    created_at: now,
    updated_at: now,
    confirmed_at: now,
    unsubscribed_at: null,
    bounce_count: 0,
  };
}

async function optIn(
  deps: SubscriptionDeps,
  network: Network,
  existing: SubscribersTable | undefined,
  language: string,
  values: ReturnType<typeof keywordValues>,
): Promise<SubscriptionSmsResult> {
  const areas = existing ? await listSubscriberAreas(deps.db, existing.id) : [];
  if (!existing || areas.length === 0) return reply(t(language, 'subscriptions.sms.zipMissing', values));
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateSubscriber(trx, existing.id, { status: 'active', unsubscribed_at: null, updated_at: now });
    await deleteSmsOptOut(trx, network.id, existing.contact_index);
  });
  const zips = areas.flatMap((area) => (area.zip ? [area.zip] : []));
  return reply(t(language, 'subscriptions.sms.joined', { ...values, zips: zips.join(', ') }));
}

async function changeLanguage(
  deps: SubscriptionDeps,
  network: Network,
  existing: SubscribersTable | undefined,
  requested: string | null,
  language: string,
): Promise<SubscriptionSmsResult> {
  if (!requested || !network.languages.includes(requested)) {
    return reply(t(language, 'subscriptions.sms.languageUnknown', keywordValues(network, language)));
  }
  if (!existing || existing.status !== 'active') {
    return reply(t(requested, 'subscriptions.sms.zipMissing', keywordValues(network, requested)));
  }
  await updateSubscriber(deps.db, existing.id, { language: requested, updated_at: deps.clock.now() });
  return reply(
    t(requested, 'subscriptions.sms.languageChanged', {
      ...keywordValues(network, requested),
      languageName: t(requested, 'common.languageName'),
    }),
  );
}
