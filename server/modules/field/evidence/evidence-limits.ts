import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { EvidenceDeps, EvidenceLimits } from './evidence.deps.ts';

/** Who uploads evidence: the responder of an accepted offer. */
const uploaderRoles = ['responder'] as const;

/**
 * The upload limits this server enforces, so the responder's phone can refuse a too-large photo
 * before spending a bad connection on it. The server checks them again on every upload.
 */
export function uploadLimitsFor(deps: Pick<EvidenceDeps, 'limits'>, principal: Principal): EvidenceLimits {
  requireRole(principal, uploaderRoles);
  const { photoMaxBytes, videoMaxBytes, maxPixels } = deps.limits;
  return { photoMaxBytes, videoMaxBytes, maxPixels };
}
