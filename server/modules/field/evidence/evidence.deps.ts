import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import { createMediaStore } from './media-store.ts';
import type { MediaStore } from './media-store.ts';

export interface EvidenceLimits {
  photoMaxBytes: number;
  videoMaxBytes: number;
  maxPixels: number;
}

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

/** Who may see evidence and its shared copies (a responder sees what they uploaded, via the offer). */
export const evidenceViewerRoles = ['dispatcher', 'coordinator', 'advocate', 'admin'] as const;

/** Who may request (and, once approved, download) an incident's evidence bundle for counsel (with a fresh step-up). */
export const evidenceExporterRoles = ['advocate', 'admin'] as const;

/** Who may approve someone else's export request (with a fresh step-up), and see the requests. */
export const evidenceExportApproverRoles = ['advocate', 'admin', 'coordinator'] as const;
