import { sql } from 'kysely';
import type { RecordedSms } from '../../test/support/fake-twilio.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseHandle, DatabaseTarget } from '../../server/platform/database/database.ts';
import type { CrashWorld } from './world.ts';

export interface Verdict {
  acknowledgedReports: number;
  storedReports: number;
  /** Acknowledged report ids missing from the database: must be empty. */
  lostReports: string[];
  /** Incidents whose report_count differs from their stored reports: must be empty. */
  inconsistentIncidents: string[];
  acknowledgedAlerts: number;
  /** Approved alerts in the database (acknowledged, plus approvals whose answer the kill cut off). */
  approvedAlerts: number;
  /** Acknowledged approvals that are not approved in the database, or approved alerts not fully planned. */
  lostAlerts: string[];
  deliveries: number;
  sent: number;
  uncertain: number;
  /** Deliveries not in a final state after the drain (pending, held, sending) or failed. */
  unfinished: number;
  failed: number;
  /** Texts at the fake Twilio for the run's alerts. */
  texts: number;
  /** recipient+alert pairs texted more than once: must be empty. */
  duplicates: string[];
  /** Alerts with fewer distinct recipients texted than `sent` deliveries: must be empty. */
  sentWithoutText: string[];
  /** 'ok' or what failed: SQLite integrity_check + foreign_key_check, PostgreSQL amcheck. */
  integrity: string;
  /** Consistency queries that found rows: must be empty. */
  inconsistencies: string[];
}

const terminal = new Set(['sent', 'suppressed', 'uncertain']);

export async function verify(
  target: DatabaseTarget,
  world: CrashWorld,
  acknowledged: { reports: string[]; alerts: { id: string; zone: number; tag: string }[] },
  texts: RecordedSms[],
): Promise<Verdict> {
  const database = openDatabase(target);
  try {
    const db = database.db;
    const storedReports = new Set<string>();
    for (let start = 0; start < acknowledged.reports.length; start += 500) {
      const batch = acknowledged.reports.slice(start, start + 500);
      for (const row of await db.selectFrom('reports').select('id').where('id', 'in', batch).execute())
        storedReports.add(row.id);
    }
    const seededIncidents = new Set(world.zones.flatMap((zone) => zone.incidents));
    const counts = await db
      .selectFrom('incidents')
      .leftJoin('reports', 'reports.incident_id', 'incidents.id')
      .select([
        'incidents.id',
        'incidents.report_count',
        (eb) => eb.fn.count<string>('reports.id').as('actual'),
      ])
      .where('incidents.network_id', '=', world.networkId)
      .groupBy(['incidents.id', 'incidents.report_count'])
      .execute();
    const totalReports = await db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();

    const alerts = await db
      .selectFrom('alerts')
      .select(['id', 'state', 'plan_state', 'incident_id', 'free_text'])
      .where('network_id', '=', world.networkId)
      .execute();
    const deliveries = await db
      .selectFrom('alert_deliveries')
      .select(['alert_id', 'status'])
      .where('network_id', '=', world.networkId)
      .execute();
    const zoneOfIncident = new Map(
      world.zones.flatMap((zone) => zone.incidents.map((incident) => [incident, zone] as const)),
    );
    const approved = alerts.filter((alert) => alert.state === 'approved');
    const approvedIds = new Set(approved.map((alert) => alert.id));
    const lostAlerts = acknowledged.alerts
      .filter((alert) => !approvedIds.has(alert.id))
      .map((alert) => `${alert.id}: acknowledged but not approved`);
    const perAlert = new Map<string, string[]>();
    for (const row of deliveries)
      perAlert.set(row.alert_id, [...(perAlert.get(row.alert_id) ?? []), row.status]);
    const textsPerPair = new Map<string, number>();
    const recipientsPerTag = new Map<string, Set<string>>();
    let runTexts = 0;
    for (const text of texts) {
      const tag = /crash drill (CR\d+X)/.exec(text.body)?.[1];
      if (!tag) continue;
      runTexts += 1;
      textsPerPair.set(`${text.to}|${tag}`, (textsPerPair.get(`${text.to}|${tag}`) ?? 0) + 1);
      recipientsPerTag.set(tag, (recipientsPerTag.get(tag) ?? new Set()).add(text.to));
    }
    const sentWithoutText: string[] = [];
    for (const alert of approved) {
      const statuses = perAlert.get(alert.id) ?? [];
      const expected = zoneOfIncident.get(alert.incident_id)?.phones.length ?? -1;
      if (alert.plan_state !== 'planned' || statuses.length !== expected) {
        lostAlerts.push(
          `${alert.id}: ${alert.plan_state}, ${statuses.length}/${expected} deliveries planned`,
        );
      }
      const tag = /crash drill (CR\d+X)/.exec(alert.free_text)?.[1] ?? '';
      const sent = statuses.filter((status) => status === 'sent').length;
      if ((recipientsPerTag.get(tag)?.size ?? 0) < sent) sentWithoutText.push(alert.id);
    }
    return {
      acknowledgedReports: acknowledged.reports.length,
      storedReports: Number(totalReports.count),
      lostReports: acknowledged.reports.filter((id) => !storedReports.has(id)),
      inconsistentIncidents: counts
        .filter((row) => !seededIncidents.has(row.id) && Number(row.actual) !== row.report_count)
        .map((row) => row.id),
      acknowledgedAlerts: acknowledged.alerts.length,
      approvedAlerts: approved.length,
      lostAlerts,
      deliveries: deliveries.length,
      sent: deliveries.filter((row) => row.status === 'sent').length,
      uncertain: deliveries.filter((row) => row.status === 'uncertain').length,
      unfinished: deliveries.filter((row) => !terminal.has(row.status)).length,
      failed: deliveries.filter((row) => row.status === 'failed').length,
      texts: runTexts,
      duplicates: [...textsPerPair]
        .filter(([, count]) => count > 1)
        .map(([pair, count]) => `${pair} x${count}`),
      sentWithoutText,
      integrity: await integrityCheck(database),
      inconsistencies: await consistencyQueries(database),
    };
  } finally {
    await database.close();
  }
}

async function integrityCheck(database: DatabaseHandle): Promise<string> {
  if (database.dialect === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
    const problems = integrity.rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    const foreignKeys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(database.db);
    if (foreignKeys.rows.length > 0) problems.push(`${foreignKeys.rows.length} foreign key violations`);
    return problems.length === 0 ? 'ok' : problems.join('; ');
  }
  // amcheck verifies every B-tree index of the run's schema against its table (heapallindexed).
  const available = await sql<{ name: string }>`
    select name from pg_available_extensions where name = 'amcheck'`.execute(database.db);
  if (available.rows.length === 0) return 'ok (amcheck unavailable: consistency queries only)';
  await sql`create schema if not exists amcheck`.execute(database.db);
  await sql`create extension if not exists amcheck schema amcheck`.execute(database.db);
  const schema = database.postgres?.schema ?? 'public';
  const indexes = await sql<{ name: string; oid: number }>`
    select c.relname as name, c.oid::int as oid
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_am a on a.oid = c.relam
    where n.nspname = ${schema} and a.amname = 'btree'`.execute(database.db);
  const problems: string[] = [];
  for (const index of indexes.rows) {
    try {
      await sql`select amcheck.bt_index_check(${index.oid}::oid, true)`.execute(database.db);
    } catch (error) {
      problems.push(`${index.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems.length === 0 ? `ok (amcheck: ${indexes.rows.length} indexes)` : problems.join('; ');
}

/** Relations the schema cannot enforce (or that a half-written transaction would break). */
async function consistencyQueries(database: DatabaseHandle): Promise<string[]> {
  const checks: [string, ReturnType<typeof sql<{ count: number | string }>>][] = [
    [
      'deliveries without their alert',
      sql`select count(*) as count from alert_deliveries d where not exists (select 1 from alerts a where a.id = d.alert_id)`,
    ],
    [
      'deliveries of an alert that is not approved',
      sql`select count(*) as count from alert_deliveries d join alerts a on a.id = d.alert_id where a.state <> 'approved'`,
    ],
    [
      'a recipient planned twice for one alert and channel',
      sql`select count(*) as count from (select alert_id, recipient_id, channel from alert_deliveries group by alert_id, recipient_id, channel having count(*) > 1) x`,
    ],
    [
      'deliveries of a subscriber that does not exist',
      sql`select count(*) as count from alert_deliveries d where d.recipient_kind = 'subscriber' and not exists (select 1 from subscribers s where s.id = d.recipient_id)`,
    ],
    [
      'reports pointing at a missing incident',
      sql`select count(*) as count from reports r where r.incident_id is not null and not exists (select 1 from incidents i where i.id = r.incident_id)`,
    ],
    [
      'sent deliveries without a send time',
      sql`select count(*) as count from alert_deliveries where status = 'sent' and sent_at is null`,
    ],
  ];
  const found: string[] = [];
  for (const [name, query] of checks) {
    const count = Number((await query.execute(database.db)).rows[0]?.count ?? 0);
    if (count > 0) found.push(`${name}: ${count}`);
  }
  return found;
}
