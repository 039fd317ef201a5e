import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { IntakeFloodModesTable } from './flood-mode.tables.ts';

export async function findFloodMode(
  db: Kysely<Database>,
  networkId: string,
): Promise<IntakeFloodModesTable | undefined> {
  return db
    .selectFrom('intake_flood_modes')
    .selectAll()
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

export async function saveFloodMode(trx: Kysely<Database>, row: IntakeFloodModesTable): Promise<void> {
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
