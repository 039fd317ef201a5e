import { setTimeout as sleep } from 'node:timers/promises';
import type { RateKey } from './delivery.repository.ts';

export interface HandOffPacer {
  /** Resolves at this caller's moment to hand a text to the provider. */
  waitTurn(keys: readonly RateKey[]): Promise<void>;
}

/**
 * Room for what happens between a turn and the provider call (a promise continuation, rendering
 * the message): the rate's texts in any window are spread over one second plus this, so the
 * provider never sees one more inside a second. Costs 1 % of the rate.
 */
export const handOffGuardMs = 10;

/** One text's place under one key: its planned moment, then the moment it actually went. */
interface Place {
  at: number;
  hasGone: boolean;
}

/**
 * The last step of SMS pacing, inside one process: texts are handed to the provider no closer
 * together than the rate allows, and never more than the rate inside any one second. The
 * database already spaces the claims, across processes (delivery.claim.ts); what it cannot see
 * is the time between a claim's commit and the provider call, which a busy event loop stretches
 * for one text and shortens for the next. Spacing alone is not enough either: texts exactly
 * 1000/rate ms apart put rate + 1 of them in a second as soon as the first is a millisecond late.
 * So each text's moment is checked against the moments the texts before it really went, again
 * after every sleep (timers fire late under load, or a few ms early against the wall clock).
 *
 * The wait is never cut short by a stopping worker: the delivery is already claimed, and a text
 * abandoned here would be reported uncertain instead of sent.
 */
export function createHandOffPacer(now: () => number = Date.now): HandOffPacer {
  const placesByKey = new Map<string, Place[]>();
  const perSecondOf = (intervalMs: number) => Math.max(1, Math.round(1000 / intervalMs));

  /** The earliest moment `place` may go under one key, given the places before it. */
  function earliest(places: Place[], place: Place, intervalMs: number): number {
    const index = places.indexOf(place);
    const perSecond = perSecondOf(intervalMs);
    let at = 0;
    if (index >= 1) at = places[index - 1]!.at + intervalMs;
    if (index >= perSecond) at = Math.max(at, places[index - perSecond]!.at + 1000 + handOffGuardMs);
    return at;
  }

  /** Keeps what a later text can still be measured against, and every place not yet gone. */
  function forgetOld(places: Place[], intervalMs: number): void {
    const waiting = places.filter((place) => !place.hasGone).length;
    while (places.length > perSecondOf(intervalMs) + waiting && places[0]!.hasGone) places.shift();
  }

  return {
    async waitTurn(keys) {
      const mine = keys.map(({ key }) => {
        const places = placesByKey.get(key) ?? [];
        placesByKey.set(key, places);
        const place: Place = { at: now(), hasGone: false };
        places.push(place);
        return { places, place };
      });
      for (;;) {
        const turnAt = Math.max(
          now(),
          ...keys.map(({ intervalMs }, index) =>
            earliest(mine[index]!.places, mine[index]!.place, intervalMs),
          ),
        );
        // Later texts plan against this moment until it is known when this one really went.
        for (const { place } of mine) place.at = turnAt;
        const left = turnAt - now();
        if (left <= 0) break;
        await sleep(left);
      }
      const wentAt = now();
      mine.forEach(({ places, place }, index) => {
        place.at = wentAt;
        place.hasGone = true;
        forgetOld(places, keys[index]!.intervalMs);
      });
    },
  };
}
