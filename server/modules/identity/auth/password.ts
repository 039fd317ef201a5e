import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { AppError } from '../../../platform/errors/app-error.ts';
import { passwordCharacterCount as characterCount, passwordLength } from './auth.contract.ts';

export { newPasswordSchema, passwordLength } from './auth.contract.ts';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: 19 MiB, 2 passes, 1 lane (about 25 ms per hash
 * on one core). `Algorithm` is a const enum, which isolatedModules cannot read at runtime.
 */
export const passwordHashOptions = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a new password (argon2id, PHC string). VALIDATION_FAILED when its length is out of bounds. */
export async function hashPassword(password: string): Promise<string> {
  const count = characterCount(password);
  if (count < passwordLength.min || count > passwordLength.max) {
    throw new AppError('VALIDATION_FAILED', 'The password must be 12 to 256 characters long.', [
      {
        path: 'password',
        message: count < passwordLength.min ? 'Use at least 12 characters.' : 'Use at most 256 characters.',
      },
    ]);
  }
  return hash(password, passwordHashOptions);
}

/** Whether `password` matches `passwordHash`. False (never a throw) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (characterCount(password) > passwordLength.max) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when the hash was made with weaker or other parameters than today's (rehash on sign-in). */
export function needsRehash(passwordHash: string): boolean {
  try {
    const options = parseOptions(passwordHash);
    return (
      options.algorithm !== passwordHashOptions.algorithm ||
      options.memoryCost !== passwordHashOptions.memoryCost ||
      options.timeCost !== passwordHashOptions.timeCost ||
      options.parallelism !== passwordHashOptions.parallelism
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same argon2 work as a real check, for a sign-in with no account or no password behind
 * it, so the answer takes as long as a wrong password (no user enumeration by timing).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await prepareDummyHash(), password);
  return false;
}

/** Made once per process, at start-up, so the first unknown email is not slower either. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'), passwordHashOptions);
  return dummyHash;
}
