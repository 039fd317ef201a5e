import { get, patch } from '../../../lib/api.ts';
import type { NetworkProfile } from './types.ts';

export function getNetwork(): Promise<NetworkProfile> {
  return get<NetworkProfile>('/api/network');
}

/** PATCH /api/network with only what changed, so the audit trail names the fields really changed. */
export function patchNetwork(changes: Record<string, unknown>): Promise<NetworkProfile> {
  return patch<NetworkProfile>('/api/network', changes);
}
