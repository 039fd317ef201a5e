import path from 'node:path';
import type { DatabaseTarget } from '../database/database.ts';
import type { Logger } from '../log/logger.ts';
import { backupFileName, createBackup, rotateBackups } from './backup-archive.ts';

/**
 * The optional backup schedule (AMPARO_BACKUP_INTERVAL_HOURS, ADR 0030): every interval the worker
 * writes an encrypted backup to AMPARO_BACKUP_DIR and keeps the newest AMPARO_BACKUP_KEEP. It
 * needs no keys. Logs the file name and size only.
 */
export function startBackupSchedule(options: {
  target: DatabaseTarget;
  dataDirectory: string;
  recipient: string;
  directory: string;
  keep: number;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const runOnce = async () => {
    const now = new Date();
    try {
      const result = await createBackup({
        target: options.target,
        dataDirectory: options.dataDirectory,
        recipient: options.recipient,
        outFile: path.join(options.directory, backupFileName(now)),
        now,
      });
      const removed = rotateBackups(options.directory, options.keep);
      options.logger.info(
        { file: path.basename(result.file), bytes: result.bytes, removed: removed.length },
        'backup written',
      );
    } catch (error) {
      options.logger.error({ err: error }, 'scheduled backup failed');
    }
  };
  const timer = setInterval(() => {
    running ??= runOnce().finally(() => (running = null));
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
