import path from 'node:path';
import { parseArgs } from 'node:util';
import { readIdentity, restoreBackup } from '../../platform/backup/index.ts';
import { UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig } from '../runtime.ts';

/** `amparo restore --identity FILE BACKUP`: into an empty data directory and database only. */
export async function restoreCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { identity: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [backupFile, ...rest] = positionals;
  if (!values.identity || !backupFile || rest.length > 0) {
    throw new UsageError('Use "amparo restore --identity <identity file> <backup file>".');
  }
  const config = loadCliConfig(io);
  const manifest = await restoreBackup({
    target: config.database,
    dataDirectory: config.dataDirectory,
    identity: readIdentity(path.resolve(values.identity)),
    backupFile: path.resolve(backupFile),
  });
  writeLine(
    io.stdout,
    `Restored the backup of ${manifest.createdAt} (${manifest.database}, ${manifest.mediaFiles} media files) into ${config.dataDirectory}.`,
  );
  writeLine(
    io.stdout,
    `The keys are not in the backup: put the key file this data was encrypted with at ${config.keys.file} ` +
      '(or set AMPARO_KEY_FILE) before starting, then run "amparo audit verify".',
  );
  return 0;
}
