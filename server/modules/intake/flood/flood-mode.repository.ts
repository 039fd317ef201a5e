import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { IntakeFloodModesTable } from './flood-mode.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function findFloodMode(
  db: Executor,
  networkId: string,
): Promise<IntakeFloodModesTable | undefined> {
  return db
    .selectFrom('intake_flood_modes')
    .selectAll()
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

export async function saveFloodMode(trx: Executor, row: IntakeFloodModesTable): Promise<void> {
  await trx
    .insertInto('intake_flood_modes')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('network_id').doUpdateSet({
        is_on: row.is_on,
        changed_by: row.changed_by,
        changed_at: row.changed_at,
      }),
    )
    .execute();
}
