import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { incrementSharedCounter } from './shared-counter.repository.ts';

/**
 * Counts an event (e.g. a report held by a limit) in a fixed window of `windowMs`, kept `keepMs`
 * after the window starts so a screen can show the last few windows. Shared by every process.
 */
export async function countSharedEvent(
  db: Kysely<Database>,
  input: { key: string; now: number; windowMs: number; keepMs: number },
): Promise<void> {
  const windowStart = input.now - (input.now % input.windowMs);
  await incrementSharedCounter(db, {
    key: input.key,
    windowStart,
    expiresAt: windowStart + input.keepMs,
    amount: 1,
  });
}

/** Counts of `keys` in windows starting at or after `since`. */
export async function readSharedEventCounts(
  db: Kysely<Database>,
  input: { keys: readonly string[]; since: number },
): Promise<{ key: string; windowStart: number; count: number }[]> {
  if (input.keys.length === 0) return [];
  const rows = await db
    .selectFrom('shared_counters')
    .select(['key', 'window_start', 'count'])
    .where('key', 'in', input.keys)
    .where('window_start', '>=', input.since)
    .orderBy('window_start')
    .execute();
  return rows.map((row) => ({
    key: row.key,
    windowStart: Number(row.window_start),
    count: Number(row.count),
  }));
}
