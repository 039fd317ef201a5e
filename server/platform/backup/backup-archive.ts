import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Encrypter } from 'age-encryption';
import * as tar from 'tar';
import { z } from 'zod';
import type { DatabaseTarget } from '../database/database.ts';
import { BackupError } from './backup-error.ts';
import { snapshotDatabase, snapshotFileName } from './database-snapshot.ts';

/**
 * `amparo backup` (docs/adr/0030-sealed-mode-and-encrypted-backups.md): a tar archive of a
 * manifest, a consistent database snapshot and the media directory, encrypted with age to a
 * recipient public key. The server holds only the public key, so it cannot read its own backups;
 * `age -d -i identity.txt backup.age | tar x` opens one by hand.
 */

export const manifestSchema = z.object({
  format: z.literal('amparo-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  /** The PostgreSQL schema the snapshot was taken from (it is restored under the same name). */
  schema: z.string().nullable(),
  mediaFiles: z.number().int().min(0),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/** The file name of a backup taken at `now`: sortable, so rotation keeps the newest. */
export function backupFileName(now: Date): string {
  return `amparo-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.age`;
}

/** Writes an encrypted backup to `outFile` (mode 0600, written beside it then renamed into place). */
export async function createBackup(options: {
  target: DatabaseTarget;
  dataDirectory: string;
  recipient: string;
  outFile: string;
  now: Date;
}): Promise<BackupResult> {
  fs.mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  // Staged inside the data directory: the snapshot never lands on another disk in plain form.
  const staging = fs.mkdtempSync(path.join(options.dataDirectory, '.backup-'));
  const temporary = `${options.outFile}.${process.pid}.partial`;
  try {
    await snapshotDatabase(options.target, staging);
    const mediaFiles = linkMedia(path.join(options.dataDirectory, 'media'), path.join(staging, 'media'));
    const manifest: BackupManifest = {
      format: 'amparo-backup',
      version: 1,
      createdAt: options.now.toISOString(),
      database: options.target.kind,
      schema: options.target.kind === 'postgres' ? (options.target.schema ?? 'public') : null,
      mediaFiles,
    };
    fs.writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    const encrypter = new Encrypter();
    encrypter.addRecipient(options.recipient);
    const archive = tar.create({ cwd: staging, portable: true }, [
      'manifest.json',
      snapshotFileName(options.target),
      'media',
    ]);
    const encrypted = await encrypter.encrypt(
      Readable.toWeb(Readable.from(archive)) as unknown as ReadableStream<Uint8Array>,
    );
    fs.mkdirSync(path.dirname(options.outFile), { recursive: true, mode: 0o700 });
    const output = fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    await pipeline(Readable.fromWeb(encrypted as unknown as WebReadableStream<Uint8Array>), output);
    flush(temporary);
    fs.renameSync(temporary, options.outFile);
    return { file: options.outFile, bytes: fs.statSync(options.outFile).size, manifest };
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error instanceof BackupError ? error : new BackupError(`The backup failed: ${describe(error)}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Hard-links every media file into the staging tree (a copy where links are impossible); returns the count. */
function linkMedia(source: string, target: string): number {
  fs.mkdirSync(target, { recursive: true });
  if (!fs.existsSync(source)) return 0;
  let count = 0;
  for (const entry of fs.readdirSync(source, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const from = path.join(entry.parentPath, entry.name);
    const to = path.join(target, path.relative(source, from));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
    count += 1;
  }
  return count;
}

function flush(file: string): void {
  const descriptor = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Keeps the newest `keep` backups named like backupFileName in `directory` and deletes the rest.
 * Returns the deleted files.
 */
export function rotateBackups(directory: string, keep: number): string[] {
  if (!fs.existsSync(directory)) return [];
  const backups = fs
    .readdirSync(directory)
    .filter((name) => /^amparo-\d{8}T\d{6}Z\.age$/.test(name))
    .sort()
    .reverse();
  const removed = backups.slice(keep).map((name) => path.join(directory, name));
  for (const file of removed) fs.rmSync(file, { force: true });
  return removed;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
