import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import { checkpointSqlite, compactSqlite, vacuumPostgres } from './retention.repository.ts';

export interface PurgeDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
}

/**
 * One kind of data that must not outlive its use; `run` deletes it and returns how many rows went.
 * Each module declares its own tasks beside its tables; server/retention.ts lists them all.
 */
export interface PurgeTask {
  name: string;
  /** Tables the task deletes from (PostgreSQL vacuums just these). */
  tables: readonly string[];
  run(deps: PurgeDeps): Promise<number>;
}

export interface PurgeReport {
  deleted: { name: string; count: number }[];
  /** What compaction did: SQLite is vacuumed and its WAL emptied; PostgreSQL gets a plain VACUUM. */
  compaction: { dialect: DialectName; isComplete: boolean };
}

/** Runs the tasks in order; returns what each deleted. */
export async function runPurgeTasks(
  deps: PurgeDeps,
  tasks: readonly PurgeTask[],
): Promise<{ name: string; count: number }[]> {
  const deleted = [];
  for (const task of tasks) deleted.push({ name: task.name, count: await task.run(deps) });
  return deleted;
}

/**
 * The scheduled purge: runs the tasks, then on SQLite empties the write-ahead log so purged rows
 * leave no old frames behind (secure_delete already zeroes them in the database file).
 */
export async function purgeOnSchedule(
  deps: PurgeDeps,
  tasks: readonly PurgeTask[],
): Promise<{ name: string; count: number }[]> {
  const deleted = await runPurgeTasks(deps, tasks);
  if (deps.dialect === 'sqlite') await checkpointSqlite(deps.db);
  return deleted;
}

/**
 * `amparo purge`: runs the tasks, then compacts so deleted rows are gone from the files, not just
 * unlinked.
 */
export async function purgeAndCompact(deps: PurgeDeps, tasks: readonly PurgeTask[]): Promise<PurgeReport> {
  const deleted = await runPurgeTasks(deps, tasks);
  if (deps.dialect === 'sqlite') {
    const checkpoint = await compactSqlite(deps.db);
    return { deleted, compaction: { dialect: 'sqlite', isComplete: checkpoint.busy === 0 } };
  }
  await vacuumPostgres(deps.db, [...new Set(tasks.flatMap((task) => task.tables))]);
  return { deleted, compaction: { dialect: 'postgres', isComplete: true } };
}

/** Refuses two tasks with one name: the purge report names each task once. */
export function checkPurgeTasks(tasks: readonly PurgeTask[]): readonly PurgeTask[] {
  const names = new Set<string>();
  for (const task of tasks) {
    if (names.has(task.name)) throw new Error(`Two purge tasks are named "${task.name}"`);
    if (task.tables.length === 0) throw new Error(`The purge task "${task.name}" names no table`);
    names.add(task.name);
  }
  return tasks;
}
