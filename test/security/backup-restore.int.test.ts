import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateIdentity, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterEach, expect, it } from 'vitest';
import { createBackup, restoreBackup, startBackupSchedule } from '../../server/platform/backup/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { encryptedColumns } from '../../server/platform/crypto/index.ts';
import type { FieldCrypto } from '../../server/platform/crypto/index.ts';
import { generateKeyFile, writeKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { runCliProcess } from '../cli/cli-process.ts';
import { createHotlineApp, randomPhone } from '../hotline/support.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import { createTarget, describeEachDatabase, dropTarget, environmentFor } from '../support/databases.ts';
import { createMarkers, plantEverySensitiveField } from './plaintext-markers.ts';

// Issue 15 item 3 (ADR 0030): backup → wipe → restore round-trips, and bad input changes nothing.
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function temporaryDirectory(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** Every value of every encrypted column, decrypted, sorted: what the backup must carry. */
async function decryptEverything(target: DatabaseTarget, crypto: FieldCrypto): Promise<string[]> {
  const handle = openDatabase(target);
  try {
    const values: string[] = [];
    for (const column of encryptedColumns) {
      const rows = (await handle.db
        .selectFrom(column.table as never)
        .select(`${column.column} as value` as never)
        .execute()) as { value: string | null }[];
      for (const row of rows) if (row.value) values.push(crypto.decrypt(row.value, column.context));
    }
    return values.sort();
  } finally {
    await handle.close();
  }
}

function mediaDigests(directory: string): Record<string, string> {
  const media = path.join(directory, 'media');
  if (!fs.existsSync(media)) return {};
  const digests: Record<string, string> = {};
  for (const name of fs.readdirSync(media, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(media, name);
    if (fs.statSync(file).isFile())
      digests[name] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return digests;
}

describeEachDatabase('encrypted backups', (dialect) => {
  it('backs up a live database with media, is unreadable without the identity, and restores into an empty target where every marker decrypts and the audit chain verifies', async () => {
    const twilio = await startFakeTwilio();
    cleanups.push(() => twilio.close());
    const testApp = await createHotlineApp(dialect, {
      twilioApiBase: twilio.url,
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
    });
    cleanups.push(() => testApp.close());
    const markers = createMarkers();
    const planted = await plantEverySensitiveField(testApp, markers, randomPhone());
    expect(planted.evidenceBytes).toBeGreaterThan(0);
    const source = testApp.database.target;
    const sourceDirectory = testApp.context.config.dataDirectory;
    const before = await decryptEverything(source, testApp.context.crypto);
    const beforeMedia = mediaDigests(sourceDirectory);
    expect(Object.keys(beforeMedia).length).toBeGreaterThan(0);

    const identity = await generateIdentity();
    const backupFile = path.join(temporaryDirectory('amparo-backups-'), 'b.age');
    const result = await createBackup({
      target: source,
      dataDirectory: sourceDirectory,
      recipient: await identityToRecipient(identity),
      outFile: backupFile,
      now: new Date(),
    });
    expect(result.manifest.database).toBe(dialect);
    expect(result.manifest.mediaFiles).toBe(Object.keys(beforeMedia).length);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    // No staging left behind in the data directory.
    expect(fs.readdirSync(sourceDirectory).filter((name) => name.startsWith('.backup-'))).toEqual([]);
    // The file is age ciphertext: no marker, no plain control, no SQLite header in it.
    const bytes = fs.readFileSync(backupFile);
    expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    for (const needle of [
      markers.plainControl,
      'SQLite format 3',
      'manifest.json',
      markers.text.memberEmail,
    ]) {
      expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
    }

    // Wipe: the restore goes to an empty data directory and an empty database.
    let restored: DatabaseTarget;
    let restoredDirectory: string;
    if (source.kind === 'sqlite') {
      restoredDirectory = path.join(temporaryDirectory('amparo-restored-'), 'data');
      restored = { kind: 'sqlite', file: path.join(restoredDirectory, 'amparo.sqlite') };
    } else {
      await testApp.database.close();
      await dropTarget(source);
      restored = source;
      restoredDirectory = path.join(temporaryDirectory('amparo-restored-'), 'data');
      fs.rmSync(sourceDirectory, { recursive: true, force: true });
    }
    const manifest = await restoreBackup({
      target: restored,
      dataDirectory: restoredDirectory,
      identity,
      backupFile,
    });
    expect(manifest.createdAt).toBe(result.manifest.createdAt);
    expect(await decryptEverything(restored, testApp.context.crypto)).toEqual(before);
    const after = (await decryptEverything(restored, testApp.context.crypto)).join('\n');
    for (const field of ['memberEmail', 'memberDisplayName', 'reportDescription', 'incidentNote'] as const) {
      expect(after, field).toContain(markers.text[field]);
    }
    expect(mediaDigests(restoredDirectory)).toEqual(beforeMedia);
    expect(fs.readdirSync(restoredDirectory).filter((name) => name.startsWith('.restore-'))).toEqual([]);

    // `amparo audit verify` on the restored deployment.
    const keyDirectory = temporaryDirectory('ak-');
    const keyFile = path.join(keyDirectory, 'keys.json');
    writeKeyFile(keyFile, generateKeyFile());
    const environment = {
      ...environmentFor(restored, restoredDirectory),
      ...(restored.kind === 'sqlite' ? { AMPARO_DATA_DIR: restoredDirectory } : {}),
      AMPARO_KEY_FILE: keyFile,
    };
    const verified = await runCliProcess(['audit', 'verify'], environment);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/entries, intact/);
    expect(verified.stdout).not.toMatch(/BROKEN/);
  }, 180_000);
});

it('amparo backup and restore from the command line: a round trip, then a non-empty target, a foreign file, a corrupt file and the wrong identity are refused and change nothing', async () => {
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const work = temporaryDirectory('amparo-backup-cli-');
  const identityFile = path.join(work, 'identity.txt');
  fs.writeFileSync(identityFile, `# created for the test\n${identity}\n`, { mode: 0o600 });
  const keyDirectory = temporaryDirectory('ak-');
  const keyFile = path.join(keyDirectory, 'keys.json');
  writeKeyFile(keyFile, generateKeyFile());
  const source = await createTarget('sqlite');
  if (source.kind !== 'sqlite') throw new Error('a SQLite target');
  cleanups.push(() => dropTarget(source));
  const sourceDirectory = path.dirname(source.file);
  const base = { AMPARO_KEY_FILE: keyFile, AMPARO_BACKUP_RECIPIENT: recipient };
  const environment = { ...environmentFor(source, sourceDirectory), ...base };
  expect((await runCliProcess(['migrate'], environment)).code).toBe(0);
  fs.mkdirSync(path.join(sourceDirectory, 'media', 'n1'), { recursive: true });
  fs.writeFileSync(path.join(sourceDirectory, 'media', 'n1', 'photo.bin'), 'media-marker');

  const backupDirectory = path.join(work, 'backups');
  const backedUp = await runCliProcess(['backup'], { ...environment, AMPARO_BACKUP_DIR: backupDirectory });
  expect(backedUp.stderr).toBe('');
  expect(backedUp.code).toBe(0);
  expect(backedUp.stdout).toContain('The encryption keys are not in the backup');
  const [backupName] = fs.readdirSync(backupDirectory);
  expect(backupName).toMatch(/^amparo-\d{8}T\d{6}Z\.age$/);
  const backupFile = path.join(backupDirectory, backupName ?? '');

  const restoredDirectory = path.join(work, 'restored');
  const restoreEnvironment = { ...base, AMPARO_DATA_DIR: restoredDirectory };
  const restore = (file: string, identityPath = identityFile) =>
    runCliProcess(['restore', '--identity', identityPath, file], restoreEnvironment);

  // A foreign file, a corrupt backup and another identity: refused; the target stays absent.
  const foreign = await restore(identityFile);
  expect(foreign.code).toBe(1);
  expect(foreign.stderr).toContain('not an Amparo backup');
  const corrupt = path.join(work, 'corrupt.age');
  const damaged = Buffer.from(fs.readFileSync(backupFile));
  damaged[damaged.length - 100] = (damaged[damaged.length - 100] ?? 0) ^ 0xff;
  fs.writeFileSync(corrupt, damaged);
  const corrupted = await restore(corrupt);
  expect(corrupted.code).toBe(1);
  expect(corrupted.stderr).toMatch(/corrupt/i);
  const otherIdentity = path.join(work, 'other.txt');
  fs.writeFileSync(otherIdentity, `${await generateX25519Identity()}\n`);
  const wrongIdentity = await restore(backupFile, otherIdentity);
  expect(wrongIdentity.code).toBe(1);
  expect(wrongIdentity.stderr).toContain('cannot be opened with that identity');
  expect(fs.existsSync(restoredDirectory)).toBe(false);

  // The real thing.
  const restored = await restore(backupFile);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  expect(fs.readFileSync(path.join(restoredDirectory, 'media', 'n1', 'photo.bin'), 'utf8')).toBe(
    'media-marker',
  );
  const verified = await runCliProcess(['audit', 'verify'], restoreEnvironment);
  expect(verified.code).toBe(0);

  // Into a non-empty data directory: refused, and the data there is untouched.
  const databaseBefore = fs.readFileSync(path.join(restoredDirectory, 'amparo.sqlite'));
  const again = await restore(backupFile);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('is not empty');
  expect(fs.readFileSync(path.join(restoredDirectory, 'amparo.sqlite')).equals(databaseBefore)).toBe(true);
}, 180_000);

it('the optional schedule writes encrypted backups on its interval and keeps only the newest', async () => {
  const identity = await generateX25519Identity();
  const source = await createTarget('sqlite');
  if (source.kind !== 'sqlite') throw new Error('a SQLite target');
  cleanups.push(() => dropTarget(source));
  const keyDirectory = temporaryDirectory('ak-');
  const keyFile = path.join(keyDirectory, 'keys.json');
  writeKeyFile(keyFile, generateKeyFile());
  expect(
    (
      await runCliProcess(['migrate'], {
        ...environmentFor(source, path.dirname(source.file)),
        AMPARO_KEY_FILE: keyFile,
      })
    ).code,
  ).toBe(0);
  const directory = temporaryDirectory('amparo-scheduled-');
  const schedule = startBackupSchedule({
    target: source,
    dataDirectory: path.dirname(source.file),
    recipient: await identityToRecipient(identity),
    directory,
    keep: 1,
    intervalMs: 300,
    logger: createLogger('silent'),
  });
  cleanups.push(() => schedule.stop());
  await expect
    .poll(() => fs.readdirSync(directory).filter((name) => name.endsWith('.age')).length, { timeout: 20_000 })
    .toBe(1);
  // Later runs replace it rather than pile up.
  const first = fs.readdirSync(directory)[0];
  await expect.poll(() => fs.readdirSync(directory)[0] !== first, { timeout: 20_000 }).toBe(true);
  await schedule.stop();
  expect(fs.readdirSync(directory).filter((name) => name.endsWith('.age'))).toHaveLength(1);
  expect(fs.readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
}, 60_000);
