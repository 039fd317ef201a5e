import { moveLegacyKeyFile, retireKey, rotateKeys } from '../../platform/crypto/index.ts';
import { UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig, unlockForCli, withCliContext } from '../runtime.ts';

/** `amparo keys rotate` and `amparo keys retire <id>` (see docs/adr/0005-field-encryption-and-audit-chain.md). */
export async function keysCommand(io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'rotate' && rest.length === 0) return rotate(io);
  if (action === 'retire' && rest.length === 1 && rest[0]) return retire(io, rest[0]);
  if (action === 'move' && rest.length === 0) return move(io);
  throw new UsageError('Use "amparo keys rotate", "amparo keys retire <key id>" or "amparo keys move".');
}

async function rotate(io: CliIo): Promise<number> {
  const config = loadCliConfig(io);
  const unlock = await unlockForCli(config, io);
  const result = await withCliContext(config, { migrations: 'require' }, (context) =>
    rotateKeys({
      unlock,
      db: context.database.db,
      dialect: context.database.dialect,
      keyFilePath: config.keys.file,
      inline: config.keys.inline,
    }),
  );
  writeLine(
    io.stdout,
    `${result.isResumed ? 'Resumed rotation to' : 'Rotated to'} key ${result.activeKeyId}.`,
  );
  for (const column of result.columns) {
    const failed = column.failedIds.length > 0 ? `, ${column.failedIds.length} could not be decrypted` : '';
    writeLine(io.stdout, `  ${column.table}.${column.column}: ${column.reencrypted} re-encrypted${failed}`);
  }
  for (const usage of result.olderKeyUsage) {
    const advice = usage.envelopes === 0 ? ` (can be retired: amparo keys retire ${usage.keyId})` : '';
    writeLine(io.stdout, `  older key ${usage.keyId}: ${usage.envelopes} value(s) still use it${advice}`);
  }
  writeLine(
    io.stdout,
    'Running servers pick up the changed key file by themselves (restart them if the keys come from AMPARO_ENCRYPTION_KEYS).',
  );
  if (!result.isComplete) {
    writeLine(
      io.stderr,
      'Some values could not be re-encrypted; the rotation stays open. Run it again after fixing them.',
    );
    return 1;
  }
  return 0;
}

async function retire(io: CliIo, keyId: string): Promise<number> {
  const config = loadCliConfig(io);
  const unlock = await unlockForCli(config, io);
  const result = await withCliContext(config, { migrations: 'require' }, (context) =>
    retireKey({
      unlock,
      db: context.database.db,
      dialect: context.database.dialect,
      keyId,
      keyFilePath: config.keys.file,
      inline: config.keys.inline,
    }),
  );
  writeLine(
    io.stdout,
    `Retired key ${result.retiredKeyId}. Keys left: ${result.remainingKeyIds.join(', ')}.`,
  );
  return 0;
}

/** `amparo keys move`: an older install's keys.json leaves the data directory for the key file path. */
function move(io: CliIo): number {
  const config = loadCliConfig(io);
  const moved = moveLegacyKeyFile({ dataDirectory: config.dataDirectory, target: config.keys.file });
  writeLine(io.stdout, `Moved the keys from ${moved.from} to ${moved.to} (mode 0600).`);
  writeLine(
    io.stdout,
    'Back this file up apart from the data directory: without it the encrypted data cannot be read.',
  );
  return 0;
}
