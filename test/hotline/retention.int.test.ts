import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { purgeJob, runPurge } from '../../server/retention.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, signIn } from '../support/factories.ts';
import type { SignedIn } from '../support/factories.ts';
import { buildHotlineNetwork, createHotlineApp, jobContextFor, randomPhone, sendText } from './support.ts';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

describeEachDatabase('intake retention', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createHotlineApp(dialect);
  });
  afterAll(() => testApp.close());

  const db = () => testApp.database.db;
  const purgeDeps = () => ({ db: db(), dialect, clock: testApp.clock });

  /** A report through the no-JavaScript form, with a unique marker in its text and a callback number. */
  async function reportThroughForm(slug: string, marker: string) {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/r/${slug}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams({
        category: 'home',
        description: `Agents at the door ${marker}`,
        locationText: `${marker} W Cermak Rd`,
        zip: '60608',
        minutesAgo: '0',
        callbackContact: '+13125550177',
        contactConsent: 'yes',
      }).toString(),
    });
    expect(response.statusCode).toBe(201);
    return db()
      .selectFrom('reports')
      .selectAll()
      .where(
        'network_id',
        '=',
        (await db().selectFrom('networks').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
          .id,
      )
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
  }

  /** Bytes of the SQLite database file and its write-ahead log. */
  function databaseBytes(): Buffer {
    const target = testApp.database.target;
    if (target.kind !== 'sqlite') throw new Error('SQLite only');
    const files = [target.file, `${target.file}-wal`].filter((file) => fs.existsSync(file));
    return Buffer.concat(files.map((file) => fs.readFileSync(file)));
  }
  const occurrences = (haystack: Buffer, needle: string) => {
    let count = 0;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count += 1;
    return count;
  };

  async function closeIncident(headers: SignedIn['headers'], incidentId: string) {
    for (const status of ['verifying', 'confirmed', 'closed']) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: `/api/incidents/${incidentId}/status`,
        headers,
        payload: { status },
      });
      expect(response.statusCode).toBe(200);
    }
  }

  it('deletes the reporter contact at close and the text after N days, and the bytes are gone from the file', async () => {
    const { network } = await buildHotlineNetwork(testApp.context);
    await db()
      .updateTable('networks')
      .set({ settings: JSON.stringify({ hotlineNumbers: [], reportTextRetentionDays: 2 }) })
      .where('id', '=', network.id)
      .execute();
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
    });
    const headers = (await signIn(testApp.context, dispatcher)).headers;
    const marker = `MARKER${randomBytes(6).toString('hex')}`;
    const report = await reportThroughForm(network.slug, marker);
    const secrets = [report.description_enc, report.location_text_enc, report.callback_contact_enc].map(
      (envelope) =>
        // The encrypted body of each envelope is unique: find it anywhere in the bytes.
        (envelope ?? '').split('.')[2]?.slice(0, 40) ?? '',
    );
    expect(secrets.every((secret) => secret.length === 40)).toBe(true);
    if (dialect === 'sqlite') {
      const before = databaseBytes();
      // The search finds what is there (so finding nothing later means something).
      for (const secret of secrets) expect(occurrences(before, secret)).toBeGreaterThan(0);
    }

    // Open incident: nothing goes yet.
    await runPurge(purgeDeps());
    expect(
      await db().selectFrom('reports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow(),
    ).toMatchObject({
      callback_contact_enc: report.callback_contact_enc,
      description_enc: report.description_enc,
    });

    // Closed: the contact goes at once (0 hours by default), the text stays. This is the recurring
    // job (no VACUUM): secure_delete and the emptied WAL leave no copy of the contact either.
    await closeIncident(headers, report.incident_id);
    await purgeJob.handle({}, jobContextFor(testApp));
    const afterClose = await db()
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(afterClose.callback_contact_enc).toBeNull();
    expect(afterClose.contact_purged_at).toBe(testApp.clock.now());
    expect(afterClose.description_enc).toBe(report.description_enc);
    if (dialect === 'sqlite') {
      const [description = '', , contact = ''] = secrets;
      expect(occurrences(databaseBytes(), contact)).toBe(0);
      expect(occurrences(databaseBytes(), description)).toBeGreaterThan(0);
    }

    // Past the network's two days: the text, typed address and pin go.
    testApp.clock.advance(2 * dayMs + hourMs);
    const report2 = await runPurge(purgeDeps());
    expect(report2.compaction.isComplete).toBe(true);
    const purged = await db()
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(purged).toMatchObject({
      description_enc: null,
      location_text_enc: null,
      location_point_enc: null,
      callback_contact_enc: null,
    });
    expect(purged.text_purged_at).toBe(testApp.clock.now());

    if (dialect === 'sqlite') {
      const after = databaseBytes();
      expect(occurrences(after, marker)).toBe(0);
      for (const secret of secrets) expect(occurrences(after, secret)).toBe(0);
    } else {
      for (const secret of secrets) {
        const rows = await db()
          .selectFrom('reports')
          .select('id')
          .where((eb) =>
            eb.or([
              eb('description_enc', 'like', `%${secret}%`),
              eb('location_text_enc', 'like', `%${secret}%`),
              eb('callback_contact_enc', 'like', `%${secret}%`),
            ]),
          )
          .execute();
        expect(rows).toEqual([]);
      }
    }
  });

  it('purges flagged tips after 24 hours, SMS conversations after 30 minutes, and any contact after 7 days', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    await sendText(testApp, {
      from: randomPhone(),
      to: hotline,
      body: 'I want to report my neighbor, she is illegal and lives at 2100 S Kedzie Ave',
    });
    await sendText(testApp, { from: randomPhone(), to: hotline, body: 'agents knocking on doors right now' });
    const openReport = await reportThroughForm(network.slug, 'open-incident');
    const count = async (table: 'flagged_reports' | 'sms_conversations') =>
      (await db().selectFrom(table).select('id').where('network_id', '=', network.id).execute()).length;
    expect([await count('flagged_reports'), await count('sms_conversations')]).toEqual([1, 1]);

    testApp.clock.advance(29 * 60 * 1000);
    await purgeJob.handle({}, jobContextFor(testApp));
    expect([await count('flagged_reports'), await count('sms_conversations')]).toEqual([1, 1]);
    testApp.clock.advance(2 * 60 * 1000);
    await purgeJob.handle({}, jobContextFor(testApp));
    expect([await count('flagged_reports'), await count('sms_conversations')]).toEqual([1, 0]);
    testApp.clock.advance(24 * hourMs);
    await purgeJob.handle({}, jobContextFor(testApp));
    expect(await count('flagged_reports')).toBe(0);

    const contactOf = async () =>
      (
        await db()
          .selectFrom('reports')
          .select('callback_contact_enc')
          .where('id', '=', openReport.id)
          .executeTakeFirstOrThrow()
      ).callback_contact_enc;
    expect(await contactOf()).not.toBeNull();
    testApp.clock.advance(7 * dayMs);
    await purgeJob.handle({}, jobContextFor(testApp));
    expect(await contactOf()).toBeNull();
  });
});
