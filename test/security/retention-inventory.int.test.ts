import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runPurge, purgeTasks } from '../../server/retention.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import { buildIncident } from '../intake/incident-factory.ts';
import { retentionRules } from './retention-rules.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Issue 15 item 2: every table has a retention rule, and each purge rule is real. */
describeEachDatabase('retention for every table', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('has a rule for every migrated table, and no rule for a table that is gone', async () => {
    // Only this test's own schema: other test files migrate theirs in the same database meanwhile.
    const ownSchema = database.target.kind === 'postgres' ? (database.target.schema ?? 'public') : undefined;
    const tables = (await database.db.introspection.getTables())
      .filter((table) => ownSchema === undefined || table.schema === ownSchema)
      .map((table) => table.name)
      .filter((name) => !name.startsWith('kysely_migration'));
    expect(tables.length).toBeGreaterThan(40);
    const unruled = tables.filter((name) => !(name in retentionRules));
    expect(unruled, 'a new table needs a rule in test/security/retention-rules.ts').toEqual([]);
    expect(Object.keys(retentionRules).filter((name) => !tables.includes(name))).toEqual([]);
  });

  it('names in each purge rule a task that runs and deletes from that table', () => {
    for (const [table, rule] of Object.entries(retentionRules)) {
      if (!('purge' in rule)) continue;
      for (const name of rule.purge) {
        const task = purgeTasks.find((candidate) => candidate.name === name);
        expect(task, `${table}: no purge task "${name}" in server/retention.ts`).toBeDefined();
        expect(task?.tables, `${table}: "${name}" does not delete from it`).toContain(table);
      }
    }
  });

  it('deletes an evidence export request after 7 days, gone from the database file and WAL', async () => {
    const clock = createManualClock(Date.UTC(2026, 5, 1));
    const context = {
      database,
      clock,
      crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
    };
    const network = await buildNetwork(context);
    const member = await buildMember(context, { networkId: network.id });
    const incident = await buildIncident(context, network.id);
    // The row's id is the marker: it holds no text, only who asked for an incident's evidence.
    const marker = `export-marker-${newId()}`;
    const now = clock.now();
    await database.db
      .insertInto('evidence_exports')
      .values({
        id: marker,
        network_id: network.id,
        incident_id: incident.id,
        requested_by: member.id,
        requested_at: now,
        status: 'downloaded',
        approved_by: null,
        approved_at: null,
        downloaded_at: now,
        expires_at: now + dayMs,
        updated_at: now,
      })
      .execute();
    const deps = { db: database.db, dialect: database.dialect, clock };
    const rowCount = async (): Promise<number> =>
      (await database.db.selectFrom('evidence_exports').select('id').where('id', '=', marker).execute())
        .length;
    const fileHoldsMarker = (): boolean => {
      const target = database.target;
      if (target.kind !== 'sqlite') return false;
      const files = [target.file, `${target.file}-wal`].filter((file) => fs.existsSync(file));
      return files.some((file) => fs.readFileSync(file).includes(marker));
    };

    clock.advance(6 * dayMs);
    await runPurge(deps);
    expect(await rowCount()).toBe(1);
    if (dialect === 'sqlite') expect(fileHoldsMarker()).toBe(true); // the search does find it

    clock.advance(1 * dayMs + 1);
    const report = await runPurge(deps);
    expect(report.deleted).toContainEqual({ name: 'evidence export requests older than 7 days', count: 1 });
    expect(await rowCount()).toBe(0);
    expect(fileHoldsMarker()).toBe(false);
  });

  it('deletes unsubscribed subscribers, keeping only the STOP suppression by blind index', async () => {
    const clock = createManualClock(Date.UTC(2026, 5, 1));
    const context = {
      database,
      clock,
      crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
    };
    const network = await buildNetwork(context);
    const now = clock.now();
    const plant = async (
      status: 'active' | 'unsubscribed',
    ): Promise<{ id: string; marker: string; index: string }> => {
      const planted = { id: newId(), marker: `subscriber-marker-${newId()}`, index: `index-${newId()}` };
      await database.db
        .insertInto('subscribers')
        .values({
          id: planted.id,
          network_id: network.id,
          channel: 'sms',
          contact_enc: planted.marker,
          contact_index: planted.index,
          language: 'es',
          preference: 'urgent',
          status,
          is_exercise_recipient: 0,
          pending_settings: null,
          confirmation_hash: null,
          confirmation_expires_at: null,
          created_at: now,
          updated_at: now,
          confirmed_at: now,
          unsubscribed_at: status === 'unsubscribed' ? now : null,
          bounce_count: 0,
        })
        .execute();
      await database.db
        .insertInto('subscriber_areas')
        .values({
          id: newId(),
          subscriber_id: planted.id,
          network_id: network.id,
          kind: 'zip',
          zip: '60608',
          lat: null,
          lon: null,
          radius_meters: null,
          min_lat: 41.8,
          min_lon: -87.7,
          max_lat: 41.9,
          max_lon: -87.6,
          created_at: now,
        })
        .execute();
      return planted;
    };
    const leaver = await plant('unsubscribed');
    await database.db
      .insertInto('sms_opt_outs')
      .values({ network_id: network.id, phone_index: leaver.index, created_at: now })
      .execute();
    const stayer = await plant('active');
    const fileHolds = (marker: string): boolean => {
      const target = database.target;
      if (target.kind !== 'sqlite') return false;
      const files = [target.file, `${target.file}-wal`].filter((file) => fs.existsSync(file));
      return files.some((file) => fs.readFileSync(file).includes(marker));
    };
    if (dialect === 'sqlite') expect(fileHolds(leaver.marker)).toBe(true);

    const report = await runPurge({ db: database.db, dialect: database.dialect, clock });
    expect(report.deleted).toContainEqual({
      name: 'unsubscribed subscribers (a STOP keeps only its blind-index suppression)',
      count: 1,
    });
    const ids = (await database.db.selectFrom('subscribers').select('id').execute()).map((row) => row.id);
    expect(ids).toEqual([stayer.id]);
    const areaOwners = await database.db.selectFrom('subscriber_areas').select('subscriber_id').execute();
    expect(areaOwners.map((row) => row.subscriber_id)).toEqual([stayer.id]);
    expect(fileHolds(leaver.marker)).toBe(false);
    if (dialect === 'sqlite') expect(fileHolds(stayer.marker)).toBe(true);
    // STOP stays honored: the suppression entry (a keyed hash, no number) remains.
    const optOuts = await database.db.selectFrom('sms_opt_outs').select('phone_index').execute();
    expect(optOuts.map((row) => row.phone_index)).toEqual([leaver.index]);
  });
});
