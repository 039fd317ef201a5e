import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../database/schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { PurgeTask } from '../retention/index.ts';
import { deleteExpiredSharedCounters, incrementSharedCounter } from './shared-counter.repository.ts';

export const hourMs = 60 * 60 * 1000;

export interface SharedLimit {
  /** What is counted, e.g. `confirmations:network:<id>`. */
  key: string;
  /** Most takes per window. */
  limit: number;
  windowMs: number;
}

/**
 * Takes one from each limit's current window, in the caller's transaction (so a write that is then
 * refused or rolled back does not count), and refuses with RATE_LIMITED when any window is full.
 * Windows are fixed (they start at multiples of `windowMs`), so every process agrees on them.
 */
export async function takeSharedLimits(
  db: Kysely<Database>,
  clock: Clock,
  limits: readonly SharedLimit[],
): Promise<void> {
  const now = clock.now();
  for (const limit of limits) {
    const windowStart = now - (now % limit.windowMs);
    const count = await incrementSharedCounter(db, {
      key: limit.key,
      windowStart,
      expiresAt: windowStart + limit.windowMs,
      amount: 1,
    });
    if (count > limit.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000));
      throw new AppError('RATE_LIMITED', 'Too many attempts. Wait a little and try again.', [], {
        'retry-after': String(retryAfterSeconds),
      });
    }
  }
}

export const expiredSharedCountersPurgeTask: PurgeTask = {
  name: 'shared limit counters of past windows',
  tables: ['shared_counters'],
  run: (deps) => deleteExpiredSharedCounters(deps.db, deps.clock.now()),
};
