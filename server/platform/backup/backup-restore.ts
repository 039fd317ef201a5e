import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter } from 'age-encryption';
import BetterSqlite3 from 'better-sqlite3';
import * as tar from 'tar';
import type { DatabaseTarget } from '../database/database.ts';
import { describe, manifestSchema } from './backup-archive.ts';
import type { BackupManifest } from './backup-archive.ts';
import { BackupError } from './backup-error.ts';
import { isDatabaseEmpty, restorePostgres, snapshotFileName } from './database-snapshot.ts';

const ageMagic = 'age-encryption.org/v1\n';

/** The first AGE-SECRET-KEY line of an identity file (as written by age-keygen). */
export function readIdentity(identityFile: string): string {
  let text: string;
  try {
    text = fs.readFileSync(identityFile, 'utf8');
  } catch (error) {
    throw new BackupError(
      `Cannot read the identity file ${identityFile}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  const line = text
    .split(/\r?\n/)
    .map((entry) => entry.trim())
    .find((entry) => entry.startsWith('AGE-SECRET-KEY-'));
  if (!line)
    throw new BackupError(`${identityFile} holds no age identity (a line starting AGE-SECRET-KEY-).`);
  return line;
}

/**
 * `amparo restore`: into an empty data directory and an empty database only. Anything wrong (a
 * foreign or corrupt file, the wrong identity, a non-empty target) is refused with a clear error,
 * and a failure part-way leaves the data directory and the database empty again.
 */
export async function restoreBackup(options: {
  target: DatabaseTarget;
  dataDirectory: string;
  identity: string;
  backupFile: string;
}): Promise<BackupManifest> {
  await refuseNonEmpty(options.target, options.dataDirectory);
  checkIsAgeFile(options.backupFile);
  const hadDirectory = fs.existsSync(options.dataDirectory);
  fs.mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  const staging = fs.mkdtempSync(path.join(options.dataDirectory, '.restore-'));
  try {
    await decryptInto(options.backupFile, options.identity, staging);
    const manifest = readManifest(staging, options.target);
    const snapshot = path.join(staging, snapshotFileName(options.target));
    if (!fs.existsSync(snapshot))
      throw new BackupError('The backup holds no database snapshot: it is corrupt.');
    if (options.target.kind === 'sqlite') {
      checkSqliteSnapshot(snapshot);
      fs.renameSync(snapshot, options.target.file);
    } else {
      await restorePostgres(options.target, snapshot);
    }
    const media = path.join(staging, 'media');
    if (fs.existsSync(media)) fs.renameSync(media, path.join(options.dataDirectory, 'media'));
    return manifest;
  } catch (error) {
    emptyDirectory(options.dataDirectory, staging);
    if (!hadDirectory) fs.rmSync(options.dataDirectory, { recursive: true, force: true });
    throw error instanceof BackupError ? error : new BackupError(`The restore failed: ${describe(error)}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

async function refuseNonEmpty(target: DatabaseTarget, dataDirectory: string): Promise<void> {
  const entries = fs.existsSync(dataDirectory) ? fs.readdirSync(dataDirectory) : [];
  if (entries.length > 0) {
    throw new BackupError(
      `The data directory ${dataDirectory} is not empty (${entries.length} entries). Restore only into an ` +
        'empty data directory: point AMPARO_DATA_DIR at a new one. Nothing was changed.',
    );
  }
  if (!(await isDatabaseEmpty(target, (file) => fs.existsSync(file)))) {
    throw new BackupError(
      'The database is not empty. Restore only into an empty database (a new database or schema). Nothing was changed.',
    );
  }
}

function checkIsAgeFile(file: string): void {
  let head: Buffer;
  try {
    const descriptor = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(ageMagic.length);
      fs.readSync(descriptor, head, 0, head.length, 0);
    } finally {
      fs.closeSync(descriptor);
    }
  } catch (error) {
    throw new BackupError(`Cannot read the backup ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  if (head.toString('latin1') !== ageMagic) {
    throw new BackupError(
      `${file} is not an Amparo backup (not an age-encrypted file). Nothing was changed.`,
    );
  }
}

async function decryptInto(file: string, identity: string, directory: string): Promise<void> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  let plain: ReadableStream<Uint8Array>;
  try {
    const source = Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
    plain = await decrypter.decrypt(source);
  } catch (error) {
    throw new BackupError(
      `This backup cannot be opened with that identity (${describe(error)}): it was encrypted to another ` +
        'key, or its header is damaged. Nothing was changed.',
    );
  }
  try {
    await pipeline(
      Readable.fromWeb(plain as unknown as WebReadableStream<Uint8Array>),
      tar.extract({ cwd: directory, strict: true }),
    );
  } catch (error) {
    throw new BackupError(`The backup is corrupt (${describe(error)}). Nothing was changed.`);
  }
}

function readManifest(directory: string, target: DatabaseTarget): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.join(directory, 'manifest.json'), 'utf8'));
  } catch {
    throw new BackupError(
      'The archive has no readable manifest: it is not an Amparo backup. Nothing was changed.',
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupError('The backup manifest is not one this version understands.');
  const manifest = parsed.data;
  if (manifest.database !== target.kind) {
    throw new BackupError(
      `This is a ${manifest.database} backup and the configured database is ${target.kind}. Nothing was changed.`,
    );
  }
  if (target.kind === 'postgres' && manifest.schema !== (target.schema ?? 'public')) {
    throw new BackupError(
      `The backup holds PostgreSQL schema "${manifest.schema}": set AMPARO_DATABASE_SCHEMA=${manifest.schema} ` +
        'to restore it. Nothing was changed.',
    );
  }
  return manifest;
}

function checkSqliteSnapshot(file: string): void {
  try {
    const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      const result = database.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(String(result));
    } finally {
      database.close();
    }
  } catch (error) {
    throw new BackupError(`The database snapshot in the backup is damaged (${describe(error)}).`);
  }
}

function emptyDirectory(directory: string, except: string): void {
  if (!fs.existsSync(directory)) return;
  for (const entry of fs.readdirSync(directory)) {
    const entryPath = path.join(directory, entry);
    if (entryPath !== except) fs.rmSync(entryPath, { recursive: true, force: true });
  }
}
