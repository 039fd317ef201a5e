import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7: ids sort by creation and are made in the app, not the database. */
export function newId(): string {
  return uuidv7();
}

/** A random secret of `bytes` bytes (default 32: 256 bits), base64url, for tokens and links. */
export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
