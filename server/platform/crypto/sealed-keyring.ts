import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { hashRaw } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { z } from 'zod';
import { KeyringError } from './keyring-error.ts';

/**
 * Sealed mode (docs/adr/0030-sealed-mode-and-encrypted-backups.md): the key file holds the keyring
 * encrypted (AES-256-GCM) under a wrapping key that is never on disk: derived with argon2id from a
 * passphrase an admin types, or from a secret the service manager hands the process (a systemd
 * `LoadCredential` file). A powered-off disk holds the key file only as ciphertext.
 */

/** argon2id costs for a passphrase: 64 MiB and 3 passes, about a third of a second here, once per unseal. */
export const passphraseCosts = { memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;
/** A passphrase shorter than this is refused by `amparo seal`. */
export const minimumPassphraseLength = 12;
/** A credential file shorter than this (bytes) is refused: it must be a random secret. */
export const minimumCredentialBytes = 32;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

const kdfSchema = z.discriminatedUnion('algorithm', [
  z.object({
    algorithm: z.literal('argon2id'),
    salt: base64,
    memoryCost: z.number().int().min(8192).max(4_194_304),
    timeCost: z.number().int().min(1).max(64),
    parallelism: z.number().int().min(1).max(16),
  }),
  z.object({ algorithm: z.literal('hkdf-sha256'), salt: base64 }),
]);

const sealedSchema = z.object({
  by: z.enum(['passphrase', 'credential']),
  kdf: kdfSchema,
  nonce: base64,
  ciphertext: base64,
});

const sealedFileSchema = z.object({ version: z.literal(1), sealed: sealedSchema });

export type SealedKeyring = z.infer<typeof sealedSchema>;
export type SealingKdf = z.infer<typeof kdfSchema>;

/** What opens a sealed key file: its derivation parameters and the wrapping key derived with them. */
export interface Unlock {
  by: SealedKeyring['by'];
  kdf: SealingKdf;
  wrappingKey: Buffer;
}

/** A passphrase that does not open the key file (or a credential that is not its own). */
export class WrongPassphraseError extends KeyringError {
  override name = 'WrongPassphraseError';
}

/** The key file is sealed and nothing to open it was given. */
export class SealedKeyringError extends KeyringError {
  override name = 'SealedKeyringError';
  constructor(
    readonly by: SealedKeyring['by'],
    message: string,
  ) {
    super(message);
  }
}

/** The sealed part of a key file's JSON, or null for a plain key file. Throws on a malformed seal. */
export function sealedPartOf(json: unknown, source: string): SealedKeyring | null {
  if (typeof json !== 'object' || json === null || !('sealed' in json)) return null;
  const parsed = sealedFileSchema.safeParse(json);
  if (!parsed.success) throw new KeyringError(`${source}: the sealed keyring is malformed`);
  return parsed.data.sealed;
}

/** Whether the key file at `filePath` is sealed, and how; null when plain or missing. */
export function sealOfKeyFile(filePath: string): SealedKeyring | null {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null; // parseKeyFile reports it with its own message
  }
  return sealedPartOf(json, `key file ${filePath}`);
}

/** Derives the wrapping key from a passphrase or a credential secret with the seal's parameters. */
export async function deriveUnlock(
  seal: Pick<SealedKeyring, 'by' | 'kdf'>,
  secret: string | Uint8Array,
): Promise<Unlock> {
  const salt = Buffer.from(seal.kdf.salt, 'base64');
  const wrappingKey =
    seal.kdf.algorithm === 'argon2id'
      ? await hashRaw(secret, {
          // A const enum, which isolatedModules cannot read at runtime (as in password.ts).
          algorithm: 2 as Algorithm.Argon2id,
          salt,
          memoryCost: seal.kdf.memoryCost,
          timeCost: seal.kdf.timeCost,
          parallelism: seal.kdf.parallelism,
          outputLen: 32,
        })
      : Buffer.from(hkdfSync('sha256', Buffer.from(secret), salt, 'amparo keyring wrapping key', 32));
  return { by: seal.by, kdf: seal.kdf, wrappingKey };
}

/** New derivation parameters (a fresh salt) for sealing with a passphrase or a credential. */
export function newSealingKdf(by: SealedKeyring['by']): SealingKdf {
  const salt = randomBytes(16).toString('base64');
  return by === 'passphrase'
    ? { algorithm: 'argon2id', salt, ...passphraseCosts }
    : { algorithm: 'hkdf-sha256', salt };
}

// The parameters are bound to the ciphertext: changing the costs or the salt makes it fail to open.
function associatedData(by: string, kdf: SealingKdf): Buffer {
  return Buffer.from(JSON.stringify({ format: 'amparo-sealed-keyring', version: 1, by, kdf }));
}

/** Encrypts a plain key file's text into the JSON of a sealed key file. */
export function sealKeyFileText(plainText: string, unlock: Unlock): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', unlock.wrappingKey, nonce);
  cipher.setAAD(associatedData(unlock.by, unlock.kdf));
  const ciphertext = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const sealed: SealedKeyring = {
    by: unlock.by,
    kdf: unlock.kdf,
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify({ version: 1, sealed }, null, 2)}\n`;
}

/** Whether `unlock` was derived with this seal's parameters (same salt and costs). */
export function isUnlockFor(seal: SealedKeyring, unlock: Unlock): boolean {
  return seal.by === unlock.by && JSON.stringify(seal.kdf) === JSON.stringify(unlock.kdf);
}

/** Decrypts a sealed keyring to the plain key file's text; WrongPassphraseError when it does not open. */
export function openSealedKeyring(seal: SealedKeyring, unlock: Unlock, source: string): string {
  if (!isUnlockFor(seal, unlock)) {
    throw new WrongPassphraseError(
      `${source} was sealed again with other parameters; restart Amparo and unseal it with the current passphrase.`,
    );
  }
  const data = Buffer.from(seal.ciphertext, 'base64');
  if (data.length < 17) throw new KeyringError(`${source}: the sealed keyring is malformed`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', unlock.wrappingKey, Buffer.from(seal.nonce, 'base64'));
    decipher.setAAD(associatedData(seal.by, seal.kdf));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new WrongPassphraseError(
      seal.by === 'passphrase'
        ? 'Wrong passphrase: the keyring did not open. Nothing was changed.'
        : 'The credential does not open this keyring (wrong or changed credential file). Nothing was changed.',
    );
  }
}

/** Reads a service-manager credential file; refuses a missing, empty or short one. */
export function readCredentialFile(filePath: string): Buffer {
  let secret: Buffer;
  try {
    secret = fs.readFileSync(filePath);
  } catch (error) {
    throw new KeyringError(
      `Cannot read the keyring credential ${filePath}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const trimmed = Buffer.from(secret.toString('latin1').trim(), 'latin1');
  if (trimmed.length < minimumCredentialBytes) {
    throw new KeyringError(
      `The keyring credential ${filePath} is shorter than ${minimumCredentialBytes} bytes; make it with: ` +
        'openssl rand -base64 48',
    );
  }
  return trimmed;
}
