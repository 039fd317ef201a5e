import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { describeEachDatabase, createTestDatabase } from '../../../test/support/databases.ts';
import type { TestDatabase } from '../../../test/support/databases.ts';
import { buildMember, buildNetwork } from '../../../test/support/factories.ts';
import type { BuiltMember } from '../../../test/support/factories.ts';
import { encryptedColumns } from './encrypted-columns.ts';
import { createFieldCrypto, DecryptionError } from './field-crypto.ts';
import type { FieldCrypto } from './field-crypto.ts';
import { generateKeyFile, KeyringError, loadKeyring, readKeyFile } from './keyring.ts';
import { findUnregisteredEncryptedColumns, retireKey, rotateKeys } from './key-rotation.ts';

describeEachDatabase('key rotation', (dialect) => {
  let database: TestDatabase;
  let dataDirectory: string;
  let keyFilePath: string;
  let crypto: FieldCrypto;
  let members: BuiltMember[];

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-rotation-'));
    keyFilePath = path.join(dataDirectory, 'keys.json');
    crypto = createFieldCrypto(loadKeyring({ file: keyFilePath, dataDirectory: `${dataDirectory}-data` }));
    const context = { database, crypto, clock: createManualClock() };
    const network = await buildNetwork(context);
    members = [];
    for (let index = 0; index < 7; index += 1) {
      members.push(await buildMember(context, { networkId: network.id, withTotp: true }));
    }
  });

  afterEach(async () => {
    await database.destroy();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  async function readEnvelopes(): Promise<string[]> {
    const rows = await database.db.selectFrom('members').select(['display_name_enc', 'email_enc']).execute();
    const secrets = await database.db.selectFrom('totp_credentials').select('secret_enc').execute();
    return [
      ...rows.flatMap((row) => [row.display_name_enc, row.email_enc]),
      ...secrets.map((row) => row.secret_enc),
    ];
  }

  /** Decrypts every member with a keyring read fresh from the key file. */
  async function expectMembersReadable(): Promise<void> {
    const reader = createFieldCrypto(
      loadKeyring({ file: keyFilePath, dataDirectory: `${dataDirectory}-data` }),
    );
    for (const member of members) {
      const row = await database.db
        .selectFrom('members')
        .innerJoin('totp_credentials', 'totp_credentials.member_id', 'members.id')
        .select(['display_name_enc', 'email_enc', 'secret_enc'])
        .where('members.id', '=', member.id)
        .executeTakeFirstOrThrow();
      expect(reader.decrypt(row.display_name_enc, 'members.display_name')).toBe(member.displayName);
      expect(reader.decrypt(row.email_enc, 'members.email')).toBe(member.email);
      expect(reader.decrypt(row.secret_enc, 'totp_credentials.secret')).toBe(member.totpSecret);
    }
  }

  const memberTables = new Set(['members', 'totp_credentials']);
  const memberColumns = <Column extends { table: string }>(columns: Column[]) =>
    columns.filter((column) => memberTables.has(column.table));
  const otherColumns = <Column extends { table: string }>(columns: Column[]) =>
    columns.filter((column) => !memberTables.has(column.table));

  it('re-encrypts every registered column under a new key, then lets the old key be retired', async () => {
    const oldKeyId = crypto.activeKeyId;
    await expect(retireKey({ db: database.db, dialect, keyFilePath, keyId: oldKeyId })).rejects.toThrow(
      /active key/,
    );
    const result = await rotateKeys({ db: database.db, dialect, keyFilePath, batchSize: 3 });
    expect(result.activeKeyId).not.toBe(oldKeyId);
    expect(result.isResumed).toBe(false);
    expect(result.isComplete).toBe(true);
    // Other modules' encrypted columns are empty in this database.
    expect(otherColumns(result.columns).every((column) => column.reencrypted === 0)).toBe(true);
    expect(memberColumns(result.columns)).toEqual([
      { table: 'members', column: 'display_name_enc', reencrypted: 7, failedIds: [] },
      { table: 'members', column: 'email_enc', reencrypted: 7, failedIds: [] },
      { table: 'totp_credentials', column: 'secret_enc', reencrypted: 7, failedIds: [] },
    ]);
    expect(result.olderKeyUsage).toEqual([{ keyId: oldKeyId, envelopes: 0 }]);
    const envelopes = await readEnvelopes();
    expect(envelopes).toHaveLength(21);
    for (const envelope of envelopes) expect(crypto.keyIdOf(envelope)).toBe(result.activeKeyId);
    await expectMembersReadable();
    // The running server's crypto (built before the rotation) reads the re-encrypted values.
    expect(crypto.decrypt(envelopes[0]!, 'members.display_name')).toMatch(/^Member /);
    expect(fs.statSync(keyFilePath).mode & 0o777).toBe(0o600);
    expect(readKeyFile(keyFilePath).rotatingTo).toBeUndefined();

    const retired = await retireKey({ db: database.db, dialect, keyFilePath, keyId: oldKeyId });
    expect(retired).toEqual({ retiredKeyId: oldKeyId, remainingKeyIds: [result.activeKeyId] });
    expect(Object.keys(readKeyFile(keyFilePath).keys)).toEqual([result.activeKeyId]);
    await expectMembersReadable();
    await expect(retireKey({ db: database.db, dialect, keyFilePath, keyId: oldKeyId })).rejects.toThrow(
      /no key/,
    );
  });

  it('resumes an interrupted rotation with the same key, and retire refuses until it is done', async () => {
    const oldKeyId = crypto.activeKeyId;
    let batches = 0;
    await expect(
      rotateKeys({
        db: database.db,
        dialect,
        keyFilePath,
        batchSize: 2,
        onBatch: () => {
          batches += 1;
          if (batches === 2) throw new Error('killed mid-rotation');
        },
      }),
    ).rejects.toThrow('killed mid-rotation');
    const interrupted = readKeyFile(keyFilePath);
    expect(interrupted.rotatingTo).toBe(interrupted.active);
    const newKeyId = interrupted.active;
    const halfway = await readEnvelopes();
    expect(halfway.filter((envelope) => crypto.keyIdOf(envelope) === newKeyId)).toHaveLength(4);
    await expectMembersReadable();
    await expect(retireKey({ db: database.db, dialect, keyFilePath, keyId: oldKeyId })).rejects.toThrow(
      /still encrypts 17 value/,
    );

    const resumed = await rotateKeys({ db: database.db, dialect, keyFilePath, batchSize: 2 });
    expect(resumed.isResumed).toBe(true);
    expect(resumed.activeKeyId).toBe(newKeyId);
    expect(memberColumns(resumed.columns).map((column) => column.reencrypted)).toEqual([3, 7, 7]);
    expect(Object.keys(readKeyFile(keyFilePath).keys)).toHaveLength(2);
    for (const envelope of await readEnvelopes()) expect(crypto.keyIdOf(envelope)).toBe(newKeyId);
    await expectMembersReadable();

    // Run again: nothing left to do, and a fresh rotation (not a resume) would add a third key.
    const again = await rotateKeys({ db: database.db, dialect, keyFilePath, batchSize: 2 });
    expect(again.isResumed).toBe(false);
    expect(memberColumns(again.columns).map((column) => column.reencrypted)).toEqual([7, 7, 7]);
  });

  it('reports rows it cannot decrypt and keeps the rotation open', async () => {
    const foreign = createFieldCrypto(
      loadKeyring({
        file: path.join(fs.mkdtempSync(path.join(dataDirectory, 'x')), 'keys.json'),
        dataDirectory: `${dataDirectory}-data`,
      }),
    );
    const victim = members[3]!;
    await database.db
      .updateTable('members')
      .set({ email_enc: foreign.encrypt('lost@example.test', 'members.email') })
      .where('id', '=', victim.id)
      .execute();
    const result = await rotateKeys({ db: database.db, dialect, keyFilePath });
    expect(result.isComplete).toBe(false);
    expect(result.columns[1]).toMatchObject({ column: 'email_enc', reencrypted: 6, failedIds: [victim.id] });
    expect(readKeyFile(keyFilePath).rotatingTo).toBe(result.activeKeyId);
    const reader = createFieldCrypto(
      loadKeyring({ file: keyFilePath, dataDirectory: `${dataDirectory}-data` }),
    );
    const row = await database.db
      .selectFrom('members')
      .select('email_enc')
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow();
    expect(() => reader.decrypt(row.email_enc, 'members.email')).toThrow(DecryptionError);
  });

  it('refuses to rotate or retire keys that come from AMPARO_ENCRYPTION_KEYS', async () => {
    const inline = JSON.stringify(generateKeyFile());
    await expect(rotateKeys({ db: database.db, dialect, inline })).rejects.toThrow(KeyringError);
    await expect(rotateKeys({ db: database.db, dialect, inline })).rejects.toThrow(/secret store/);
    await expect(retireKey({ db: database.db, dialect, inline, keyId: 'k1' })).rejects.toThrow(
      /secret store/,
    );
  });

  it('lists every migrated _enc column in the encrypted-column registry', async () => {
    const unregistered = await findUnregisteredEncryptedColumns({ db: database.db, dialect });
    expect(unregistered, 'add these _enc columns to server/platform/crypto/encrypted-columns.ts').toEqual([]);
    expect(encryptedColumns.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses to retire a key still used by an _enc column missing from the registry', async () => {
    // A module that forgot to register its column: rotation cannot re-encrypt it (no context),
    // so retiring the key it still needs must be refused.
    await sql`create table scratch_notes (id text primary key, body_enc text)`.execute(database.db);
    await sql`insert into scratch_notes (id, body_enc) values (${'n1'}, ${crypto.encrypt('note', 'scratch_notes.body')})`.execute(
      database.db,
    );
    expect(await findUnregisteredEncryptedColumns({ db: database.db, dialect })).toContainEqual({
      table: 'scratch_notes',
      column: 'body_enc',
    });
    const oldKeyId = crypto.activeKeyId;
    const result = await rotateKeys({ db: database.db, dialect, keyFilePath });
    expect(result.olderKeyUsage).toEqual([{ keyId: oldKeyId, envelopes: 1 }]);
    await expect(retireKey({ db: database.db, dialect, keyFilePath, keyId: oldKeyId })).rejects.toThrow(
      /still encrypts 1 value/,
    );
  });
});
