import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * Makes `numbers` the network's hotline numbers. Throws the database's unique violation when one
 * belongs to another network (the caller maps it); inside the caller's transaction, so the
 * setting and these rows change together or not at all.
 */
export async function replaceHotlineNumbers(
  trx: Kysely<Database>,
  input: { networkId: string; numbers: readonly string[]; now: number },
): Promise<void> {
  const current = await trx
    .selectFrom('hotline_numbers')
    .select('number')
    .where('network_id', '=', input.networkId)
    .execute();
  const kept = new Set(input.numbers);
  const removed = current.map((row) => row.number).filter((number) => !kept.has(number));
  if (removed.length > 0) {
    await trx
      .deleteFrom('hotline_numbers')
      .where('network_id', '=', input.networkId)
      .where('number', 'in', removed)
      .execute();
  }
  const existing = new Set(current.map((row) => row.number));
  const added = input.numbers.filter((number) => !existing.has(number));
  if (added.length > 0) {
    await trx
      .insertInto('hotline_numbers')
      .values(added.map((number) => ({ number, network_id: input.networkId, created_at: input.now })))
      .execute();
  }
}

/** Every hotline number of the deployment and its network (the SMS webhook's routing table). */
export async function listHotlineNumbers(
  db: Kysely<Database>,
): Promise<{ number: string; networkId: string }[]> {
  const rows = await db.selectFrom('hotline_numbers').select(['number', 'network_id']).execute();
  return rows.map((row) => ({ number: row.number, networkId: row.network_id }));
}
