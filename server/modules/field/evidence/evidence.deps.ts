import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { EvidenceLimits } from './evidence.contract.ts';
import { createMediaStore } from './media-store.ts';
import type { MediaStore } from './media-store.ts';

export type { EvidenceLimits } from './evidence.contract.ts';

export interface EvidenceDeps extends ServiceDeps {
  store: MediaStore;
  limits: EvidenceLimits;
}

export function evidenceDepsFrom(context: PlatformContext): EvidenceDeps {
  return {
    ...serviceDepsFrom(context),
    store: createMediaStore(context.config.dataDirectory),
    limits: context.config.media,
  };
}

/** The field-crypto context of the wrapped per-file keys. */
export const fileKeyContext = 'evidence_items.file_key';

export function wrapFileKey(crypto: FieldCrypto, key: Uint8Array): string {
  return crypto.encrypt(Buffer.from(key).toString('base64url'), fileKeyContext);
}

export function unwrapFileKey(crypto: FieldCrypto, wrapped: string): Uint8Array {
  return new Uint8Array(Buffer.from(crypto.decrypt(wrapped, fileKeyContext), 'base64url'));
}

// Who may see, request and approve evidence: in the contract, as the members' app shows it.
export {
  evidenceExportApproverRoles,
  evidenceExporterRoles,
  evidenceViewerRoles,
} from './evidence.contract.ts';
