import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import {
  compactSqlite,
  deleteDeadSessions,
  deleteDoneJobs,
  deleteExpiredPendingSignIns,
  deleteExpiredWebauthnChallenges,
  deleteSpentInvitations,
  deleteSpentSetupTokens,
  vacuumPostgres,
} from './retention.repository.ts';

export interface PurgeDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
}

/** One kind of data that must not outlive its use; `run` deletes it and returns how many rows went. */
export interface PurgeTask {
  name: string;
  /** Tables the task deletes from (PostgreSQL vacuums just these). */
  tables: readonly string[];
  run(deps: PurgeDeps): Promise<number>;
}

const dayMs = 24 * 60 * 60 * 1000;

const tasks: PurgeTask[] = [
  {
    name: 'expired or revoked sessions',
    tables: ['sessions'],
    run: (deps) => deleteDeadSessions(deps.db, deps.clock.now()),
  },
  {
    name: 'invitations expired, used or revoked over 30 days ago',
    tables: ['invitations'],
    run: (deps) => deleteSpentInvitations(deps.db, deps.clock.now() - 30 * dayMs),
  },
  {
    name: 'expired passkey challenges',
    tables: ['webauthn_challenges'],
    run: (deps) => deleteExpiredWebauthnChallenges(deps.db, deps.clock.now()),
  },
  {
    name: 'expired pending sign-ins',
    tables: ['pending_sign_ins'],
    run: (deps) => deleteExpiredPendingSignIns(deps.db, deps.clock.now()),
  },
  {
    name: 'used or expired setup links',
    tables: ['setup_tokens'],
    run: (deps) => deleteSpentSetupTokens(deps.db, deps.clock.now()),
  },
  {
    name: 'jobs done over 7 days ago',
    tables: ['jobs'],
    run: (deps) => deleteDoneJobs(deps.db, deps.clock.now() - 7 * dayMs),
  },
];

/**
 * Adds a module's purge (reports' reporter contact, closed cases...). Modules call this at load,
 * from their index.ts, so `amparo purge` runs every registered task.
 */
export function registerPurgeTask(task: PurgeTask): void {
  if (tasks.some((existing) => existing.name === task.name)) {
    throw new Error(`A purge task named "${task.name}" is already registered`);
  }
  tasks.push(task);
}

export function listPurgeTasks(): readonly PurgeTask[] {
  return tasks;
}

export interface PurgeReport {
  deleted: { name: string; count: number }[];
  /** What compaction did: SQLite is vacuumed and its WAL emptied; PostgreSQL gets a plain VACUUM. */
  compaction: { dialect: DialectName; isComplete: boolean };
}

/** Runs every purge task, then compacts so deleted rows are gone from the files, not just unlinked. */
export async function runPurge(deps: PurgeDeps): Promise<PurgeReport> {
  const deleted = [];
  for (const task of tasks) deleted.push({ name: task.name, count: await task.run(deps) });
  if (deps.dialect === 'sqlite') {
    const checkpoint = await compactSqlite(deps.db);
    return { deleted, compaction: { dialect: 'sqlite', isComplete: checkpoint.busy === 0 } };
  }
  await vacuumPostgres(deps.db, [...new Set(tasks.flatMap((task) => task.tables))]);
  return { deleted, compaction: { dialect: 'postgres', isComplete: true } };
}
