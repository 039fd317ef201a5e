import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checkKeyPlacement } from './key-placement.ts';
import { KeyringError } from './keyring-error.ts';
import { SealedKeyringError, openSealedKeyring, sealKeyFileText, sealedPartOf } from './sealed-keyring.ts';
import type { Unlock } from './sealed-keyring.ts';

/**
 * Keys live outside the database and outside the data directory: a key file (default
 * ~/.config/amparo/keys.json, mode 0600, made on first start; key-placement.ts) or
 * AMPARO_ENCRYPTION_KEYS. Stealing the data directory alone yields no plaintext.
 *
 * - `keys`: AEAD keys by id; `active` encrypts new values, the others still decrypt old ones.
 * - `indexKey`: the blind-index key. It never rotates with the AEAD keys, or every lookup
 *   (find a subscriber by phone) would break.
 * - `rotatingTo`: set while a rotation's re-encryption is unfinished, so rerunning it resumes
 *   with the same new key instead of adding yet another one.
 */
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
// 32 bytes in standard base64 are always 43 characters and one '=' of padding.
const keyMaterialPattern = /^[A-Za-z0-9+/]{43}=$/;

const keyFileSchema = z.object({
  version: z.literal(1),
  active: z.string().regex(keyIdPattern, 'must be a key id of letters, digits, _ or -'),
  keys: z.record(z.string().regex(keyIdPattern, 'must be a key id of letters, digits, _ or -'), z.string()),
  indexKey: z.string(),
  rotatingTo: z.string().regex(keyIdPattern).optional(),
});

export type KeyFile = z.infer<typeof keyFileSchema>;

export interface Keyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Uint8Array>;
  indexKey: Uint8Array;
  /**
   * Present for a key file: the keyring re-read from disk if the file changed since this one was
   * loaded (after `amparo keys rotate` or `retire`), otherwise null. Throws KeyringError when the
   * changed file is unusable.
   */
  reloadIfChanged?: () => Keyring | null;
}

export { KeyringError };

function decodeKey(value: string, label: string, source: string): Uint8Array {
  if (!keyMaterialPattern.test(value)) {
    throw new KeyringError(`${source}: ${label} must be 32 random bytes, base64-encoded (44 characters)`);
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** Validates key material; messages name the source and the field, never a key's value. */
export function validateKeyFile(json: unknown, source = 'the key material'): KeyFile {
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    throw new KeyringError(`${source} is malformed: ${where}${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function parseKeyFile(text: string, source = 'the key material'): Keyring {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyringError(`${source} is not valid JSON`);
  }
  const file = validateKeyFile(json, source);
  const keys = new Map(
    Object.entries(file.keys).map(([id, value]) => [id, decodeKey(value, `key ${id}`, source)]),
  );
  if (!keys.has(file.active)) {
    throw new KeyringError(`${source}: the active key ${file.active} is not among the keys`);
  }
  const indexKey = decodeKey(file.indexKey, 'indexKey', source);
  for (const key of keys.values()) {
    if (Buffer.from(key).equals(Buffer.from(indexKey))) {
      throw new KeyringError(`${source}: indexKey must differ from every encryption key`);
    }
  }
  return { activeKeyId: file.active, keys, indexKey };
}

function newKeyId(): string {
  return `k${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

export function generateKeyFile(): KeyFile {
  const id = newKeyId();
  return {
    version: 1,
    active: id,
    keys: { [id]: randomBytes(32).toString('base64') },
    indexKey: randomBytes(32).toString('base64'),
  };
}

/** Adds a new active key; old keys stay to decrypt existing values until re-encryption is done. */
export function addActiveKey(file: KeyFile): KeyFile {
  let id = newKeyId();
  while (file.keys[id]) id = newKeyId();
  return { ...file, active: id, keys: { ...file.keys, [id]: randomBytes(32).toString('base64') } };
}

/** Writes a temporary file (0600, flushed to disk) beside `filePath` and returns its path. */
function writeTemporary(filePath: string, text: string): string {
  fs.mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const temporary = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const descriptor = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.fchmodSync(descriptor, 0o600);
    fs.writeFileSync(descriptor, text);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  return temporary;
}

function syncDirectory(directory: string): void {
  try {
    const descriptor = fs.openSync(directory, 'r');
    try {
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  }
}

function keyFileText(file: KeyFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Replaces the key file atomically: readers see the old or the new file, never half of one. With
 * `unlock` the file is written sealed (sealed-keyring.ts), under the same wrapping key.
 */
export function writeKeyFile(filePath: string, file: KeyFile, unlock?: Unlock): void {
  const text = unlock ? sealKeyFileText(keyFileText(file), unlock) : keyFileText(file);
  const temporary = writeTemporary(filePath, text);
  try {
    fs.renameSync(temporary, filePath);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(filePath));
}

/** Creates the key file unless it exists; two processes starting at once end up with one file. */
function createKeyFileIfMissing(filePath: string): void {
  const temporary = writeTemporary(filePath, keyFileText(generateKeyFile()));
  try {
    try {
      fs.linkSync(temporary, filePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      // Filesystems without hard links: an exclusive copy still never overwrites existing keys.
      fs.copyFileSync(temporary, filePath, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(filePath, 0o600);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  syncDirectory(path.dirname(filePath));
}

function readText(filePath: string): string {
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new KeyringError(`cannot read key file ${filePath}: ${(error as NodeJS.ErrnoException).code}`);
  }
}

/**
 * The key file's plain JSON text: as written, or opened with `unlock` when it is sealed.
 * SealedKeyringError when it is sealed and there is no unlock.
 */
function readPlainText(filePath: string, unlock?: Unlock): string {
  const source = `key file ${filePath}`;
  const text = readText(filePath);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text; // parseKeyFile says it is not JSON
  }
  const seal = sealedPartOf(json, source);
  if (!seal) return text;
  if (!unlock) {
    throw new SealedKeyringError(
      seal.by,
      seal.by === 'passphrase'
        ? `The ${source} is sealed with a passphrase: unseal the server ("amparo unseal" or its unseal page).`
        : `The ${source} is sealed with a service-manager credential: set AMPARO_KEYRING_CREDENTIAL ` +
            '(or start it with systemd LoadCredential=amparo-keyring-key:...).',
    );
  }
  return openSealedKeyring(seal, unlock, source);
}

/** The validated contents of a key file, for rotation (opened with `unlock` when sealed). */
export function readKeyFile(filePath: string, unlock?: Unlock): KeyFile {
  const source = `key file ${filePath}`;
  const text = readPlainText(filePath, unlock);
  parseKeyFile(text, source);
  return validateKeyFile(JSON.parse(text), source);
}

function fileStamp(filePath: string): string {
  const stat = fs.statSync(filePath);
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}

function loadKeyFile(filePath: string, unlock?: Unlock): Keyring {
  const stamp = fileStamp(filePath);
  const keyring = parseKeyFile(readPlainText(filePath, unlock), `key file ${filePath}`);
  return {
    ...keyring,
    reloadIfChanged: () => {
      let current: string;
      try {
        current = fileStamp(filePath);
      } catch {
        return null;
      }
      return current === stamp ? null : loadKeyFile(filePath, unlock);
    },
  };
}

/**
 * Loads keys from AMPARO_ENCRYPTION_KEYS (inline JSON) or the key file; creates the default key
 * file on first start. Refuses keys kept with the data (KeyPlacementError, key-placement.ts).
 */
export function loadKeyring(options: {
  inline?: string;
  /** The key file; `isExplicit` when the operator named it (AMPARO_KEY_FILE): never made then. */
  file: string;
  isExplicit?: boolean;
  dataDirectory: string;
  /** Opens a sealed key file (sealed-keyring.ts); kept to re-read the file after a rotation. */
  unlock?: Unlock;
}): Keyring {
  checkKeyPlacement({
    file: options.inline ? undefined : options.file,
    dataDirectory: options.dataDirectory,
  });
  if (options.inline) return parseKeyFile(options.inline, 'AMPARO_ENCRYPTION_KEYS');
  const filePath = options.file;
  if (!fs.existsSync(filePath)) {
    if (options.isExplicit) throw new KeyringError(`AMPARO_KEY_FILE ${filePath} does not exist`);
    createKeyFileIfMissing(filePath);
  }
  return loadKeyFile(filePath, options.unlock);
}
