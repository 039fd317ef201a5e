import type { Kysely } from 'kysely';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import { encryptedColumns } from './encrypted-columns.ts';
import type { EncryptedColumn } from './encrypted-columns.ts';
import { createFieldCrypto, envelopePrefix } from './field-crypto.ts';
import type { FieldCrypto } from './field-crypto.ts';
import {
  countEnvelopesWithPrefix,
  findEnvelopeColumnsInSchema,
  findEnvelopesWithoutPrefix,
  replaceEnvelope,
} from './key-rotation.repository.ts';
import { KeyringError, addActiveKey, parseKeyFile, readKeyFile, writeKeyFile } from './keyring.ts';
import type { KeyFile } from './keyring.ts';
import type { Unlock } from './sealed-keyring.ts';

/** Where the keys are: the same options the server reads (AMPARO_KEY_FILE, AMPARO_ENCRYPTION_KEYS). */
export interface KeySource {
  keyFilePath?: string;
  /** AMPARO_ENCRYPTION_KEYS: rotation then refuses, Amparo cannot rewrite a secret store. */
  inline?: string;
  /** Opens a sealed key file; the file is written back sealed the same way. */
  unlock?: Unlock;
}

export interface RotationOptions extends KeySource {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Defaults to the registry in encrypted-columns.ts. */
  columns?: readonly EncryptedColumn[];
  batchSize?: number;
  /** Called after each committed batch (progress output; tests use it to interrupt a rotation). */
  onBatch?: (progress: { table: string; column: string; reencrypted: number }) => void;
}

export interface ColumnRotation {
  table: string;
  column: string;
  reencrypted: number;
  /** Ids of rows whose value could not be decrypted (corrupt, or a key missing from the file). */
  failedIds: string[];
}

export interface RotationResult {
  activeKeyId: string;
  /** True when this run finished a rotation an earlier run started, instead of adding a key. */
  isResumed: boolean;
  /**
   * True when every value this run saw is under the active key. A server still on the old key can
   * write in the meantime: olderKeyUsage, counted at the end, is what decides retirement.
   */
  isComplete: boolean;
  columns: ColumnRotation[];
  /** Envelopes still under each older key, in every `_enc` column; a key at 0 can be retired. */
  olderKeyUsage: { keyId: string; envelopes: number }[];
}

function resolveKeyFilePath(source: KeySource, action: 'rotate' | 'retire'): string {
  if (source.inline) {
    throw new KeyringError(
      `The keys come from AMPARO_ENCRYPTION_KEYS, which Amparo cannot rewrite: ${action} them in your ` +
        'secret store instead. Add a new key under "keys", set "active" to its id, deploy it to every ' +
        'server and restart; keep each old key until no value uses it, then remove it there.',
    );
  }
  if (source.keyFilePath) return source.keyFilePath;
  throw new KeyringError('No key file: set AMPARO_KEY_FILE.');
}

/**
 * Adds a new active key to the key file and re-encrypts every registered column with it, in
 * batches (one transaction each). Interrupted, it can simply be run again: the key file remembers
 * the unfinished rotation, so the rerun reuses that key and skips values already under it.
 */
export async function rotateKeys(options: RotationOptions): Promise<RotationResult> {
  const filePath = resolveKeyFilePath(options, 'rotate');
  let file = readKeyFile(filePath, options.unlock);
  const isResumed = file.rotatingTo === file.active;
  if (!isResumed) {
    const added = addActiveKey(file);
    file = { ...added, rotatingTo: added.active };
    writeKeyFile(filePath, file, options.unlock);
  }
  const crypto = createFieldCrypto(parseKeyFile(JSON.stringify(file)));
  const columns: ColumnRotation[] = [];
  for (const column of options.columns ?? encryptedColumns) {
    columns.push(await reencryptColumn(options, crypto, column));
  }
  const isComplete = columns.every((column) => column.failedIds.length === 0);
  if (isComplete) writeKeyFile(filePath, withoutRotationMark(file), options.unlock);
  return {
    activeKeyId: file.active,
    isResumed,
    isComplete,
    columns,
    olderKeyUsage: await countOlderKeyUsage(options, file),
  };
}

function withoutRotationMark(file: KeyFile): KeyFile {
  const { rotatingTo: _finished, ...rest } = file;
  return rest;
}

async function reencryptColumn(
  options: RotationOptions,
  crypto: FieldCrypto,
  column: EncryptedColumn,
): Promise<ColumnRotation> {
  const prefix = envelopePrefix(crypto.activeKeyId);
  const result: ColumnRotation = {
    table: column.table,
    column: column.column,
    reencrypted: 0,
    failedIds: [],
  };
  let afterId: string | null = null;
  for (;;) {
    const cursor: string | null = afterId;
    const batch = await options.db.transaction().execute(async (trx) => {
      const rows = await findEnvelopesWithoutPrefix(trx, column, prefix, cursor, options.batchSize ?? 500);
      let reencrypted = 0;
      for (const row of rows) {
        let plaintext: string;
        try {
          plaintext = crypto.decrypt(row.value, column.context);
        } catch {
          result.failedIds.push(row.id);
          continue;
        }
        const next = crypto.encrypt(plaintext, column.context);
        if (await replaceEnvelope(trx, column, row.id, row.value, next)) reencrypted += 1;
      }
      return { lastId: rows.at(-1)?.id ?? null, reencrypted };
    });
    if (batch.lastId === null) return result;
    result.reencrypted += batch.reencrypted;
    afterId = batch.lastId;
    options.onBatch?.({ table: column.table, column: column.column, reencrypted: result.reencrypted });
  }
}

async function countOlderKeyUsage(
  options: RotationOptions,
  file: KeyFile,
): Promise<{ keyId: string; envelopes: number }[]> {
  const usage = [];
  for (const keyId of Object.keys(file.keys).filter((id) => id !== file.active)) {
    usage.push({ keyId, envelopes: await countKeyUsage(options, keyId) });
  }
  return usage;
}

/** Envelopes under `keyId` in every `_enc` column of the schema, registered or not. */
async function countKeyUsage(
  options: Pick<RotationOptions, 'db' | 'dialect' | 'columns'>,
  keyId: string,
): Promise<number> {
  const columns = await listEnvelopeColumns(options);
  let total = 0;
  for (const { table, column } of columns) {
    total += await countEnvelopesWithPrefix(options.db, table, column, envelopePrefix(keyId));
  }
  return total;
}

async function listEnvelopeColumns(
  options: Pick<RotationOptions, 'db' | 'dialect' | 'columns'>,
): Promise<{ table: string; column: string }[]> {
  const found = await findEnvelopeColumnsInSchema(options.db, options.dialect);
  const registered = (options.columns ?? encryptedColumns).filter(
    (entry) => !found.some((column) => column.table === entry.table && column.column === entry.column),
  );
  return [...found, ...registered.map(({ table, column }) => ({ table, column }))];
}

/** `_enc` columns in the schema that the registry does not list (rotation would miss them). */
export async function findUnregisteredEncryptedColumns(options: {
  db: Kysely<Database>;
  dialect: DialectName;
}): Promise<{ table: string; column: string }[]> {
  const found = await findEnvelopeColumnsInSchema(options.db, options.dialect);
  return found.filter(
    (column) =>
      !encryptedColumns.some((entry) => entry.table === column.table && entry.column === column.column),
  );
}

/**
 * Removes an old key from the key file, refusing while any value in any `_enc` column still uses
 * it (those values would become unreadable forever) and refusing the active key.
 */
export async function retireKey(
  options: KeySource & { db: Kysely<Database>; dialect: DialectName; keyId: string },
): Promise<{ retiredKeyId: string; remainingKeyIds: string[] }> {
  const filePath = resolveKeyFilePath(options, 'retire');
  const file = readKeyFile(filePath, options.unlock);
  if (!file.keys[options.keyId]) throw new KeyringError(`There is no key ${options.keyId} in ${filePath}.`);
  if (options.keyId === file.active || options.keyId === file.rotatingTo) {
    throw new KeyringError(`Key ${options.keyId} is the active key; rotate to a new key first.`);
  }
  const envelopes = await countKeyUsage(options, options.keyId);
  if (envelopes > 0) {
    throw new KeyringError(
      `Key ${options.keyId} still encrypts ${envelopes} value(s); run "amparo keys rotate" to re-encrypt them first.`,
    );
  }
  const { [options.keyId]: _retired, ...keys } = file.keys;
  writeKeyFile(filePath, { ...file, keys }, options.unlock);
  return { retiredKeyId: options.keyId, remainingKeyIds: Object.keys(keys) };
}
