import { sql } from 'kysely';
import { planAlert } from '../server/modules/alerting/alerts/index.ts';
import { systemClock } from '../server/platform/clock/clock.ts';
import type { DialectName } from '../server/platform/database/database.ts';
import { newId } from '../server/platform/ids/ids.ts';
import { buildAlertWorld, buildIncident, pilsen, pilsenZip } from '../test/alerts/support/alert-world.ts';
import { approve, call } from '../test/alerts/support/api.ts';
import { createTestApp } from '../test/support/app.ts';
import type { TestApp } from '../test/support/app.ts';
import { seedSubscribers } from './alert-seed.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';
import { timed } from './timing.ts';

/**
 * Planning one approved alert whose areas cover `matching` of `matching + others` subscribers (the
 * alerts module's planAlert: select recipients, write deliveries and their jobs in batches), against
 * a bare insert of the same number of rows into a scratch table of the same database.
 */
export async function benchAlertPlanning(
  dialect: DialectName,
  sizes: { matching: number; others: number },
): Promise<BenchRow[]> {
  const testApp = await createTestApp(dialect);
  try {
    const world = await buildAlertWorld(testApp);
    const seeding = await timed(() =>
      seedSubscribers(testApp.context, {
        networkId: world.network.id,
        matching: sizes.matching,
        others: sizes.others,
        point: pilsen,
        zip: pilsenZip,
        farZip: '60601',
      }),
    );
    const alertId = await approvedAlert(testApp, world);
    const db = testApp.context.database.db;
    const planning = await timed(() =>
      planAlert(
        { db, dialect, clock: systemClock, jobs: { wake: () => undefined } },
        alertId,
        new AbortController().signal,
      ),
    );
    const deliveries = await db
      .selectFrom('alert_deliveries')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('alert_id', '=', alertId)
      .executeTakeFirstOrThrow();
    const planned = Number(deliveries.count);
    const bare = await timed(() => bareInsert(testApp, planned));
    return [
      {
        section: 'alert planning',
        database: dialect,
        figure: 'seconds to plan',
        value: formatNumber(planning.milliseconds / 1000, 2),
        baseline: `${formatNumber(bare.milliseconds / 1000, 2)} s bare insert`,
        ratio: ratioOf(planning.milliseconds, bare.milliseconds),
        note: `${planned.toLocaleString('en-US')} deliveries (and as many jobs) of ${(sizes.matching + sizes.others).toLocaleString('en-US')} subscribers; seeded in ${formatNumber(seeding.milliseconds / 1000, 1)} s`,
      },
    ];
  } finally {
    await testApp.close();
  }
}

async function approvedAlert(
  testApp: TestApp,
  world: Awaited<ReturnType<typeof buildAlertWorld>>,
): Promise<string> {
  const incidentId = await buildIncident(testApp.context, world.network.id);
  const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
  if (draft.statusCode !== 201 && draft.statusCode !== 200)
    throw new Error(`draft failed: ${draft.statusCode}`);
  const alertId = draft.json<{ alert: { id: string } }>().alert.id;
  const approval = await approve(testApp, alertId, world.approver);
  if (approval.statusCode !== 200)
    throw new Error(`approval failed: ${approval.statusCode} ${approval.body}`);
  return alertId;
}

/** The floor: the same number of narrow rows, in the same batch size, with no selection at all. */
async function bareInsert(testApp: TestApp, count: number): Promise<void> {
  const db = testApp.context.database.db;
  await sql`create table bench_bare_rows (id text primary key, alert_id text not null, recipient_id text not null, channel text not null, created_at bigint not null)`.execute(
    db,
  );
  const alertId = newId();
  const now = Date.now();
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, () => ({
      id: newId(),
      alert_id: alertId,
      recipient_id: newId(),
      channel: 'sms',
      created_at: now,
    }));
    await db.transaction().execute(async (trx) => {
      const values = sql.join(
        rows.map(
          (row) => sql`(${row.id}, ${row.alert_id}, ${row.recipient_id}, ${row.channel}, ${row.created_at})`,
        ),
      );
      await sql`insert into bench_bare_rows (id, alert_id, recipient_id, channel, created_at) values ${values}`.execute(
        trx,
      );
    });
  }
}
