import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { InvitationDeliveriesTable } from './invitation-import.tables.ts';

export async function insertInvitationDelivery(
  trx: Kysely<Database>,
  row: InvitationDeliveriesTable,
): Promise<void> {
  await trx.insertInto('invitation_deliveries').values(row).execute();
}

export async function findInvitationDelivery(
  db: Kysely<Database>,
  id: string,
): Promise<InvitationDeliveriesTable | undefined> {
  return db.selectFrom('invitation_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteInvitationDelivery(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('invitation_deliveries').where('id', '=', id).execute();
}

/** Deliveries never sent (the job gave up) are forgotten after a week. */
export async function deleteStaleInvitationDeliveries(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('invitation_deliveries')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
