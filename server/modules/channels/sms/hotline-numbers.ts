import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { findNetworkById, listHotlineNumbers } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';

const cacheMs = 10_000;

export interface HotlineDirectory {
  /** The network `to` is a hotline number of (table hotline_numbers), or null. */
  networkFor(to: string): Promise<Network | null>;
}

/** E.164 as Twilio sends it ("+13125550100"); anything else compares as digits with a plus. */
export function normalizeE164(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length === 10 ? `+1${digits}` : `+${digits}`;
}

/**
 * Maps a texted number (`To`) to its network through the deployment's hotline numbers, where each
 * number belongs to one network (a primary key; issue 14 §6).
 * The map of all networks' numbers is cached ten seconds (a flood must not cost a settings scan
 * per message); a number not in it forces a rebuild, so a newly added number works at once.
 */
export function createHotlineDirectory(deps: { db: Kysely<Database>; clock: Clock }): HotlineDirectory {
  let cached: { byNumber: Map<string, string>; builtAt: number } | null = null;
  // The network behind each number, for the same ten seconds (a flood costs no read per message).
  const networks = new Map<string, { network: Network | null; readAt: number }>();
  async function numbers(isForced: boolean): Promise<Map<string, string>> {
    const now = deps.clock.now();
    if (cached && !isForced && now - cached.builtAt < cacheMs) return cached.byNumber;
    const byNumber = new Map<string, string>();
    for (const row of await listHotlineNumbers(deps.db))
      byNumber.set(normalizeE164(row.number), row.networkId);
    cached = { byNumber, builtAt: now };
    return byNumber;
  }
  return {
    async networkFor(to) {
      const number = normalizeE164(to);
      // A number just added to a network's settings is found at once: a miss rebuilds the map.
      // Only Twilio-signed requests get here, so misses cannot be used to force rebuilds.
      const networkId = (await numbers(false)).get(number) ?? (await numbers(true)).get(number);
      if (!networkId) return null;
      const now = deps.clock.now();
      const known = networks.get(networkId);
      if (known && now - known.readAt < cacheMs) return known.network;
      const network = await findNetworkById(deps.db, networkId);
      networks.set(networkId, { network, readAt: now });
      return network;
    },
  };
}
