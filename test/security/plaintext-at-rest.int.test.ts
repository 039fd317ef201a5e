import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { createHotlineApp, randomPhone } from '../hotline/support.ts';
import { encryptedColumns } from '../../server/platform/crypto/encrypted-columns.ts';
import { classifyByName, explainedPlainColumns } from './plaintext-columns.ts';
import { createMarkers, plantEverySensitiveField } from './plaintext-markers.ts';
import { plantVoicemail } from '../hotline/voice-support.ts';
import type { PlantedWorld } from './plaintext-markers.ts';

/**
 * SECURITY.md: sensitive fields are encrypted at rest. A unique marker goes into every sensitive
 * field through the interface a person would use (test/security/plaintext-markers.ts); the raw
 * database (SQLite file and WAL, or a pg_dump of the schema) and the evidence media directory must
 * not contain any of them — while a control value stored in plain text is found, so the search works.
 */
describeEachDatabase('no plaintext of sensitive fields at rest', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  let planted: PlantedWorld;
  const markers = createMarkers();

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    testApp = await createHotlineApp(dialect, {
      twilioApiBase: twilio.url,
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
    });
    planted = await plantEverySensitiveField(testApp, markers, randomPhone());
    await plantVoicemail(testApp, twilio, {
      hotline: planted.hotline,
      callerPhone: markers.text.voiceCallerPhone,
      speech: markers.text.voicemailSpeech,
    });
  }, 60_000);
  afterAll(async () => {
    await testApp.close();
    await twilio.close();
  });

  function rawDatabase(): Buffer {
    const target = testApp.database.target;
    if (target.kind === 'sqlite') {
      const files = [target.file, `${target.file}-wal`].filter((file) => fs.existsSync(file));
      return Buffer.concat(files.map((file) => fs.readFileSync(file)));
    }
    return execFileSync('pg_dump', ['--data-only', '--schema', target.schema ?? 'public', target.url], {
      maxBuffer: 256 * 1024 * 1024,
    });
  }

  function mediaFiles(folder = 'media'): string[] {
    const root = path.join(testApp.context.config.dataDirectory, folder);
    if (!fs.existsSync(root)) return [];
    return fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .map((name) => path.join(root, name))
      .filter((file) => fs.statSync(file).isFile());
  }

  /** Every form of a marker the search looks for: the text, and a phone number's bare digits. */
  function needles(): [string, Buffer][] {
    const list: [string, Buffer][] = [];
    for (const [field, value] of Object.entries(markers.text)) {
      expect(value.length, `${field} was planted`).toBeGreaterThan(8);
      list.push([field, Buffer.from(value)]);
      if (value.startsWith('+')) list.push([`${field} digits`, Buffer.from(value.slice(1))]);
    }
    for (const [field, bytes] of Object.entries(markers.bytes)) list.push([`${field} bytes`, bytes]);
    return list;
  }

  it('finds the plain control value in the database but none of the markers', () => {
    const raw = rawDatabase();
    expect(raw.includes(Buffer.from(markers.plainControl))).toBe(true);
    const found = needles()
      .filter(([, needle]) => raw.includes(needle))
      .map(([field]) => field);
    expect(found, 'stored in plain text').toEqual([]);
  });

  it('stored every planted value, encrypted: each marker decrypts from its column', async () => {
    const { text } = markers;
    const expected: [string, string, string[]][] = [
      ['members', 'display_name_enc', [text.memberDisplayName]],
      ['members', 'email_enc', [text.memberEmail]],
      [
        'reports',
        'description_enc',
        [text.reportDescription, text.operatorDescription, text.hotlineReportText],
      ],
      ['reports', 'location_text_enc', [text.reportLocationText]],
      [
        'reports',
        'callback_contact_enc',
        [text.reportCallbackContact, text.hotlineTexterPhone, text.voiceCallerPhone],
      ],
      ['voice_calls', 'callback_phone_enc', [text.voiceCallerPhone]],
      ['incident_notes', 'body_enc', [text.incidentNote, text.statusChangeNote]],
      ['incident_messages', 'body_enc', [text.outboundMessage, text.inboundReply]],
      ['sms_conversations', 'draft_enc', [text.hotlineDraftText]],
      ['flagged_reports', 'description_enc', [text.flaggedTipText]],
      [
        'subscribers',
        'contact_enc',
        [text.smsSubscriberPhone, text.emailSubscriber, text.pushSubscriptionEndpoint],
      ],
      ['responder_profiles', 'sms_phone_enc', [text.responderSmsPhone]],
      ['responder_profiles', 'push_subscription_enc', [text.responderPushEndpoint]],
      ['dispatch_offers', 'outcome_notes_enc', [text.outcomeNotes]],
      ['dispatch_offers', 'livestream_url_enc', [text.livestreamUrl]],
      ['totp_credentials', 'secret_enc', [text.totpSecretBase32]],
      ['webauthn_credentials', 'name_enc', [text.passkeyName]],
    ];
    const db = testApp.database.db as unknown as Kysely<Record<string, Record<string, string | null>>>;
    for (const [table, column, values] of expected) {
      const context = encryptedColumns.find(
        (entry) => entry.table === table && entry.column === column,
      )?.context;
      expect(context, `${table}.${column} is registered`).toBeDefined();
      const rows = await db.selectFrom(table).select(column).execute();
      const plain = rows
        .map((row) => row[column])
        .filter((value): value is string => typeof value === 'string')
        .map((envelope) => testApp.context.crypto.decrypt(envelope, context ?? ''));
      for (const value of values) {
        expect(
          plain.some((entry) => entry.includes(value)),
          `${table}.${column} holds ${value}`,
        ).toBe(true);
      }
    }
  });

  it('keeps evidence files encrypted: neither the photo nor its metadata is readable on disk', () => {
    const files = mediaFiles();
    expect(files.length).toBeGreaterThanOrEqual(1);
    const bytes = Buffer.concat(files.map((file) => fs.readFileSync(file)));
    // The search reads the files: together they hold at least the uploaded photo's size.
    expect(bytes.length).toBeGreaterThanOrEqual(planted.evidenceBytes);
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff]);
    for (const file of files)
      expect(fs.readFileSync(file).subarray(0, 3).equals(jpegStart), file).toBe(false);
    const found = needles()
      .filter(([, needle]) => bytes.includes(needle))
      .map(([field]) => field);
    expect(found, 'readable in the media directory').toEqual([]);
  });

  it('keeps voicemail recordings encrypted: neither the audio nor what the caller said is readable on disk', () => {
    const files = mediaFiles('voicemail');
    expect(files.length).toBeGreaterThanOrEqual(1);
    const bytes = Buffer.concat(files.map((file) => fs.readFileSync(file)));
    expect(bytes.length).toBeGreaterThan(markers.text.voicemailSpeech.length);
    for (const file of files)
      expect(fs.readFileSync(file).subarray(0, 3).toString('latin1'), file).not.toBe('ID3');
    const found = needles()
      .filter(([, needle]) => bytes.includes(needle))
      .map(([field]) => field);
    expect(found, 'readable in the voicemail directory').toEqual([]);
  });

  it('has a reason for every text column that is not encrypted', async () => {
    // Only this test's own tables: on PostgreSQL other tests' schemas live in the same database.
    const ownSchema =
      testApp.database.target.kind === 'postgres' ? (testApp.database.target.schema ?? 'public') : undefined;
    const tables = (await testApp.database.db.introspection.getTables()).filter(
      (table) => ownSchema === undefined || table.schema === ownSchema,
    );
    const unexplained: string[] = [];
    for (const table of tables) {
      for (const column of table.columns) {
        if (!/text|char/i.test(column.dataType)) continue;
        const name = `${table.name}.${column.name}`;
        if (classifyByName(column.name) === null && !(name in explainedPlainColumns)) unexplained.push(name);
      }
    }
    expect(unexplained, 'text columns with no decision in test/security/plaintext-columns.ts').toEqual([]);
  });
});
