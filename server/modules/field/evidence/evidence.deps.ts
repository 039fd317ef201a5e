import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';
import type { EvidenceLimits } from './evidence.contract.ts';
import { createMediaStore } from './media-store.ts';
import type { MediaStore } from './media-store.ts';

export type { EvidenceLimits } from './evidence.contract.ts';

export interface EvidenceDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  events: EventBus;
  store: MediaStore;
  limits: EvidenceLimits;
}

export function evidenceDepsFrom(context: PlatformContext): EvidenceDeps {
  return {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: context.events,
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
