/**
 * Kill -9 the server again and again in the middle of a surge of reports and alert fan-out, and
 * check that nothing acknowledged was lost, nobody was texted twice and the database is intact:
 *
 *   npm run crash-test -- --kills 100 --database sqlite|postgres [--runner bundle|tsx] [--concurrency 8]
 *
 * PostgreSQL needs AMPARO_TEST_DATABASE_URL (a database where a throwaway schema may be created).
 * Prints one summary line (and the full result as JSON with --json FILE); exits 1 on any failure.
 * See docs/reliability.md for what is checked and the latest figures.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runCrashTest } from './crash/run.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '100' },
    database: { type: 'string' },
    dialect: { type: 'string' },
    runner: { type: 'string', default: 'bundle' },
    concurrency: { type: 'string', default: '8' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const kills = Number(values.kills);
const concurrency = Number(values.concurrency);
const dialect = values.database ?? values.dialect ?? 'sqlite';
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('--kills and --concurrency must be positive whole numbers');
  process.exit(2);
}
if (dialect !== 'sqlite' && dialect !== 'postgres') {
  console.error('--database must be sqlite or postgres');
  process.exit(2);
}
if (values.runner !== 'bundle' && values.runner !== 'tsx') {
  console.error('--runner must be bundle or tsx');
  process.exit(2);
}

const result = await runCrashTest({
  dialect,
  kills,
  concurrency,
  runner: values.runner,
  log: values.quiet ? undefined : (line) => console.log(line),
});
if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
for (const [label, items] of [
  ['lost reports', result.lostReports],
  ['inconsistent incidents', result.inconsistentIncidents],
  ['lost alerts', result.lostAlerts],
  ['duplicate texts', result.duplicates],
  ['sent without a text', result.sentWithoutText],
  ['inconsistencies', result.inconsistencies],
] as const) {
  if (items.length > 0)
    console.error(`${label}: ${items.slice(0, 10).join(', ')}${items.length > 10 ? ', ...' : ''}`);
}
console.log(
  [
    `crash-test ${result.passed ? 'PASSED' : 'FAILED'} [${result.dialect}, ${result.runner}]`,
    `kills=${result.kills}`,
    `reports acknowledged=${result.acknowledgedReports} stored=${result.storedReports} lost=${result.lostReports.length}`,
    `alerts acknowledged=${result.acknowledgedAlerts} approved=${result.approvedAlerts} lost=${result.lostAlerts.length}`,
    `deliveries=${result.deliveries} sent=${result.sent} uncertain=${result.uncertain} unfinished=${result.unfinished} failed=${result.failed}`,
    `texts=${result.texts} duplicates=${result.duplicates.length}`,
    `integrity=${result.integrity}`,
    `cut-off requests=${result.interrupted} rejected=${JSON.stringify(result.rejected)}`,
    `start=${result.startMs.mean} ms (max ${result.startMs.max}) cycle=${result.cycleMs} ms`,
    `duration=${result.durationSeconds} s`,
  ].join(' | '),
);
process.exit(result.passed ? 0 : 1);
