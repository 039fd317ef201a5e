import { get, post } from '../../../lib/api.ts';
import type { SealStatus, UnsealAnswer, UnsealRequest } from './types.ts';

/** Sends the keyring passphrase to the sealed server (ADR 0030). */
export function unseal(request: UnsealRequest): Promise<UnsealAnswer> {
  return post<UnsealAnswer>('/api/system/unseal', request);
}

/** Whether the server is still sealed; throws while it restarts in full (the call then fails). */
export function loadSealStatus(): Promise<SealStatus> {
  return get<SealStatus>('/api/system/seal');
}

/** Resolves once the server answers as unsealed (its /healthz says ok), polling for up to a minute. */
export async function waitUntilUnsealed(): Promise<boolean> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    try {
      const response = await fetch('/healthz', { credentials: 'same-origin' });
      if (response.ok && ((await response.json()) as { status?: string }).status === 'ok') return true;
    } catch {
      // restarting: the port is briefly closed
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
