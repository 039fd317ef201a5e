/** Encrypted backups and restores (docs/adr/0030-sealed-mode-and-encrypted-backups.md). */
export { backupFileName, createBackup, rotateBackups } from './backup-archive.ts';
export type { BackupManifest, BackupResult } from './backup-archive.ts';
export { BackupError } from './backup-error.ts';
export { readIdentity, restoreBackup } from './backup-restore.ts';
export { startBackupSchedule } from './backup-schedule.ts';
