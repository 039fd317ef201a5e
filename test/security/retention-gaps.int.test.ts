import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runPurge } from '../../server/retention.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import { buildAlert } from '../alerts/support/alert-factory.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Issue 15 item 2, the retention gaps closed by ADR 0034: each rule plants a marker, runs
 * `amparo purge`'s list at a shifted clock, and finds the marker gone from the database (and from
 * SQLite's file and WAL), while what must stay stays.
 */
describeEachDatabase('retention gaps closed', (dialect) => {
  let database: TestDatabase;
  const clock = createManualClock(Date.UTC(2026, 5, 1));
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock.set(Date.UTC(2026, 5, 1));
  });
  afterEach(async () => {
    await database.destroy();
  });

  const context = () => ({
    database,
    clock,
    crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
  });
  const purge = () => runPurge({ db: database.db, dialect: database.dialect, clock });
  /** Whether the SQLite file or its WAL holds `marker` (always false on PostgreSQL). */
  const fileHolds = (marker: string): boolean => {
    const target = database.target;
    if (target.kind !== 'sqlite') return false;
    const files = [target.file, `${target.file}-wal`].filter((file) => fs.existsSync(file));
    return files.some((file) => fs.readFileSync(file).includes(marker));
  };
  const count = (report: Awaited<ReturnType<typeof purge>>, name: string) =>
    report.deleted.find((entry) => entry.name === name)?.count;

  it('reduces finished alert deliveries to counts after 30 days, forgetting who received them', async () => {
    const factories = context();
    const network = await buildNetwork(factories);
    const drafter = await buildMember(factories, { networkId: network.id, roles: [{ role: 'coordinator' }] });
    const alert = await buildAlert(factories, {
      networkId: network.id,
      draftedBy: drafter.id,
      state: 'approved',
    });
    const plant = async (status: 'sent' | 'failed' | 'pending', channel: 'sms' | 'email') => {
      const marker = `delivery-marker-${newId()}`;
      const now = clock.now();
      await database.db
        .insertInto('alert_deliveries')
        .values({
          id: newId(),
          network_id: network.id,
          alert_id: alert.id,
          recipient_kind: 'subscriber',
          recipient_id: marker,
          channel,
          language: 'es',
          status,
          attempts: 1,
          slot_at: null,
          sending_until: null,
          provider_message_id: status === 'pending' ? null : `SM${newId().replace(/-/g, '')}`,
          provider_status: null,
          error_code: null,
          created_at: now,
          updated_at: now,
          sent_at: status === 'sent' ? now : null,
          retry_at: null,
        })
        .execute();
      return marker;
    };
    const sent = [await plant('sent', 'sms'), await plant('sent', 'sms'), await plant('sent', 'email')];
    const failed = await plant('failed', 'sms');
    const stillPending = await plant('pending', 'sms');
    const markers = [...sent, failed];
    if (dialect === 'sqlite') expect(fileHolds(sent[0]!)).toBe(true);

    clock.advance(29 * dayMs);
    expect(count(await purge(), 'alert deliveries reduced to counts after 30 days')).toBe(0);
    clock.advance(1 * dayMs + 1);
    expect(count(await purge(), 'alert deliveries reduced to counts after 30 days')).toBe(4);

    const left = await database.db.selectFrom('alert_deliveries').select('recipient_id').execute();
    expect(left.map((row) => row.recipient_id)).toEqual([stillPending]);
    for (const marker of markers) expect(fileHolds(marker), marker).toBe(false);
    const counts = await database.db
      .selectFrom('alert_delivery_counts')
      .select(['alert_id', 'channel', 'status', 'count'])
      .orderBy('channel')
      .orderBy('status')
      .execute();
    expect(counts.map((row) => ({ ...row, count: Number(row.count) }))).toEqual([
      { alert_id: alert.id, channel: 'email', status: 'sent', count: 1 },
      { alert_id: alert.id, channel: 'sms', status: 'failed', count: 1 },
      { alert_id: alert.id, channel: 'sms', status: 'sent', count: 2 },
    ]);

    // A later run adds to the counts instead of replacing them.
    const late = await plant('sent', 'sms');
    clock.advance(31 * dayMs);
    await purge();
    const sms = await database.db
      .selectFrom('alert_delivery_counts')
      .select('count')
      .where('channel', '=', 'sms')
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    expect(Number(sms.count)).toBe(3);
    expect(fileHolds(late)).toBe(false);
  });

  it("deletes a weaponized tip's status stand-in 30 days after it expired", async () => {
    const network = await buildNetwork(context());
    const marker = `decoy${newId().replace(/-/g, '')}`;
    const now = clock.now();
    await database.db
      .insertInto('tip_status_decoys')
      .values({
        public_id: marker,
        network_id: network.id,
        category: 'home',
        zip: '60608',
        first_report_at: now,
        created_at: now,
        expires_at: now + 12 * 60 * 60 * 1000,
      })
      .execute();
    const name = "weaponized tips' status stand-ins 30 days after they expired";
    clock.advance(30 * dayMs);
    expect(count(await purge(), name)).toBe(0);
    if (dialect === 'sqlite') expect(fileHolds(marker)).toBe(true);
    clock.advance(1 * dayMs);
    expect(count(await purge(), name)).toBe(1);
    expect(await database.db.selectFrom('tip_status_decoys').selectAll().execute()).toEqual([]);
    expect(fileHolds(marker)).toBe(false);
  });

  it('deletes effect-once keys a week old unless a pending job still holds them', async () => {
    const now = clock.now();
    const spent = `effect-marker-${newId()}`;
    const held = `effect-held-${newId()}`;
    const jobId = newId();
    await database.db
      .insertInto('jobs')
      .values({
        id: jobId,
        name: 'alerts.deliverSms',
        payload: '{}',
        idempotency_key: null,
        status: 'pending',
        run_at: now,
        attempts: 1,
        max_attempts: 10,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        finished_at: null,
      })
      .execute();
    await database.db
      .insertInto('job_effects')
      .values([
        { key: spent, job_id: newId(), created_at: now },
        { key: held, job_id: jobId, created_at: now },
      ])
      .execute();
    const name = 'effect-once keys of finished jobs over 7 days old';
    clock.advance(6 * dayMs);
    expect(count(await purge(), name)).toBe(0);
    if (dialect === 'sqlite') expect(fileHolds(spent)).toBe(true);
    clock.advance(1 * dayMs + 1);
    expect(count(await purge(), name)).toBe(1);
    const keys = await database.db.selectFrom('job_effects').select('key').execute();
    expect(keys.map((row) => row.key)).toEqual([held]);
    expect(fileHolds(spent)).toBe(false);
  });
});
