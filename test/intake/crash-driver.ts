import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseTarget, DialectName } from '../../server/platform/database/database.ts';
import { migrateToLatest } from '../../server/platform/database/migrate.ts';
import { createTarget, dropTarget } from '../support/databases.ts';
import { buildNetwork } from '../support/factories.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';

/**
 * Kills a real Amparo process with SIGKILL in the middle of concurrent report submissions, again
 * and again, and checks that every report the server acknowledged (a 201 with its id) is in the
 * database afterwards, that each incident's counts match its reports (report and incident commit
 * together), and, on SQLite, that the file passes `PRAGMA integrity_check`.
 *
 * Used by test/intake/crash-durability.int.test.ts (a few kills) and scripts/crash-test.ts (as
 * many as you like).
 */
export interface CrashRunOptions {
  dialect: DialectName;
  kills: number;
  /** Submissions kept in flight at once. */
  concurrency?: number;
  /** The kill lands at a random moment between these many milliseconds after load starts. */
  killAfterMs?: [number, number];
  /** Extra server environment (e.g. raised rate limits). */
  environment?: Record<string, string>;
  log?: (line: string) => void;
}

export interface CrashRunResult {
  kills: number;
  acknowledged: number;
  /** Requests cut off by a kill (no answer): they may or may not have been stored. */
  interrupted: number;
  /** Acknowledged report ids missing from the database: must be empty. */
  lost: string[];
  /** Incidents whose report_count differs from their stored reports: must be empty. */
  inconsistentIncidents: string[];
  /** SQLite `PRAGMA integrity_check` result ('ok'), or null on PostgreSQL. */
  integrity: string | null;
  storedReports: number;
}

export async function runCrashRounds(options: CrashRunOptions): Promise<CrashRunResult> {
  const log = options.log ?? (() => undefined);
  const target = await createTarget(options.dialect);
  // One data directory (and so one key file) across restarts, as on a real server.
  const dataDirectory =
    target.kind === 'sqlite'
      ? path.dirname(target.file)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-crash-'));
  try {
    const slug = await seedNetwork(target);
    // One client address sends the whole surge: intake rate limits are scaled out of the way.
    const environment = {
      AMPARO_DATA_DIR: dataDirectory,
      AMPARO_INTAKE_LIMIT_SCALE: '1000',
      ...options.environment,
    };
    const acknowledged: string[] = [];
    let interrupted = 0;
    const [earliest, latest] = options.killAfterMs ?? [150, 1200];
    for (let round = 1; round <= options.kills; round += 1) {
      const server = await startServerProcess({ target, environment, timeoutMs: 60_000 });
      const load = startLoad(server, slug, options.concurrency ?? 8);
      // The kill lands while writes are flowing: after the first acknowledgement, at a random moment.
      await load.firstAcknowledgement;
      await sleep(earliest + Math.random() * (latest - earliest));
      server.child.kill('SIGKILL');
      await server.exited;
      const outcome = await load.stop();
      acknowledged.push(...outcome.acknowledged);
      interrupted += outcome.interrupted;
      log(
        `kill ${round}/${options.kills}: ${outcome.acknowledged.length} acknowledged, ${outcome.interrupted} cut off`,
      );
    }
    // The server comes back after the last kill, too.
    const last = await startServerProcess({ target, environment, timeoutMs: 60_000 });
    const ready = await fetch(`${last.url}/readyz`);
    await last.kill('SIGTERM');
    if (!ready.ok) throw new Error(`server not ready after the last kill: ${ready.status}`);
    return { kills: options.kills, interrupted, ...(await verify(target, acknowledged)) };
  } finally {
    await dropTarget(target);
    if (target.kind === 'postgres') fs.rmSync(dataDirectory, { recursive: true, force: true });
  }
}

async function seedNetwork(target: DatabaseTarget): Promise<string> {
  const database = openDatabase(target);
  try {
    await migrateToLatest(database);
    const context = {
      database,
      clock: createManualClock(Date.now()),
      crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
    };
    return (await buildNetwork(context, { languages: ['en', 'es'] })).slug;
  } finally {
    await database.close();
  }
}

interface Load {
  firstAcknowledgement: Promise<void>;
  stop(): Promise<{ acknowledged: string[]; interrupted: number }>;
}

/** `concurrency` loops each posting one report after another until the server dies. */
function startLoad(server: ServerProcess, slug: string, concurrency: number): Load {
  const acknowledged: string[] = [];
  let interrupted = 0;
  let isStopped = false;
  let acknowledge = (): void => undefined;
  const firstAcknowledgement = new Promise<void>((resolve, reject) => {
    acknowledge = resolve;
    setTimeout(() => reject(new Error('no report was acknowledged within 20 s')), 20_000).unref();
  });
  const worker = async (): Promise<void> => {
    while (!isStopped) {
      try {
        const response = await fetch(`${server.url}/api/public/${slug}/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(randomReport()),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        if (response.status === 201) {
          acknowledged.push((JSON.parse(text) as { reportId: string }).reportId);
          acknowledge();
        } else if (response.status >= 500)
          throw new Error(`server error ${response.status}: ${text.slice(0, 200)}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('server error')) throw error;
        // The connection died with the server: no answer, no promise made.
        interrupted += 1;
        return;
      }
    }
  };
  const workers = Array.from({ length: concurrency }, () => worker());
  return {
    firstAcknowledgement,
    stop: async () => {
      isStopped = true;
      await Promise.all(workers);
      return { acknowledged, interrupted };
    },
  };
}

const categories = ['home', 'workplace', 'street_stop', 'checkpoint', 'courthouse', 'transport', 'other'];

/** Reports scattered over a few kilometres, so some cluster into shared incidents and some do not. */
function randomReport(): Record<string, unknown> {
  return {
    category: categories[Math.floor(Math.random() * categories.length)],
    location: { lat: 41.85 + Math.random() * 0.03, lon: -87.68 + Math.random() * 0.03 },
    description: `crash test ${Math.random().toString(36).slice(2)}`,
  };
}

async function verify(
  target: DatabaseTarget,
  acknowledged: string[],
): Promise<Omit<CrashRunResult, 'kills' | 'interrupted'>> {
  const database = openDatabase(target);
  try {
    const stored = new Set<string>();
    for (let start = 0; start < acknowledged.length; start += 500) {
      const batch = acknowledged.slice(start, start + 500);
      const rows = await database.db.selectFrom('reports').select('id').where('id', 'in', batch).execute();
      for (const row of rows) stored.add(row.id);
    }
    const counts = await database.db
      .selectFrom('incidents')
      .leftJoin('reports', 'reports.incident_id', 'incidents.id')
      .select([
        'incidents.id',
        'incidents.report_count',
        (eb) => eb.fn.count<number | string>('reports.id').as('actual'),
      ])
      .groupBy(['incidents.id', 'incidents.report_count'])
      .execute();
    const total = await database.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    let integrity: string | null = null;
    if (database.dialect === 'sqlite') {
      const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
      integrity = result.rows.map((row) => row.integrity_check).join('; ');
    }
    return {
      acknowledged: acknowledged.length,
      lost: acknowledged.filter((id) => !stored.has(id)),
      inconsistentIncidents: counts
        .filter((row) => Number(row.actual) !== row.report_count)
        .map((row) => row.id),
      integrity,
      storedReports: Number(total.count),
    };
  } finally {
    await database.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
