import type { Kysely, Transaction } from 'kysely';
import { systemClock } from '../clock/clock.ts';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../database/schema.ts';
import { hasEffectKey, insertEffectKey } from './job.repository.ts';

export interface EffectOptions {
  /** The job performing the effect, kept for diagnosis and retention. */
  jobId?: string;
  clock?: Clock;
}

export type EffectResult<T> = { isFirstRun: true; value: T } | { isFirstRun: false };

/**
 * Runs a DATABASE effect exactly once per `key`, however often the job that calls it is retried
 * or taken over after a crash: the key is recorded in `job_effects` in the same transaction as
 * the effect, so both commit or neither does. Pass a transaction to join it, or the database to
 * get a new one. A concurrent run with the same key waits on the key's row and then skips.
 *
 * External effects (sending an SMS, an email, a push) cannot share a transaction with the
 * database: they are at-least-once unless the provider deduplicates by a key you send. Use
 * `isEffectRecorded` / `recordEffect` around them according to what a duplicate costs: record
 * AFTER the send for at-least-once (a crash in between sends twice), or BEFORE for at-most-once
 * (a crash in between never sends).
 */
export async function runEffectOnce<T>(
  db: Kysely<Database>,
  key: string,
  effect: (trx: Transaction<Database>) => Promise<T>,
  options: EffectOptions = {},
): Promise<EffectResult<T>> {
  const run = async (trx: Transaction<Database>): Promise<EffectResult<T>> => {
    // Key first: on PostgreSQL a concurrent run blocks here until this transaction ends.
    if (!(await recordEffect(trx, key, options))) return { isFirstRun: false };
    return { isFirstRun: true, value: await effect(trx) };
  };
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
}

/** Records that an effect happened. False when it had already been recorded. */
export function recordEffect(
  db: Kysely<Database>,
  key: string,
  options: EffectOptions = {},
): Promise<boolean> {
  return insertEffectKey(db, {
    key,
    job_id: options.jobId ?? null,
    created_at: (options.clock ?? systemClock).now(),
  });
}

export function isEffectRecorded(db: Kysely<Database>, key: string): Promise<boolean> {
  return hasEffectKey(db, key);
}
