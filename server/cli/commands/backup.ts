import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupFileName, createBackup, rotateBackups } from '../../platform/backup/index.ts';
import { CommandFailed, UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig } from '../runtime.ts';

/**
 * `amparo backup [--out FILE]`: an encrypted snapshot of the database and media, to the age
 * recipient in AMPARO_BACKUP_RECIPIENT. Needs no keys (it works on a sealed server too) and holds
 * none: the key file is backed up apart. Without --out, it goes to AMPARO_BACKUP_DIR and only the
 * newest AMPARO_BACKUP_KEEP backups there are kept.
 */
export async function backupCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  const config = loadCliConfig(io);
  if (!config.backup.recipient) {
    throw new CommandFailed(
      'Set AMPARO_BACKUP_RECIPIENT to the age public key backups are encrypted to (age-keygen prints it); ' +
        'keep the matching identity file off this server.',
    );
  }
  const now = new Date();
  const outFile = values.out
    ? path.resolve(values.out)
    : path.join(config.backup.directory, backupFileName(now));
  const result = await createBackup({
    target: config.database,
    dataDirectory: config.dataDirectory,
    recipient: config.backup.recipient,
    outFile,
    now,
  });
  writeLine(
    io.stdout,
    `Wrote ${result.file} (${result.bytes} bytes; ${result.manifest.database} snapshot, ${result.manifest.mediaFiles} media files), encrypted to ${config.backup.recipient}.`,
  );
  if (!values.out) {
    for (const removed of rotateBackups(config.backup.directory, config.backup.keep)) {
      writeLine(io.stdout, `Removed the older backup ${removed}.`);
    }
  }
  writeLine(
    io.stdout,
    'The encryption keys are not in the backup: back up the key file apart (see the README, Operations).',
  );
  return 0;
}
