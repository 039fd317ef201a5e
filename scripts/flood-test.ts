/**
 * A junk flood against intake while real reports keep arriving, on simulated time:
 *
 *   node --import tsx scripts/flood-test.ts [--junk 10000] [--per-minute 1000] [--dialect sqlite|postgres]
 *
 * PostgreSQL needs AMPARO_TEST_DATABASE_URL (a database where a throwaway schema may be created).
 * Prints the figures as JSON; exits 1 if under 99 % of real reports were accepted, the
 * dispatcher queue grew by more than one incident per five stored reports, or any alert exists
 * afterwards (a coordinator tries to draft one from every incident the flood opened).
 */
import { parseArgs } from 'node:util';
import { runFloodTest } from '../test/hotline/flood-driver.ts';

const { values } = parseArgs({
  options: {
    junk: { type: 'string', default: '10000' },
    'per-minute': { type: 'string', default: '1000' },
    scattered: { type: 'string', default: '0.1' },
    dialect: { type: 'string', default: 'sqlite' },
  },
});
const junk = Number(values.junk);
const junkPerMinute = Number(values['per-minute']);
const scatteredShare = Number(values.scattered);
if (
  !Number.isInteger(junk) ||
  junk < 1 ||
  !(junkPerMinute > 0) ||
  !(scatteredShare >= 0 && scatteredShare <= 1)
) {
  console.error('--junk must be a positive whole number, --per-minute positive, --scattered between 0 and 1');
  process.exit(2);
}
if (values.dialect !== 'sqlite' && values.dialect !== 'postgres') {
  console.error('--dialect must be sqlite or postgres');
  process.exit(2);
}

const result = await runFloodTest({
  dialect: values.dialect,
  junk,
  junkPerMinute,
  scatteredShare,
  log: (line) => console.log(line),
});
console.log(JSON.stringify(result, null, 2));
const isPassed =
  result.realAcceptedShare >= 0.99 && result.incidentsPerReport <= 0.2 && result.alertsCreated === 0;
process.exit(isPassed ? 0 : 1);
