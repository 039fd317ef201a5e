import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { DeliveryChannelStatesTable } from './alert.tables.ts';

export async function findChannelState(
  db: Kysely<Database>,
  key: string,
): Promise<DeliveryChannelStatesTable | undefined> {
  return db.selectFrom('delivery_channel_states').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function listChannelStates(db: Kysely<Database>): Promise<DeliveryChannelStatesTable[]> {
  return db.selectFrom('delivery_channel_states').selectAll().orderBy('key').execute();
}

/** Takes the half-open probe if nobody holds it. True when this caller may send the probe. */
export async function takeChannelProbe(
  db: Kysely<Database>,
  key: string,
  input: { now: number; probeUntil: number },
): Promise<boolean> {
  const result = await db
    .updateTable('delivery_channel_states')
    .set({ probe_until: input.probeUntil, updated_at: input.now })
    .where('key', '=', key)
    .where((where) => where.or([where('probe_until', 'is', null), where('probe_until', '<=', input.now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A provider answer (any answer but a transient failure): the channel is healthy again. */
export async function markChannelHealthy(db: Kysely<Database>, key: string, now: number): Promise<void> {
  await db
    .updateTable('delivery_channel_states')
    .set({
      state: 'healthy',
      consecutive_failures: 0,
      paused_until: null,
      probe_until: null,
      last_error_code: null,
      updated_at: now,
    })
    .where('key', '=', key)
    .where('state', '!=', 'healthy')
    .execute();
}

/** One more transient failure in a row: the channel pauses until `pausedUntil`. Returns the count. */
export async function markChannelFailed(
  db: Kysely<Database>,
  row: Pick<DeliveryChannelStatesTable, 'key' | 'channel' | 'state' | 'last_error_code' | 'updated_at'> & {
    pauseFor: (failures: number) => number;
  },
): Promise<number> {
  const current = await findChannelState(db, row.key);
  const failures = (current?.consecutive_failures ?? 0) + 1;
  // A pause is never shortened by a later, smaller one (a Retry-After from an earlier answer stands).
  const pausedUntil = Math.max(current?.paused_until ?? 0, row.updated_at + row.pauseFor(failures));
  const values = {
    channel: row.channel,
    state: row.state,
    consecutive_failures: failures,
    paused_until: pausedUntil,
    probe_until: null,
    last_error_code: row.last_error_code,
    updated_at: row.updated_at,
  };
  await db
    .insertInto('delivery_channel_states')
    .values({ key: row.key, ...values })
    .onConflict((conflict) => conflict.column('key').doUpdateSet(values))
    .execute();
  return failures;
}
