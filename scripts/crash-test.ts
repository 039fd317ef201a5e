/**
 * Kill -9 the server many times in the middle of a surge of reports and check nothing
 * acknowledged was lost:
 *
 *   node --import tsx scripts/crash-test.ts --kills 100 [--dialect sqlite|postgres] [--concurrency 8]
 *
 * PostgreSQL needs AMPARO_TEST_DATABASE_URL (a database where a throwaway schema may be created).
 * Exits 1 if any acknowledged report is missing or the database is inconsistent.
 */
import { parseArgs } from 'node:util';
import { runCrashRounds } from '../test/intake/crash-driver.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '100' },
    dialect: { type: 'string', default: 'sqlite' },
    concurrency: { type: 'string', default: '8' },
  },
});
const kills = Number(values.kills);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('--kills and --concurrency must be positive whole numbers');
  process.exit(2);
}
if (values.dialect !== 'sqlite' && values.dialect !== 'postgres') {
  console.error('--dialect must be sqlite or postgres');
  process.exit(2);
}

const started = Date.now();
const result = await runCrashRounds({
  dialect: values.dialect,
  kills,
  concurrency,
  log: (line) => console.log(line),
});
console.log(
  JSON.stringify(
    { ...result, lost: result.lost.length, seconds: Math.round((Date.now() - started) / 1000) },
    null,
    2,
  ),
);
const isIntact = result.integrity === null || result.integrity === 'ok';
if (result.lost.length > 0 || result.inconsistentIncidents.length > 0 || !isIntact) {
  console.error('FAILED: acknowledged reports lost or the database is inconsistent');
  process.exit(1);
}
console.log(`OK: ${result.acknowledged} acknowledged reports survived ${result.kills} kills`);
