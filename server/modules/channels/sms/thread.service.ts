import type { ServiceDeps } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import { recordAudit } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { incidentRooms, reportFieldContexts, requireIncidentAccess } from '../../intake/index.ts';
import { findReportContact, normalizePhone, sourceHashOf } from '../../intake/index.ts';
import type { IncidentMessagesTable } from './hotline.tables.ts';
import type { PresentedMessage } from './thread.contract.ts';
import { findOpenThread, insertIncidentMessage, listIncidentMessages } from './thread.repository.ts';

export const messageBodyContext = 'incident_messages.body';
export const sendMessageJobName = 'hotline.sendMessage';
/** A reporter's reply joins the thread if a dispatcher wrote to them within this time. */
export const openThreadMs = 24 * 60 * 60 * 1000;

export interface ThreadDeps extends ServiceDeps {
  jobs: JobWaker;
}

export type { PresentedMessage } from './thread.contract.ts';

/**
 * A dispatcher texts a reporter who left a number and agreed to be contacted. The message is
 * stored (encrypted) and its sending queued in one transaction, audited as a sensitive action;
 * the job texts it through the SMS adapter. REPORTER_NOT_REACHABLE when there is no consent or
 * the contact is gone (deleted by retention) or not a phone number.
 */
export async function sendReporterMessage(
  deps: ThreadDeps,
  principal: Principal,
  incidentId: string,
  input: { reportId: string; body: string },
): Promise<PresentedMessage> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  if (incident.status === 'closed') throw new AppError('INCIDENT_CLOSED', 'This incident is closed.');
  const report = await findReportContact(deps.db, input.reportId);
  if (!report || report.incident_id !== incident.id || report.network_id !== incident.network_id) {
    throw new AppError('REPORT_NOT_FOUND', 'That report is not part of this incident.');
  }
  const phone = reachablePhone(deps.crypto, report);
  if (!phone) {
    throw new AppError('REPORTER_NOT_REACHABLE', 'This reporter left no phone number we may text.');
  }
  const now = deps.clock.now();
  const row: IncidentMessagesTable = {
    id: newId(),
    network_id: incident.network_id,
    incident_id: incident.id,
    report_id: report.id,
    direction: 'outbound',
    kind: 'message',
    body_enc: deps.crypto.encrypt(input.body, messageBodyContext),
    author_member_id: principal.memberId,
    phone_hash: sourceHashOf(deps.crypto, { kind: 'phone', phone }),
    status: 'queued',
    provider_message_id: null,
    created_at: now,
    sent_at: null,
  };
  await inTransaction(deps, async (uow) => {
    await insertIncidentMessage(uow.trx, row);
    await recordAudit(deps, uow.trx, {
      networkId: incident.network_id,
      actorMemberId: principal.memberId,
      action: 'report.messageSent',
      objectType: 'report',
      objectId: report.id,
      metadata: { incidentId: incident.id, messageId: row.id },
    });
    await enqueueJobInUnitOfWork(uow, deps, {
      name: sendMessageJobName,
      payload: { messageId: row.id },
      idempotencyKey: `${sendMessageJobName}:${row.id}`,
    });
    uow.emit(messageEvent(row, now));
  });
  return present(row, input.body);
}

/** The thread of an incident, oldest first; showing it is an audited read of sensitive text. */
export async function listReporterThread(
  deps: ThreadDeps,
  principal: Principal,
  incidentId: string,
): Promise<{ messages: PresentedMessage[] }> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  const rows = await listIncidentMessages(deps.db, incident.id);
  await recordAudit(deps, deps.db, {
    networkId: incident.network_id,
    actorMemberId: principal.memberId,
    action: 'sensitive.read',
    objectType: 'incident',
    objectId: incident.id,
    metadata: { field: 'reporterMessages' },
  });
  return { messages: rows.map((row) => present(row, readBody(deps.crypto, row.body_enc))) };
}

/**
 * A text from a number a dispatcher wrote to in the last day, on an incident still open, joins
 * that thread instead of becoming a new report. Returns whether it did.
 */
export async function attachInboundReply(
  deps: Omit<ThreadDeps, 'jobs'>,
  input: { networkId: string; phoneHash: string; text: string },
): Promise<boolean> {
  const now = deps.clock.now();
  const thread = await findOpenThread(deps.db, { ...input, since: now - openThreadMs });
  if (!thread) return false;
  const row: IncidentMessagesTable = {
    id: newId(),
    network_id: input.networkId,
    incident_id: thread.incident_id,
    report_id: thread.report_id,
    direction: 'inbound',
    kind: 'message',
    body_enc: deps.crypto.encrypt(input.text, messageBodyContext),
    author_member_id: null,
    phone_hash: input.phoneHash,
    status: 'received',
    provider_message_id: null,
    created_at: now,
    sent_at: null,
  };
  await inTransaction(deps, async (uow) => {
    await insertIncidentMessage(uow.trx, row);
    uow.emit(messageEvent(row, now));
  });
  return true;
}

/** The reporter's phone number, if they consented and it is still held; null otherwise. */
export function reachablePhone(
  crypto: FieldCrypto,
  report: { callback_contact_enc: string | null; contact_consent: number; contact_purged_at: number | null },
): string | null {
  if (
    report.contact_consent !== 1 ||
    report.callback_contact_enc === null ||
    report.contact_purged_at !== null
  ) {
    return null;
  }
  try {
    const contact = crypto.decrypt(report.callback_contact_enc, reportFieldContexts.callbackContact);
    // Only something that is a phone number and nothing else: an email or a name cannot be texted.
    if (!/^[+\d\s().-]{7,25}$/.test(contact.trim())) return null;
    const digits = normalizePhone(contact);
    return digits ? `+${digits}` : null;
  } catch {
    return null;
  }
}

// Dispatchers see that a message came or went (no text in the event: they fetch the thread).
function messageEvent(row: IncidentMessagesTable, now: number) {
  return {
    type: 'incident.messageAdded',
    networkId: row.network_id,
    rooms: incidentRooms(row.network_id, []),
    data: { incidentId: row.incident_id, messageId: row.id, direction: row.direction, kind: row.kind },
    occurredAt: now,
  };
}

function readBody(crypto: FieldCrypto, envelope: string | null): string | null {
  if (envelope === null) return null;
  try {
    return crypto.decrypt(envelope, messageBodyContext);
  } catch {
    return null;
  }
}

function present(row: IncidentMessagesTable, body: string | null): PresentedMessage {
  return {
    id: row.id,
    reportId: row.report_id,
    direction: row.direction,
    kind: row.kind,
    body,
    authorMemberId: row.author_member_id,
    status: row.status,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
