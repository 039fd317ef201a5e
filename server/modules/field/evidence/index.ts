import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerEvidenceApiRoutes } from './evidence.routes.ts';

/** Evidence: encrypted uploads with a chain of custody, shareable copies without metadata, export bundles. */
export { custodyEntryHash, custodyHashFormula } from './evidence-custody.service.ts';
export { evidenceDepsFrom, fileKeyContext } from './evidence.deps.ts';
export type { EvidenceDeps, EvidenceLimits } from './evidence.deps.ts';
export { fieldPurgeTasks } from './evidence-retention.jobs.ts';
export { createMediaStore } from './media-store.ts';
export type { MediaStore } from './media-store.ts';
export { sniffMediaType } from './media-type.ts';

export function registerEvidenceRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerEvidenceApiRoutes(app, context);
}
export { createEncryptedFile, newMediaKey, readEncryptedFile } from './media-cipher.ts';
