import { KeyringError } from './keyring-error.ts';
import { readKeyFile, writeKeyFile } from './keyring.ts';
import {
  deriveUnlock,
  minimumPassphraseLength,
  newSealingKdf,
  openSealedKeyring,
  readCredentialFile,
  SealedKeyringError,
  sealOfKeyFile,
} from './sealed-keyring.ts';
import type { SealedKeyring, Unlock } from './sealed-keyring.ts';

/**
 * Derives the unlock for a sealed key file from a passphrase or credential secret and checks that
 * it opens the file. WrongPassphraseError otherwise; nothing is written either way.
 */
export async function unlockKeyFile(filePath: string, secret: string | Uint8Array): Promise<Unlock> {
  const seal = requireSealed(filePath);
  const unlock = await deriveUnlock(seal, secret);
  openSealedKeyring(seal, unlock, `key file ${filePath}`);
  return unlock;
}

function requireSealed(filePath: string): SealedKeyring {
  const seal = sealOfKeyFile(filePath);
  if (!seal) throw new KeyringError(`The key file ${filePath} is not sealed.`);
  return seal;
}

/**
 * `amparo seal`: rewrites a plain key file sealed under a passphrase (argon2id) or a credential
 * secret (HKDF), atomically, and checks the written file opens before returning.
 */
export async function sealKeyFile(options: {
  filePath: string;
  by: SealedKeyring['by'];
  secret: string | Uint8Array;
}): Promise<void> {
  if (sealOfKeyFile(options.filePath)) {
    throw new KeyringError(
      `The key file ${options.filePath} is already sealed. To change how it is sealed, run "amparo seal --off" first.`,
    );
  }
  if (options.by === 'passphrase' && String(options.secret).length < minimumPassphraseLength) {
    throw new KeyringError(
      `The passphrase must be at least ${minimumPassphraseLength} characters (a few random words). Nothing was changed.`,
    );
  }
  const file = readKeyFile(options.filePath);
  const unlock = await deriveUnlock({ by: options.by, kdf: newSealingKdf(options.by) }, options.secret);
  writeKeyFile(options.filePath, file, unlock);
  readKeyFile(options.filePath, unlock);
}

/** `amparo seal --off`: rewrites a sealed key file in plain form (the secret must open it). */
export async function unsealKeyFileToPlain(options: {
  filePath: string;
  secret: string | Uint8Array;
}): Promise<void> {
  const unlock = await unlockKeyFile(options.filePath, options.secret);
  writeKeyFile(options.filePath, readKeyFile(options.filePath, unlock));
}

/** How the keys open at start: plain, unlocked by the service manager's credential, or sealed. */
export type StartupKeys = { kind: 'plain' } | { kind: 'unlocked'; unlock: Unlock } | { kind: 'sealed' };

/**
 * Decides at start whether the server can open its keys by itself: a plain key file (or
 * AMPARO_ENCRYPTION_KEYS), a credential-sealed file whose credential the service manager supplied,
 * or a passphrase-sealed file that waits for an admin (the server starts sealed).
 */
export async function unlockAtStart(keys: {
  file: string;
  inline?: string;
  credentialFile: string | null;
}): Promise<StartupKeys> {
  if (keys.inline) return { kind: 'plain' };
  const seal = sealOfKeyFile(keys.file);
  if (!seal) return { kind: 'plain' };
  if (seal.by === 'passphrase') return { kind: 'sealed' };
  if (!keys.credentialFile) {
    throw new SealedKeyringError(
      'credential',
      `The key file ${keys.file} is sealed with a service-manager credential, and none was given: set ` +
        'AMPARO_KEYRING_CREDENTIAL to the credential file (or use systemd LoadCredential=amparo-keyring-key:...).',
    );
  }
  return {
    kind: 'unlocked',
    unlock: await unlockKeyFile(keys.file, readCredentialFile(keys.credentialFile)),
  };
}
