import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { createHotlineApp, randomPhone } from '../hotline/support.ts';
import { createMarkers, plantEverySensitiveField } from './plaintext-markers.ts';

/**
 * The drill behind docs/what-a-seizure-surrenders.md: a marker in every sensitive field, then the
 * data directory copied as a seizure would take it (file by file, keys not included). The copy must
 * hold no key file and no readable marker (database, WAL, media); a plain control value is found, so
 * the search works. With the keys as well, the encrypted fields open: the document says so, and the
 * drill checks that too, so the table's "with the keys" column is not a guess.
 */
const markers = createMarkers();
let testApp: TestApp;
let twilio: FakeTwilio;
let seized: string;

beforeAll(async () => {
  twilio = await startFakeTwilio();
  testApp = await createHotlineApp('sqlite', {
    twilioApiBase: twilio.url,
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
  });
  await plantEverySensitiveField(testApp, markers, randomPhone());
  seized = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-seized-'));
  // A running server's directory, taken as is: the WAL comes along.
  const target = testApp.database.target;
  if (target.kind !== 'sqlite') throw new Error('the drill seizes a SQLite data directory');
  fs.cpSync(path.dirname(target.file), seized, { recursive: true });
  fs.cpSync(testApp.context.config.dataDirectory, path.join(seized, 'data-directory'), { recursive: true });
}, 90_000);

afterAll(async () => {
  await testApp.close();
  await twilio.close();
  fs.rmSync(seized, { recursive: true, force: true });
});

function seizedFiles(): string[] {
  return fs
    .readdirSync(seized, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(seized, name))
    .filter((file) => fs.statSync(file).isFile());
}

it('takes no key: no key file and no key material in the seized copy', () => {
  const names = seizedFiles().map((file) => path.basename(file));
  expect(names.some((name) => name.endsWith('.sqlite'))).toBe(true);
  expect(names.filter((name) => /key/i.test(name))).toEqual([]);
  const keyFile = testApp.context.config.keys.file;
  expect(keyFile.startsWith(seized)).toBe(false);
});

it('reads no marker from the database, WAL or media without the keys; the plain control is there', () => {
  const all = Buffer.concat(seizedFiles().map((file) => fs.readFileSync(file)));
  expect(all.includes(Buffer.from(markers.plainControl))).toBe(true);
  for (const [field, value] of Object.entries(markers.text)) {
    expect(all.includes(Buffer.from(value)), `${field} readable in the seized copy`).toBe(false);
    if (value.startsWith('+'))
      expect(all.includes(Buffer.from(value.slice(1))), `${field} digits`).toBe(false);
  }
  for (const [field, bytes] of Object.entries(markers.bytes)) {
    expect(all.includes(bytes), `${field} bytes readable in the seized copy`).toBe(false);
  }
});

it('with the keys too, the encrypted fields of the copy open (why the keys are kept apart)', () => {
  const file = seizedFiles().find((name) => name.endsWith('.sqlite'));
  if (file === undefined) throw new Error('no database file in the seized copy');
  const copy = new Database(file, { readonly: true });
  try {
    const rows = copy.prepare('select email_enc from members').all() as { email_enc: string }[];
    const emails = rows.map((row) => testApp.context.crypto.decrypt(row.email_enc, 'members.email'));
    expect(emails).toContain(markers.text.memberEmail);
  } finally {
    copy.close();
  }
});
