import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../database/schema.ts';
import { enqueueJob } from './enqueue.ts';
import type { RecurringJob } from './job-definition.ts';

/**
 * Enqueues each recurring job for the current period, keyed `<name>:<periodStart>` so any number
 * of workers calling this at once create one job per period. `enqueuedPeriods` remembers what this
 * process already did, so a poll costs no write. Returns how many jobs were created.
 */
export async function scheduleRecurring(
  db: Kysely<Database>,
  clock: Clock,
  schedules: RecurringJob[],
  enqueuedPeriods: Map<string, number> = new Map(),
): Promise<number> {
  let created = 0;
  for (const schedule of schedules) {
    const periodStart = Math.floor(clock.now() / schedule.everyMs) * schedule.everyMs;
    if (enqueuedPeriods.get(schedule.job.name) === periodStart) continue;
    const { isNew } = await enqueueJob(db, clock, {
      name: schedule.job.name,
      payload: schedule.payload,
      idempotencyKey: `${schedule.job.name}:${periodStart}`,
      runAt: periodStart,
    });
    enqueuedPeriods.set(schedule.job.name, periodStart);
    if (isNew) created += 1;
  }
  return created;
}
