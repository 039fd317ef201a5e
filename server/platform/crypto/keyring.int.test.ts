import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFieldCrypto } from './field-crypto.ts';
import { addActiveKey, KeyringError, loadKeyring, readKeyFile, writeKeyFile } from './keyring.ts';

const directories: string[] = [];
function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-keys-'));
  directories.push(directory);
  return directory;
}

/** A key file in `keyDirectory`, for a data directory beside it (never inside: key-placement.ts). */
function keysIn(keyDirectory: string): { file: string; dataDirectory: string } {
  return { file: path.join(keyDirectory, 'keys.json'), dataDirectory: `${keyDirectory}-data` };
}

afterEach(() => {
  vi.useRealTimers();
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

describe('key file', () => {
  it('is created on first start with mode 0600 in a 0700 directory, and reused after', () => {
    const keyDirectory = path.join(temporaryDirectory(), 'data');
    const first = loadKeyring(keysIn(keyDirectory));
    const filePath = path.join(keyDirectory, 'keys.json');
    expect(fs.statSync(filePath).mode & 0o777).toBe(0o600);
    expect(fs.statSync(keyDirectory).mode & 0o777).toBe(0o700);
    const second = loadKeyring(keysIn(keyDirectory));
    expect(second.activeKeyId).toBe(first.activeKeyId);
    expect(Buffer.from(second.indexKey).equals(Buffer.from(first.indexKey))).toBe(true);
    expect(fs.readdirSync(keyDirectory)).toEqual(['keys.json']);
  });

  it('stays 0600 when rewritten, even under a permissive umask', () => {
    const keyDirectory = temporaryDirectory();
    loadKeyring(keysIn(keyDirectory));
    const filePath = path.join(keyDirectory, 'keys.json');
    const previous = process.umask(0o000);
    try {
      writeKeyFile(filePath, addActiveKey(readKeyFile(filePath)));
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(filePath).mode & 0o777).toBe(0o600);
  });

  it('refuses a missing AMPARO_KEY_FILE instead of silently making new keys', () => {
    const file = path.join(temporaryDirectory(), 'nope.json');
    expect(() => loadKeyring({ file, isExplicit: true, dataDirectory: temporaryDirectory() })).toThrow(
      KeyringError,
    );
    expect(() => loadKeyring({ file, isExplicit: true, dataDirectory: temporaryDirectory() })).toThrow(
      /AMPARO_KEY_FILE/,
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports a malformed key file as a KeyringError naming the file', () => {
    const file = path.join(temporaryDirectory(), 'keys.json');
    fs.writeFileSync(file, '{"version":1,"active":"k1","keys":{"k1":"too-short"},"indexKey":"x"}', {
      mode: 0o600,
    });
    expect(() => loadKeyring({ file, isExplicit: true, dataDirectory: temporaryDirectory() })).toThrow(
      KeyringError,
    );
    expect(() => loadKeyring({ file, dataDirectory: temporaryDirectory() })).toThrow(file);
  });

  it('lets a running server follow a rotation done by another process', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const keyDirectory = temporaryDirectory();
    const filePath = path.join(keyDirectory, 'keys.json');
    const running = createFieldCrypto(loadKeyring(keysIn(keyDirectory)));
    const oldKeyId = running.activeKeyId;
    const before = running.encrypt('before', 'members.email');

    // `amparo keys rotate` in another process: a new active key, values re-encrypted with it.
    writeKeyFile(filePath, addActiveKey(readKeyFile(filePath)));
    const rotator = createFieldCrypto(loadKeyring(keysIn(keyDirectory)));
    const reencrypted = rotator.encrypt('before', 'members.email');
    expect(rotator.activeKeyId).not.toBe(oldKeyId);

    // A value under a key it has not seen makes it re-read the file at once.
    expect(running.decrypt(reencrypted, 'members.email')).toBe('before');
    expect(running.decrypt(before, 'members.email')).toBe('before');
    // New writes use the new key once the file has been looked at.
    vi.setSystemTime(Date.now() + 3000);
    expect(running.keyIdOf(running.encrypt('after', 'members.email'))).toBe(rotator.activeKeyId);
  });

  it('ignores a replaced key file whose index key differs (lookups would silently break)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const keyDirectory = temporaryDirectory();
    const filePath = path.join(keyDirectory, 'keys.json');
    const running = createFieldCrypto(loadKeyring(keysIn(keyDirectory)));
    const index = running.blindIndex('ana@example.test', 'members.email');
    const activeKeyId = running.activeKeyId;
    fs.rmSync(filePath);
    loadKeyring(keysIn(keyDirectory));
    vi.setSystemTime(Date.now() + 3000);
    expect(running.activeKeyId).toBe(activeKeyId);
    expect(running.blindIndex('ana@example.test', 'members.email')).toBe(index);
  });
});
