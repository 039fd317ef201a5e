import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { VoiceCallStatus, VoiceCallsTable, VoicemailsTable } from './voice.tables.ts';

/** Inserts the call unless its CallSid is known. True when this request created it. */
export async function insertCallOnce(db: Kysely<Database>, row: VoiceCallsTable): Promise<boolean> {
  const inserted = await db
    .insertInto('voice_calls')
    .values(row)
    .onConflict((conflict) => conflict.column('call_sid').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findCall(db: Kysely<Database>, callSid: string): Promise<VoiceCallsTable | undefined> {
  return db.selectFrom('voice_calls').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
}

export async function updateCall(
  db: Kysely<Database>,
  callSid: string,
  changes: Partial<Pick<VoiceCallsTable, 'language' | 'status' | 'callback_phone_enc' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('voice_calls').set(changes).where('call_sid', '=', callSid).execute();
}

/** The first operator to press the key takes the call; a later one finds it taken (false). */
export async function takeRingingCall(
  db: Kysely<Database>,
  input: { callSid: string; memberId: string; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('voice_calls')
    .set({ status: 'answered', answered_by: input.memberId, updated_at: input.now })
    .where('call_sid', '=', input.callSid)
    .where('status', '=', 'ringing')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listCallsOf(
  db: Kysely<Database>,
  input: { networkId: string; statuses: readonly VoiceCallStatus[]; since: number },
): Promise<VoiceCallsTable[]> {
  return db
    .selectFrom('voice_calls')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('status', 'in', [...input.statuses])
    .where('updated_at', '>=', input.since)
    .orderBy('created_at', 'asc')
    .limit(100)
    .execute();
}

export async function deleteExpiredCalls(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('voice_calls').where('purge_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** One row per RecordingSid: a repeated recording callback adds nothing. True when new. */
export async function insertVoicemailOnce(db: Kysely<Database>, row: VoicemailsTable): Promise<boolean> {
  const inserted = await db
    .insertInto('voicemails')
    .values(row)
    .onConflict((conflict) => conflict.column('recording_sid').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findVoicemail(db: Kysely<Database>, id: string): Promise<VoicemailsTable | undefined> {
  return db.selectFrom('voicemails').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVoicemailOfCall(
  db: Kysely<Database>,
  callSid: string,
): Promise<VoicemailsTable | undefined> {
  return db.selectFrom('voicemails').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
}

export async function updateVoicemail(
  db: Kysely<Database>,
  id: string,
  changes: Partial<
    Pick<
      VoicemailsTable,
      | 'report_id'
      | 'incident_id'
      | 'media_type'
      | 'size_bytes'
      | 'file_key_enc'
      | 'stored_at'
      | 'provider_deleted_at'
    >
  >,
): Promise<void> {
  await db.updateTable('voicemails').set(changes).where('id', '=', id).execute();
}

export function listIncidentVoicemails(db: Kysely<Database>, incidentId: string): Promise<VoicemailsTable[]> {
  return db
    .selectFrom('voicemails')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('stored_at', 'is not', null)
    .orderBy('created_at', 'asc')
    .execute();
}

/**
 * Retention: voicemails older than `createdBefore` lose their file key (the encrypted file can no
 * longer be read); those Twilio has deleted too lose their row. A row whose Twilio copy is not yet
 * deleted stays, keyless, so the deletion job still knows the RecordingSid.
 */
export async function deleteVoicemailsCreatedBefore(
  db: Kysely<Database>,
  input: { networkId: string; createdBefore: number },
): Promise<number> {
  const deleted = await db
    .deleteFrom('voicemails')
    .where('network_id', '=', input.networkId)
    .where('created_at', '<=', input.createdBefore)
    .where('provider_deleted_at', 'is not', null)
    .executeTakeFirst();
  const shredded = await db
    .updateTable('voicemails')
    .set({ file_key_enc: null })
    .where('network_id', '=', input.networkId)
    .where('created_at', '<=', input.createdBefore)
    .where('file_key_enc', 'is not', null)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) + Number(shredded.numUpdatedRows);
}

/** Voicemails Twilio may still hold (the deletion job is retried; a sweep re-queues stragglers). */
export function listUndeletedAtProvider(db: Kysely<Database>, before: number): Promise<VoicemailsTable[]> {
  return db
    .selectFrom('voicemails')
    .selectAll()
    .where('provider_deleted_at', 'is', null)
    .where('stored_at', 'is not', null)
    .where('stored_at', '<', before)
    .limit(500)
    .execute();
}
