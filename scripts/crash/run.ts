import fs from 'node:fs';
import type { DatabaseTarget, DialectName } from '../../server/platform/database/database.ts';
import { createTarget, dropTarget, environmentFor } from '../../test/support/databases.ts';
import { startFakeTwilio } from '../../test/support/fake-twilio.ts';
import { freePort, kill, prepareRunner, sleep, startServer } from './server.ts';
import type { Runner, Started } from './server.ts';
import { alertsPerSurge, approvalsPerZone, startSurge } from './surge.ts';
import { verify } from './verify.ts';
import type { Verdict } from './verify.ts';
import { buildCrashWorld, publicUrl, refreshSessions, sessionRefreshMs } from './world.ts';
import type { CrashWorld } from './world.ts';

export interface CrashTestOptions {
  dialect: DialectName;
  kills: number;
  runner?: Runner;
  /** Report loops kept in flight at once. */
  concurrency?: number;
  /** The kill lands at a random moment this many milliseconds after the surge's first acknowledgements. */
  killAfterMs?: [number, number];
  subscribersPerZone?: number;
  /** Pause between one alert's approval and the next draft. */
  alertPauseMs?: number;
  /** How long the last server may take to finish planning and sending. */
  drainTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface CrashTestResult extends Verdict {
  dialect: DialectName;
  runner: Runner;
  kills: number;
  interrupted: number;
  rejected: Record<string, number>;
  /** Mean and slowest spawn-to-/readyz time, and mean kill cycle, in milliseconds. */
  startMs: { mean: number; max: number };
  cycleMs: number;
  durationSeconds: number;
  passed: boolean;
}

/**
 * The crash test: one database migrated and seeded up front, then `kills` cycles of start the
 * server (HTTP and worker in one process), wait for /readyz, drive a surge of reports and alert
 * approvals (whose texts the worker sends to a local Twilio stand-in), and SIGKILL it at a random
 * moment. A last start drains the backlog; then every promise is checked against the database
 * and the texts actually received.
 */
export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const runner = options.runner ?? 'bundle';
  const args = await prepareRunner(runner);
  const twilio = await startFakeTwilio();
  const target: DatabaseTarget = await createTarget(options.dialect);
  let world: CrashWorld | null = null;
  let current: Started | null = null;
  // Ctrl-C stops the server of the moment and drops the throwaway database before exiting.
  const interrupt = (): void => {
    if (current) current.child.kill('SIGKILL');
    if (target.kind === 'postgres' && world) fs.rmSync(world.dataDirectory, { recursive: true, force: true });
    void dropTarget(target).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const zones = 6;
    const perSurge = alertsPerSurge(zones, options.kills);
    const incidentsPerZone = Math.min(approvalsPerZone, Math.ceil((options.kills * perSurge) / zones) + 2);
    world = await buildCrashWorld(target, {
      subscribersPerZone: options.subscribersPerZone ?? 8,
      incidentsPerZone,
    });
    log(`seeded ${zones} zones in ${Math.round((Date.now() - started) / 1000)} s`);
    const environment: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...environmentFor(target, world.dataDirectory),
      AMPARO_DATA_DIR: world.dataDirectory,
      AMPARO_ENCRYPTION_KEYS: world.keyFile,
      AMPARO_PUBLIC_URL: publicUrl,
      AMPARO_LOG_LEVEL: 'warn',
      // One client address sends the whole surge: intake rate limits are scaled out of the way.
      AMPARO_INTAKE_LIMIT_SCALE: '1000',
      AMPARO_WORKER_POLL_MS: '50',
      AMPARO_SMS_RATE_PER_SECOND: '100',
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
    };
    const acknowledged = {
      reports: [] as string[],
      alerts: [] as { id: string; zone: number; tag: string }[],
    };
    const state = { alertAttempts: Array.from({ length: zones }, () => 0), nextTag: 0 };
    const rejected: Record<string, number> = {};
    const startTimes: number[] = [];
    let interrupted = 0;
    let port = await freePort();
    const [earliest, latest] = options.killAfterMs ?? [200, 1500];
    const cyclesStarted = Date.now();
    const start = async (): Promise<Started> => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const server = await startServer({ args, environment, port });
          startTimes.push(server.startMs);
          current = server;
          return server;
        } catch (error) {
          // Someone else took the port meanwhile: pick another.
          if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
          port = await freePort();
        }
      }
    };
    let signedInAt = Date.now();
    for (let round = 1; round <= options.kills; round += 1) {
      if (Date.now() - signedInAt > sessionRefreshMs) {
        await refreshSessions(target, world);
        signedInAt = Date.now();
      }
      const server = await start();
      const surge = startSurge(server.url, world, state, {
        concurrency: options.concurrency ?? 8,
        alertPauseMs: options.alertPauseMs ?? 100,
        alertsPerSurge: perSurge,
      });
      // The kill lands while reports and fan-out are flowing: at a random moment after the first
      // acknowledged report and alert approval (the first requests after a start pay for lazy
      // initialisation, ~2 s on a busy machine; an approval is waited for at most 5 s).
      await surge.firstAcknowledgement;
      await Promise.race([surge.firstApproval, sleep(5_000)]);
      await sleep(earliest + Math.random() * (latest - earliest));
      await kill(server, 'SIGKILL');
      const outcome = await surge.stop();
      acknowledged.reports.push(...outcome.reports);
      acknowledged.alerts.push(...outcome.approvedAlerts);
      interrupted += outcome.interrupted;
      for (const [code, count] of Object.entries(outcome.rejected))
        rejected[code] = (rejected[code] ?? 0) + count;
      log(
        `kill ${round}/${options.kills}: ready in ${server.startMs} ms, ${outcome.reports.length} reports and ${outcome.approvedAlerts.length} alerts acknowledged, ${outcome.interrupted} cut off, ${twilio.messages.length} texts so far`,
      );
    }
    const cycleMs = Math.round((Date.now() - cyclesStarted) / options.kills);

    // The server comes back after the last kill and finishes planning and sending.
    const last = await start();
    await drain(target, world, options.drainTimeoutMs ?? 180_000, log);
    await sleep(500); // a straggler (a duplicate, if there were one) arrives before counting
    await kill(last, 'SIGTERM');
    const verdict = await verify(target, world, acknowledged, twilio.messages);
    const passed =
      verdict.lostReports.length === 0 &&
      verdict.inconsistentIncidents.length === 0 &&
      verdict.lostAlerts.length === 0 &&
      verdict.duplicates.length === 0 &&
      verdict.sentWithoutText.length === 0 &&
      verdict.unfinished === 0 &&
      verdict.failed === 0 &&
      verdict.integrity.startsWith('ok') &&
      verdict.inconsistencies.length === 0;
    return {
      ...verdict,
      dialect: options.dialect,
      runner,
      kills: options.kills,
      interrupted,
      rejected,
      startMs: {
        mean: Math.round(startTimes.reduce((sum, ms) => sum + ms, 0) / startTimes.length),
        max: Math.max(...startTimes),
      },
      cycleMs,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      passed,
    };
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    // A run that failed midway leaves no server behind.
    if (current) await kill(current, 'SIGKILL');
    await twilio.close();
    await dropTarget(target);
    if (target.kind === 'postgres' && world) fs.rmSync(world.dataDirectory, { recursive: true, force: true });
  }
}

/** Waits until every approved alert is planned and every delivery is in a final state. */
async function drain(
  target: DatabaseTarget,
  world: CrashWorld,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<void> {
  const { openDatabase } = await import('../../server/platform/database/database.ts');
  const database = openDatabase(target);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const unplanned = await database.db
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('network_id', '=', world.networkId)
        .where('state', '=', 'approved')
        .where((eb) => eb.or([eb('plan_state', 'is', null), eb('plan_state', '<>', 'planned')]))
        .executeTakeFirstOrThrow();
      const open = await database.db
        .selectFrom('alert_deliveries')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('network_id', '=', world.networkId)
        .where('status', 'in', ['pending', 'held', 'sending'])
        .executeTakeFirstOrThrow();
      if (Number(unplanned.count) === 0 && Number(open.count) === 0) return;
      if (Date.now() > deadline) {
        log(`drain timed out: ${unplanned.count} alerts unplanned, ${open.count} deliveries open`);
        return;
      }
      await sleep(250);
    }
  } finally {
    await database.close();
  }
}
