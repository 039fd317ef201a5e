import { setTimeout as sleep } from 'node:timers/promises';
import type { RateKey } from './delivery.repository.ts';

export interface HandOffPacer {
  /** Resolves at this caller's moment to hand a text to the provider. */
  waitTurn(keys: readonly RateKey[]): Promise<void>;
}

/**
 * The last step of SMS pacing, inside one process: texts are handed to the provider no closer
 * together than the rate allows. The database already spaces the claims, across processes
 * (delivery.claim.ts); what it cannot see is the time between a claim's commit and the provider
 * call, which a busy event loop stretches for one text and shortens for the next. Each caller
 * takes its moment at once (so concurrent jobs queue in call order), then sleeps until it. The
 * wait is never cut short by a stopping worker: the delivery is already claimed, and a text
 * abandoned here would be reported uncertain instead of sent.
 */
export function createHandOffPacer(now: () => number = Date.now): HandOffPacer {
  const nextAt = new Map<string, number>();
  return {
    async waitTurn(keys) {
      const current = now();
      const turnAt = Math.max(current, ...keys.map(({ key }) => nextAt.get(key) ?? 0));
      for (const { key, intervalMs } of keys) nextAt.set(key, turnAt + intervalMs);
      // A timer counts from the event loop's cached time and can fire a few ms early: check again.
      for (let left = turnAt - current; left > 0; left = turnAt - now()) await sleep(left);
    },
  };
}
