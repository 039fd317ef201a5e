/** Field encryption, key files and key rotation (see docs/adr/0005-field-encryption-and-audit-chain.md). */
export { createFieldCrypto, DecryptionError, envelopePrefix } from './field-crypto.ts';
export type { FieldCrypto } from './field-crypto.ts';
export { KeyringError, loadKeyring, parseKeyFile } from './keyring.ts';
export {
  checkKeyPlacement,
  defaultKeyFilePath,
  KeyPlacementError,
  legacyKeyFilePath,
  moveLegacyKeyFile,
} from './key-placement.ts';
export type { Keyring } from './keyring.ts';
export { encryptedColumns } from './encrypted-columns.ts';
export type { EncryptedColumn } from './encrypted-columns.ts';
export { findUnregisteredEncryptedColumns, retireKey, rotateKeys } from './key-rotation.ts';
export type { ColumnRotation, KeySource, RotationOptions, RotationResult } from './key-rotation.ts';
export {
  deriveUnlock,
  readCredentialFile,
  SealedKeyringError,
  sealOfKeyFile,
  WrongPassphraseError,
} from './sealed-keyring.ts';
export type { SealedKeyring, Unlock } from './sealed-keyring.ts';
export { sealKeyFile, unlockAtStart, unlockKeyFile, unsealKeyFileToPlain } from './sealing.ts';
export type { StartupKeys } from './sealing.ts';
