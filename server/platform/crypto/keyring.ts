import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Keys live outside the database: a key file (default <data dir>/keys.json, mode 0600, made on
 * first start) or AMPARO_ENCRYPTION_KEYS. Stealing the database alone yields no plaintext.
 *
 * - `keys`: AEAD keys by id; `active` encrypts new values, the others still decrypt old ones.
 * - `indexKey`: the blind-index key. It never rotates with the AEAD keys, or every lookup
 *   (find a subscriber by phone) would break.
 */
const keyFileSchema = z.object({
  version: z.literal(1),
  active: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  keys: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), z.string()),
  indexKey: z.string(),
});

export type KeyFile = z.infer<typeof keyFileSchema>;

export interface Keyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Uint8Array>;
  indexKey: Uint8Array;
}

export class KeyringError extends Error {
  override name = 'KeyringError';
}

function decodeKey(value: string, label: string): Uint8Array {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 32) throw new KeyringError(`${label} must be 32 bytes, base64-encoded`);
  return new Uint8Array(bytes);
}

export function parseKeyFile(text: string): Keyring {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyringError('the key material is not valid JSON');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success)
    throw new KeyringError(`the key material is malformed: ${parsed.error.issues[0]?.message}`);
  const file = parsed.data;
  const keys = new Map(Object.entries(file.keys).map(([id, value]) => [id, decodeKey(value, `key ${id}`)]));
  if (!keys.has(file.active)) throw new KeyringError(`the active key ${file.active} is not among the keys`);
  return { activeKeyId: file.active, keys, indexKey: decodeKey(file.indexKey, 'indexKey') };
}

export function generateKeyFile(): KeyFile {
  const id = `k${Date.now().toString(36)}`;
  return {
    version: 1,
    active: id,
    keys: { [id]: randomBytes(32).toString('base64') },
    indexKey: randomBytes(32).toString('base64'),
  };
}

/** Adds a new active key; old keys stay to decrypt existing values until re-encryption is done. */
export function addActiveKey(file: KeyFile): KeyFile {
  let id = `k${Date.now().toString(36)}`;
  while (file.keys[id]) id = `${id}x`;
  return { ...file, active: id, keys: { ...file.keys, [id]: randomBytes(32).toString('base64') } };
}

export function writeKeyFile(filePath: string, file: KeyFile): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const temporary = `${filePath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, filePath);
}

export function defaultKeyFilePath(dataDirectory: string): string {
  return path.join(dataDirectory, 'keys.json');
}

/**
 * Loads keys from AMPARO_ENCRYPTION_KEYS (inline JSON) or the key file; creates the key file on
 * first start when neither exists.
 */
export function loadKeyring(options: { inline?: string; file?: string; dataDirectory: string }): Keyring {
  if (options.inline) return parseKeyFile(options.inline);
  const filePath = options.file ?? defaultKeyFilePath(options.dataDirectory);
  if (!fs.existsSync(filePath)) {
    if (options.file) throw new KeyringError(`AMPARO_KEY_FILE ${filePath} does not exist`);
    writeKeyFile(filePath, generateKeyFile());
  }
  return parseKeyFile(fs.readFileSync(filePath, 'utf8'));
}
