import { isAppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { smsKeywords, smsKeywordSet } from '../../../platform/sms/keyword.ts';
import type { ReportCategory } from '../../intake/index.ts';
import { reportFieldContexts } from '../../intake/index.ts';
import { recordReporterPhone, submitReport } from '../../intake/index.ts';
import type { ReportDeps } from '../../intake/index.ts';
import type { Network } from '../../identity/index.ts';
import { deleteConversation, saveConversation } from './conversation.repository.ts';
import type { ConversationStage, SmsConversationsTable } from './hotline.tables.ts';
import { detectSmsCategory, parseSmsLocation } from './sms-text.ts';

/** A conversation ends after this long without a text (and is purged then). */
export const conversationLifetimeMs = 30 * 60 * 1000;
const draftContext = 'sms_conversations.draft';

/** One texter, on one network, in one language. */
export interface Texter {
  network: Network;
  /** E.164, as Twilio gave it. */
  phoneE164: string;
  phoneHash: string;
  language: string;
  /** Translates an `sms.*` message in the texter's language, with the network's name. */
  say(key: string, values?: Record<string, string>): string;
}

interface Draft {
  description: string;
  category: ReportCategory;
}

/**
 * A new free-text report: stored at once when it says where, otherwise kept (encrypted) for
 * thirty minutes while the hotline asks where.
 */
export async function startSmsReport(deps: ReportDeps, texter: Texter, text: string): Promise<string[]> {
  const location = parseSmsLocation(text);
  const draft: Draft = { description: text, category: detectSmsCategory(text) };
  if (!location.zip && !location.locationText) return askForLocation(deps, texter, draft);
  return storeAndAskConsent(deps, texter, draft, location);
}

/** The answer to "where?": whatever it says becomes the location (ZIP, address, or the text as typed). */
export async function completeSmsReport(
  deps: ReportDeps,
  texter: Texter,
  conversation: SmsConversationsTable,
  text: string,
): Promise<string[]> {
  const draft = readDraft(deps, conversation);
  if (!draft) return startSmsReport(deps, texter, text);
  const location = parseSmsLocation(text);
  return storeAndAskConsent(deps, texter, draft, {
    zip: location.zip,
    locationText: location.locationText ?? (location.zip ? undefined : text.slice(0, 300)),
  });
}

/**
 * YES keeps the texter's number (encrypted) as the report's callback contact; NO keeps nothing.
 * Either way the conversation ends.
 */
export async function answerConsent(
  deps: ReportDeps,
  texter: Texter,
  conversation: SmsConversationsTable,
  isYes: boolean,
): Promise<string[]> {
  const { network, phoneHash } = texter;
  const recorded = await deps.db.transaction().execute(async (trx) => {
    await deleteConversation(trx, { networkId: network.id, phoneHash });
    if (!isYes || !conversation.report_id) return false;
    return recordReporterPhone(trx, {
      reportId: conversation.report_id,
      networkId: network.id,
      contactEnvelope: deps.crypto.encrypt(texter.phoneE164, reportFieldContexts.callbackContact),
    });
  });
  return [texter.say(recorded ? 'consentSaved' : 'consentDeclined')];
}

const yesWords = smsKeywordSet(smsKeywords.consentYes);
const noWords = smsKeywordSet(smsKeywords.consentNo);

/** true for yes, false for no, null when the text is neither (it is then read as something else). */
export function consentAnswerOf(normalizedText: string): boolean | null {
  if (yesWords.has(normalizedText)) return true;
  if (noWords.has(normalizedText)) return false;
  return null;
}

async function askForLocation(deps: ReportDeps, texter: Texter, draft: Draft): Promise<string[]> {
  await save(deps, texter, 'awaiting_location', {
    draft_enc: deps.crypto.encrypt(JSON.stringify(draft), draftContext),
    report_id: null,
  });
  return [texter.say('askLocation')];
}

async function storeAndAskConsent(
  deps: ReportDeps,
  texter: Texter,
  draft: Draft,
  location: { zip?: string; locationText?: string },
): Promise<string[]> {
  const { network } = texter;
  let stored;
  try {
    stored = await submitReport(deps, {
      networkId: network.id,
      networkLanguages: network.languages,
      channel: 'sms',
      category: draft.category,
      zip: location.zip,
      locationText: location.locationText,
      description: draft.description.slice(0, 2000),
      language: texter.language,
      source: { kind: 'phone', phone: texter.phoneE164 },
    });
  } catch (error) {
    // A place the service cannot use (e.g. an unknown ZIP code): ask again rather than fail.
    if (isAppError(error) && error.code === 'LOCATION_REQUIRED') return askForLocation(deps, texter, draft);
    throw error;
  }
  if (stored.isFlagged) {
    // A tip about a private person: acknowledged like any report, but nobody will call back.
    await deleteConversation(deps.db, { networkId: network.id, phoneHash: texter.phoneHash });
    return [texter.say('reportReceived')];
  }
  await save(deps, texter, 'awaiting_consent', { draft_enc: null, report_id: stored.reportId });
  return [texter.say('reportReceived'), texter.say('askConsent')];
}

async function save(
  deps: ReportDeps,
  texter: Texter,
  stage: ConversationStage,
  fields: Pick<SmsConversationsTable, 'draft_enc' | 'report_id'>,
): Promise<void> {
  const now = deps.clock.now();
  await saveConversation(deps.db, {
    id: newId(),
    network_id: texter.network.id,
    phone_hash: texter.phoneHash,
    stage,
    language: texter.language,
    ...fields,
    created_at: now,
    updated_at: now,
    expires_at: now + conversationLifetimeMs,
  });
}

function readDraft(deps: ReportDeps, conversation: SmsConversationsTable): Draft | null {
  if (!conversation.draft_enc) return null;
  try {
    const value = JSON.parse(deps.crypto.decrypt(conversation.draft_enc, draftContext)) as Partial<Draft>;
    if (typeof value.description !== 'string' || typeof value.category !== 'string') return null;
    return { description: value.description, category: value.category };
  } catch {
    return null;
  }
}
