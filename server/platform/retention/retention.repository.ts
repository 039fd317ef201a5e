import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';

type Db = Kysely<Database>;

function count(result: { numDeletedRows: bigint }): number {
  return Number(result.numDeletedRows);
}

/** Sessions past their absolute expiry, and revoked ones (they can never be used again). */
export async function deleteDeadSessions(db: Db, now: number): Promise<number> {
  return count(
    await db
      .deleteFrom('sessions')
      .where((where) => where.or([where('expires_at', '<=', now), where('revoked_at', 'is not', null)]))
      .executeTakeFirst(),
  );
}

/** Invitations expired, used or revoked before `before`. */
export async function deleteSpentInvitations(db: Db, before: number): Promise<number> {
  return count(
    await db
      .deleteFrom('invitations')
      .where((where) =>
        where.or([
          where('expires_at', '<', before),
          where('used_at', '<', before),
          where('revoked_at', '<', before),
        ]),
      )
      .executeTakeFirst(),
  );
}

export async function deleteExpiredWebauthnChallenges(db: Db, now: number): Promise<number> {
  return count(await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).executeTakeFirst());
}

export async function deleteExpiredPendingSignIns(db: Db, now: number): Promise<number> {
  return count(await db.deleteFrom('pending_sign_ins').where('expires_at', '<=', now).executeTakeFirst());
}

export async function deleteSpentSetupTokens(db: Db, now: number): Promise<number> {
  return count(
    await db
      .deleteFrom('setup_tokens')
      .where((where) => where.or([where('used_at', 'is not', null), where('expires_at', '<=', now)]))
      .executeTakeFirst(),
  );
}

/** Jobs that finished successfully before `before` (their payloads name people's records). */
export async function deleteDoneJobs(db: Db, before: number): Promise<number> {
  return count(
    await db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('finished_at', '<', before)
      .executeTakeFirst(),
  );
}

export interface CheckpointResult {
  /** 1 when another connection kept the checkpoint from finishing. */
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Rewrites the SQLite file without free pages (VACUUM) and empties the write-ahead log, so deleted
 * rows survive neither in the database file nor in the WAL.
 */
export async function compactSqlite(db: Db): Promise<CheckpointResult> {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`vacuum`.execute(db);
  const result = await sql<CheckpointResult>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return result.rows[0] ?? { busy: 1, log: -1, checkpointed: -1 };
}

/** Plain VACUUM of the purged tables: marks the deleted rows' space reusable without locking them. */
export async function vacuumPostgres(db: Db, tables: readonly string[]): Promise<void> {
  const names = tables.filter((table) => /^[a-z_][a-z0-9_]*$/.test(table));
  if (names.length === 0) return;
  await sql`vacuum ${sql.join(names.map((table) => sql.table(table)))}`.execute(db);
}
