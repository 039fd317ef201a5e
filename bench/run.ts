/**
 * `npm run bench` (full sizes, about 10 minutes on 2 cores) or `npm run bench -- --smoke` (tiny
 * sizes, CI, under 2 minutes); `-- --only sms,push` runs only the sections so named. Prints one
 * table where each figure carries a baseline measured in the same run, and writes it to
 * bench/results/<timestamp>.json and .md. Everything talks to
 * 127.0.0.1 only and is bounded: a section that cannot run becomes an 'n/a' row with its reason
 * instead of failing the run.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { BenchRow } from './results.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    // `--only sms,push`: run the sections whose names contain one of these words (a quick re-measure).
    only: { type: 'string' },
  },
  strict: true,
});
const isSmoke = values.smoke;
const onlyWords = values.only?.split(',').map((word) => word.trim().toLowerCase()) ?? null;
const sizes = isSmoke
  ? {
      intake: { connections: 10, seconds: 2 },
      limits: { checks: 300 },
      clustering: { reports: 1_000, events: 20 },
      dispatch: { responders: 2_000, queries: 10 },
      alerts: { matching: 1_000, others: 9_000 },
      sms: { recipients: 10, ratePerSecond: 20 },
      push: { recipients: 50, concurrency: 4 },
      realtime: { clients: 50, changes: 3 },
      watch: { sites: 20, weeks: 2 },
      deadlineMs: 60_000,
    }
  : {
      intake: { connections: 50, seconds: 10 },
      limits: { checks: 3_000 },
      clustering: { reports: 10_000, events: 200 },
      dispatch: { responders: 100_000, queries: 50 },
      alerts: { matching: 100_000, others: 900_000 },
      sms: { recipients: 200, ratePerSecond: 20 },
      push: { recipients: 2_000, concurrency: 8 },
      realtime: { clients: 1_000, changes: 10 },
      watch: { sites: 200, weeks: 8 },
      deadlineMs: 900_000,
    };

// PostgreSQL is measured where it is reachable: the test URL if set, else the local test database.
const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';
if (!process.env.AMPARO_TEST_DATABASE_URL && (await isReachable(defaultPostgresUrl))) {
  process.env.AMPARO_TEST_DATABASE_URL = defaultPostgresUrl;
}
// Loaded after the URL is settled: the test support reads it once, on import.
const { benchAlertPlanning } = await import('./alerts.bench.ts');
const { benchClustering } = await import('./clustering.bench.ts');
const { benchPlaces } = await import('./places.bench.ts');
const { benchSmsDelivery } = await import('./delivery.bench.ts');
const { benchDispatch } = await import('./dispatch.bench.ts');
const { benchIntake } = await import('./intake.bench.ts');
const { benchSharedLimits } = await import('./limits.bench.ts');
const { benchPushDelivery } = await import('./push.bench.ts');
const { benchRealtime } = await import('./realtime.bench.ts');
const { benchWatchCoverage } = await import('./watch.bench.ts');
const { machineDescription, notAvailable, renderMarkdown, writeResults } = await import('./results.ts');
const { benchDialects, killRunningServers } = await import('./seed.ts');
const { withDeadline } = await import('./timing.ts');

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const startedAt = new Date();
const loadAtStart = os.loadavg();
const rows: BenchRow[] = [];

async function section(name: string, database: string, body: () => Promise<BenchRow[]>): Promise<void> {
  if (onlyWords && !onlyWords.some((word) => name.toLowerCase().includes(word))) return;
  const started = Date.now();
  let measured: BenchRow[];
  try {
    measured = await withDeadline(body(), sizes.deadlineMs, name);
  } catch (error) {
    measured = [
      notAvailable(name, database, error instanceof Error ? error.message.split('\n')[0]! : String(error)),
    ];
  }
  rows.push(...measured);
  // Progress as each section ends, so a long run shows its figures before the table.
  console.error(`  ${name} [${database}] ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const row of measured) {
    console.error(`    ${row.figure}: ${row.value} | ${row.baseline} | ${row.ratio} | ${row.note ?? ''}`);
  }
}

console.error(
  `amparo bench (${isSmoke ? 'smoke' : 'full'}) on ${machineDescription()}; load ${loadAtStart.map((load) => load.toFixed(2)).join(', ')}`,
);
const dialects = benchDialects();
for (const dialect of dialects)
  await section('intake (HTTP)', dialect, () => benchIntake(dialect, sizes.intake));
for (const dialect of dialects)
  await section('shared intake limits', dialect, () => benchSharedLimits(dialect, sizes.limits));
await section('clustering', 'in memory', () => benchClustering(sizes.clustering));
await section('places', 'in memory', () => Promise.resolve(benchPlaces()));
for (const dialect of dialects) {
  await section('dispatch suggestions', dialect, () => benchDispatch(dialect, sizes.dispatch));
}
for (const dialect of dialects) {
  await section('alert planning', dialect, () => benchAlertPlanning(dialect, sizes.alerts));
}
for (const dialect of dialects)
  await section('delivery (SMS)', dialect, () => benchSmsDelivery(dialect, sizes.sms));
for (const dialect of dialects)
  await section('delivery (Web Push)', dialect, () => benchPushDelivery(dialect, sizes.push));
for (const dialect of dialects)
  await section('realtime (SSE)', dialect, () => benchRealtime(dialect, sizes.realtime));
await section('watch coverage', 'in memory', () => benchWatchCoverage(sizes.watch));
if (dialects.length === 1)
  rows.push(
    notAvailable(
      'all',
      'postgres',
      'not reachable: set AMPARO_TEST_DATABASE_URL or start it on 127.0.0.1:5432',
    ),
  );

const files = writeResults(rows, isSmoke ? 'smoke' : 'full', startedAt, {
  start: loadAtStart,
  end: os.loadavg(),
});
console.log(renderMarkdown(rows));
console.log(`\nwritten to ${files.markdown} and ${files.json}`);
// Pools and timers of finished sections must not keep the process alive, nor a cut-off server.
killRunningServers();
process.exit(0);
