/**
 * `npm run bench` (full sizes, a few minutes) or `npm run bench -- --smoke` (tiny sizes, CI). Prints
 * one table where each figure carries a baseline measured in the same run, and writes it to
 * bench/results/<timestamp>.json and .md. Everything talks to 127.0.0.1 only and is bounded: a
 * section that cannot run becomes an 'n/a' row with its reason instead of failing the run.
 */
import { parseArgs } from 'node:util';
import { benchAlertPlanning } from './alerts.bench.ts';
import { benchClustering } from './clustering.bench.ts';
import { benchSmsDelivery } from './delivery.bench.ts';
import { benchDispatch } from './dispatch.bench.ts';
import { benchIntake } from './intake.bench.ts';
import { benchRealtime } from './realtime.bench.ts';
import { machineDescription, notAvailable, renderMarkdown, writeResults } from './results.ts';
import type { BenchRow } from './results.ts';
import { benchDialects, killRunningServers } from './seed.ts';
import { withDeadline } from './timing.ts';

const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false } }, strict: true });
const isSmoke = values.smoke;
const sizes = isSmoke
  ? {
      intake: { connections: 10, seconds: 2 },
      clustering: { reports: 1_000, events: 20 },
      dispatch: { responders: 2_000, queries: 10 },
      alerts: { matching: 1_000, others: 9_000 },
      sms: { recipients: 10, ratePerSecond: 20 },
      realtime: { clients: 50, changes: 3 },
      deadlineMs: 60_000,
    }
  : {
      intake: { connections: 50, seconds: 10 },
      clustering: { reports: 10_000, events: 200 },
      dispatch: { responders: 100_000, queries: 50 },
      alerts: { matching: 100_000, others: 900_000 },
      sms: { recipients: 200, ratePerSecond: 20 },
      realtime: { clients: 1_000, changes: 10 },
      deadlineMs: 900_000,
    };

const startedAt = new Date();
const rows: BenchRow[] = [];

async function section(name: string, database: string, body: () => Promise<BenchRow[]>): Promise<void> {
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

console.error(`amparo bench (${isSmoke ? 'smoke' : 'full'}) on ${machineDescription()}`);
const dialects = benchDialects();
for (const dialect of dialects)
  await section('intake (HTTP)', dialect, () => benchIntake(dialect, sizes.intake));
await section('clustering', 'in memory', () => benchClustering(sizes.clustering));
for (const dialect of dialects) {
  await section('dispatch suggestions', dialect, () => benchDispatch(dialect, sizes.dispatch));
}
for (const dialect of dialects) {
  await section('alert planning', dialect, () => benchAlertPlanning(dialect, sizes.alerts));
}
for (const dialect of dialects)
  await section('delivery (SMS)', dialect, () => benchSmsDelivery(dialect, sizes.sms));
rows.push(
  notAvailable(
    'delivery (Web Push)',
    '-',
    'not measured yet: needs a push load driver on the local push stand-in',
  ),
);
for (const dialect of dialects)
  await section('realtime (SSE)', dialect, () => benchRealtime(dialect, sizes.realtime));
if (dialects.length === 1) rows.push(notAvailable('all', 'postgres', 'AMPARO_TEST_DATABASE_URL is not set'));

const files = writeResults(rows, isSmoke ? 'smoke' : 'full', startedAt);
console.log(renderMarkdown(rows));
console.log(`\nwritten to ${files.markdown} and ${files.json}`);
// Pools and timers of finished sections must not keep the process alive, nor a cut-off server.
killRunningServers();
process.exit(0);
