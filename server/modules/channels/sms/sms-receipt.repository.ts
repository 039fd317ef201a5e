import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * Claims a MessageSid for this delivery: true when it was new, or when an earlier claim was left
 * without an answer for longer than `staleBefore` allows (that delivery died mid-way, so this one
 * does the work). Both are single statements, so two racing deliveries cannot both win.
 */
export async function claimSmsReceipt(
  db: Kysely<Database>,
  input: { messageSid: string; now: number; purgeAt: number; staleBefore: number },
): Promise<boolean> {
  const inserted = await db
    .insertInto('sms_webhook_receipts')
    .values({
      message_sid: input.messageSid,
      answer_enc: null,
      received_at: input.now,
      purge_at: input.purgeAt,
    })
    .onConflict((conflict) => conflict.column('message_sid').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const retaken = await db
    .updateTable('sms_webhook_receipts')
    .set({ received_at: input.now })
    .where('message_sid', '=', input.messageSid)
    .where('answer_enc', 'is', null)
    .where('received_at', '<', input.staleBefore)
    .executeTakeFirst();
  return Number(retaken.numUpdatedRows) > 0;
}

export async function findSmsReceiptAnswer(
  db: Kysely<Database>,
  messageSid: string,
): Promise<{ answer_enc: string | null } | undefined> {
  return db
    .selectFrom('sms_webhook_receipts')
    .select('answer_enc')
    .where('message_sid', '=', messageSid)
    .executeTakeFirst();
}

export async function saveSmsReceiptAnswer(
  db: Kysely<Database>,
  input: { messageSid: string; answerEnc: string },
): Promise<void> {
  await db
    .updateTable('sms_webhook_receipts')
    .set({ answer_enc: input.answerEnc })
    .where('message_sid', '=', input.messageSid)
    .execute();
}

/** Lets a later delivery of the same text try again (this one failed before answering). */
export async function releaseSmsReceipt(db: Kysely<Database>, messageSid: string): Promise<void> {
  await db
    .deleteFrom('sms_webhook_receipts')
    .where('message_sid', '=', messageSid)
    .where('answer_enc', 'is', null)
    .execute();
}

export async function deleteExpiredSmsReceipts(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('sms_webhook_receipts').where('purge_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
