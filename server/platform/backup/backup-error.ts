/** A backup or restore Amparo refuses or cannot complete; the message says why and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}
