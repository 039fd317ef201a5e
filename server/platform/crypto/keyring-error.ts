/** A key file or key set Amparo cannot use; the message says why and what to do. */
export class KeyringError extends Error {
  override name = 'KeyringError';
}
