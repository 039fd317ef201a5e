import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { t } from '../../../platform/i18n/index.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { defineJob, isEffectRecorded, recordEffect } from '../../../platform/jobs/index.ts';
import type { JobDefinition } from '../../../platform/jobs/index.ts';
import { SmsSendError } from '../../../platform/sms/sms.ts';
import type { SmsSender } from '../../../platform/sms/sms.ts';
import { findNetworkName } from '../../identity/index.ts';
import {
  findReportContact,
  listReachableReports,
  normalizePhone,
  reportStatusPath,
  sourceHashOf,
} from '../../intake/index.ts';
import {
  findIncidentMessage,
  findIncidentNoticeFacts,
  insertIncidentMessage,
  updateIncidentMessage,
} from './thread.repository.ts';
import { messageBodyContext, reachablePhone, sendMessageJobName } from './thread.service.ts';

/** The job the incidents module enqueues when an incident is confirmed or found a false alarm. */
export const notifyOutcomeJobName = 'reports.notifyOutcome';

export interface HotlineJobDeps {
  db: Kysely<Database>;
  clock: Clock;
  crypto: FieldCrypto;
  /** Null when Twilio is not configured: messages then fail (and say so in the thread). */
  sms: SmsSender | null;
  publicUrl: string;
}

/**
 * Texts a dispatcher's queued message to the reporter. At least once: a crash between the send
 * and the status update sends it again on retry (a repeated text costs less than a lost one). A
 * permanent provider refusal, a missing adapter or a contact deleted meanwhile marks it failed.
 */
export function createSendMessageJob(deps: HotlineJobDeps): JobDefinition<{ messageId: string }> {
  return defineJob({
    name: sendMessageJobName,
    lane: 'intake',
    payload: z.object({ messageId: z.string().min(1).max(100) }),
    maxAttempts: 8,
    handle: async ({ messageId }) => {
      const message = await findIncidentMessage(deps.db, messageId);
      if (!message || message.status !== 'queued' || message.body_enc === null) return;
      const report = await findReportContact(deps.db, message.report_id);
      const phone = report ? reachablePhone(deps.crypto, report) : null;
      const networkName = await findNetworkName(deps.db, message.network_id);
      if (!deps.sms || !report || !phone || networkName === null) {
        await updateIncidentMessage(deps.db, messageId, { status: 'failed' });
        return;
      }
      const body = t(report.language, 'sms.dispatcherMessage', {
        networkName,
        body: deps.crypto.decrypt(message.body_enc, messageBodyContext),
      });
      try {
        const sent = await deps.sms.send({ to: phone, body });
        await updateIncidentMessage(deps.db, messageId, {
          status: 'sent',
          provider_message_id: sent.providerMessageId,
          sent_at: deps.clock.now(),
        });
      } catch (error) {
        if (error instanceof SmsSendError && !error.isRetryable) {
          await updateIncidentMessage(deps.db, messageId, { status: 'failed' });
          return;
        }
        throw error;
      }
    },
  });
}

/**
 * Tells every consenting reporter of an incident its outcome in their language: confirmed, or a
 * false alarm with a link to their own report's status page. One text per report and outcome, keyed so a retried
 * job does not text twice what it already sent; each notice joins the incident's thread.
 */
export function createNotifyOutcomeJob(
  deps: HotlineJobDeps,
): JobDefinition<{ incidentId: string; outcome: 'confirmed' | 'false_alarm' }> {
  return defineJob({
    name: notifyOutcomeJobName,
    lane: 'intake',
    payload: z.object({
      incidentId: z.string().min(1).max(100),
      outcome: z.enum(['confirmed', 'false_alarm']),
    }),
    maxAttempts: 8,
    handle: async ({ incidentId, outcome }) => {
      const incident = await findIncidentNoticeFacts(deps.db, incidentId);
      if (!incident || !deps.sms) return;
      for (const report of await listReachableReports(deps.db, incidentId)) {
        // The reporter's own status link (their report, in broad steps), never the incident's page,
        // which other reports share (issue 27, no oracles).
        const link = `${deps.publicUrl}${reportStatusPath(deps.crypto, incident.slug, report.id)}`;
        const key = `${notifyOutcomeJobName}:${report.id}:${outcome}`;
        if (await isEffectRecorded(deps.db, key)) continue;
        const phone = reachablePhone(deps.crypto, { ...report, contact_consent: 1, contact_purged_at: null });
        if (!phone) continue;
        const body = t(
          report.language,
          outcome === 'confirmed' ? 'sms.outcomeConfirmed' : 'sms.outcomeFalseAlarm',
          {
            networkName: incident.name,
            link,
          },
        );
        try {
          const sent = await deps.sms.send({ to: phone, body });
          await recordNotice(deps, { report, phone, body, providerMessageId: sent.providerMessageId, key });
        } catch (error) {
          // A number the provider refuses for good (unsubscribed, invalid) is skipped, not retried.
          if (error instanceof SmsSendError && !error.isRetryable) {
            await recordEffect(deps.db, key, { clock: deps.clock });
            continue;
          }
          throw error;
        }
      }
    },
  });
}

async function recordNotice(
  deps: HotlineJobDeps,
  input: {
    report: { id: string; network_id: string; incident_id: string };
    phone: string;
    body: string;
    providerMessageId: string;
    key: string;
  },
): Promise<void> {
  const now = deps.clock.now();
  const digits = normalizePhone(input.phone);
  await deps.db.transaction().execute(async (trx) => {
    await recordEffect(trx, input.key, { clock: deps.clock });
    await insertIncidentMessage(trx, {
      id: newId(),
      network_id: input.report.network_id,
      incident_id: input.report.incident_id,
      report_id: input.report.id,
      direction: 'outbound',
      kind: 'outcome',
      body_enc: deps.crypto.encrypt(input.body, messageBodyContext),
      author_member_id: null,
      phone_hash: digits ? sourceHashOf(deps.crypto, { kind: 'phone', phone: digits }) : null,
      status: 'sent',
      provider_message_id: input.providerMessageId,
      created_at: now,
      sent_at: now,
    });
  });
}
