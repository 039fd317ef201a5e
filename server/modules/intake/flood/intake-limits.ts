import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock/clock.ts';
import { createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import type { RateLimiter } from '../../../platform/http/rate-limiter.ts';

/**
 * Who is reporting, for the limits:
 * - unknown: a web client or a phone number without a history of real reports;
 * - known: a phone number that reported before, not a false alarm (see known-reporter.repository.ts);
 * - operator: a signed-in hotline operator typing a call in.
 * Known reporters and operators have their own budgets, so a flood of unknown sources cannot use
 * up the capacity real reports need.
 */
export type IntakeLane = 'unknown' | 'known' | 'operator';

export interface IntakeAttempt {
  networkId: string;
  lane: IntakeLane;
  /** Phone blind index, the web client's address prefix, or the operator's member id; null: none. */
  sourceKey: string | null;
  /** A coarse place (a ~1 km cell or a ZIP code), null when the report has none yet. */
  areaKey: string | null;
  isFloodMode: boolean;
}

export interface IntakeDecision {
  isAllowed: boolean;
  retryAfterMs: number;
  /** Which layer refused (for tests and metrics; never sent to clients). */
  layer: string | null;
}

interface Layer {
  name: string;
  limit: number;
  windowMs: number;
  maxKeys?: number;
}

const minute = 60 * 1000;

/**
 * Limits per layer, before scaling. A raid brings dozens of genuine reports a minute to one place,
 * hundreds to a network; a junk flood brings thousands from rotating sources. Flood mode leaves
 * known reporters and operators alone and cuts what unknown sources may add to a trickle that
 * clustering folds into a few incidents. The global layers protect the process itself.
 */
export const intakeLayers = {
  unknownSource: { name: 'unknown.source', limit: 20, windowMs: 10 * minute, maxKeys: 200_000 },
  unknownArea: { name: 'unknown.area', limit: 120, windowMs: minute, maxKeys: 50_000 },
  unknownNetwork: { name: 'unknown.network', limit: 600, windowMs: minute },
  floodSource: { name: 'flood.source', limit: 3, windowMs: 30 * minute, maxKeys: 200_000 },
  floodArea: { name: 'flood.area', limit: 15, windowMs: minute, maxKeys: 50_000 },
  floodNetwork: { name: 'flood.network', limit: 60, windowMs: minute },
  unknownGlobal: { name: 'unknown.global', limit: 3000, windowMs: minute },
  knownSource: { name: 'known.source', limit: 30, windowMs: 10 * minute, maxKeys: 100_000 },
  knownNetwork: { name: 'known.network', limit: 600, windowMs: minute },
  operatorSource: { name: 'operator.source', limit: 120, windowMs: 10 * minute },
  trustedGlobal: { name: 'trusted.global', limit: 6000, windowMs: minute },
} satisfies Record<string, Layer>;

type LayerName = keyof typeof intakeLayers;

export interface IntakeLimiter {
  check(attempt: IntakeAttempt): IntakeDecision;
}

/**
 * Layered in-memory limits for intake. Keys are hashed with a per-process secret before they are
 * held, so even this process's memory keeps no address prefix or phone hash in the clear. `scale`
 * multiplies every limit (AMPARO_INTAKE_LIMIT_SCALE: load tests, very large networks).
 */
export function createIntakeLimiter(options: { clock: Clock; scale?: number }): IntakeLimiter {
  const scale = options.scale ?? 1;
  const salt = randomBytes(16);
  const limiters = Object.fromEntries(
    (Object.entries(intakeLayers) as [LayerName, Layer][]).map(([name, layer]) => [
      name,
      createRateLimiter({
        limit: Math.max(1, Math.round(layer.limit * scale)),
        windowMs: layer.windowMs,
        maxKeys: layer.maxKeys ?? 10_000,
        clock: options.clock,
      }),
    ]),
  ) as Record<LayerName, RateLimiter>;
  const keyOf = (value: string) =>
    createHash('sha256').update(salt).update(value).digest('base64url').slice(0, 22);

  function plan(attempt: IntakeAttempt): [LayerName, string | null][] {
    const { networkId, sourceKey, areaKey } = attempt;
    const area = areaKey === null ? null : `${networkId}|${areaKey}`;
    const source = sourceKey === null ? null : `${networkId}|${sourceKey}`;
    switch (attempt.lane) {
      case 'operator':
        return [
          ['operatorSource', source],
          ['trustedGlobal', '*'],
        ];
      case 'known':
        return [
          ['knownSource', source],
          ['knownNetwork', networkId],
          ['trustedGlobal', '*'],
        ];
      case 'unknown':
        return attempt.isFloodMode
          ? [
              ['floodSource', source],
              ['floodArea', area],
              ['floodNetwork', networkId],
              ['unknownGlobal', '*'],
            ]
          : [
              ['unknownSource', source],
              ['unknownArea', area],
              ['unknownNetwork', networkId],
              ['unknownGlobal', '*'],
            ];
    }
  }

  return {
    check(attempt) {
      for (const [name, key] of plan(attempt)) {
        if (key === null) continue;
        const decision = limiters[name].consume(keyOf(key));
        if (!decision.isAllowed) {
          return { isAllowed: false, retryAfterMs: decision.retryAfterMs, layer: intakeLayers[name].name };
        }
      }
      return { isAllowed: true, retryAfterMs: 0, layer: null };
    },
  };
}

/** A ~1 km cell of a coarse point, or the ZIP code: the "area" a flood at one place fills. */
export function areaKeyOf(input: {
  point?: { lat: number; lon: number } | null;
  zip?: string | null;
}): string | null {
  if (input.point) return `cell:${Math.round(input.point.lat * 100)}:${Math.round(input.point.lon * 100)}`;
  if (input.zip) return `zip:${input.zip}`;
  return null;
}
