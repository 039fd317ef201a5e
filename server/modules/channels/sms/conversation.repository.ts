import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { SmsConversationsTable } from './hotline.tables.ts';

/** The texter's conversation, if one is still running. */
export async function findLiveConversation(
  db: Kysely<Database>,
  input: { networkId: string; phoneHash: string; now: number },
): Promise<SmsConversationsTable | undefined> {
  return db
    .selectFrom('sms_conversations')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('phone_hash', '=', input.phoneHash)
    .where('expires_at', '>', input.now)
    .executeTakeFirst();
}

/** One conversation per texter and network: a new stage replaces the old one. */
export async function saveConversation(trx: Kysely<Database>, row: SmsConversationsTable): Promise<void> {
  await trx
    .insertInto('sms_conversations')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['network_id', 'phone_hash']).doUpdateSet({
        stage: row.stage,
        language: row.language,
        draft_enc: row.draft_enc,
        report_id: row.report_id,
        updated_at: row.updated_at,
        expires_at: row.expires_at,
      }),
    )
    .execute();
}

export async function deleteConversation(
  trx: Kysely<Database>,
  input: { networkId: string; phoneHash: string },
): Promise<void> {
  await trx
    .deleteFrom('sms_conversations')
    .where('network_id', '=', input.networkId)
    .where('phone_hash', '=', input.phoneHash)
    .execute();
}

/** Retention: conversations past their expiry (30 minutes of silence). */
export async function deleteExpiredConversations(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('sms_conversations').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
