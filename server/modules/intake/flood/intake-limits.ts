import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { FieldCrypto } from '../../../platform/crypto/index.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import type { RateLimitDecision, RateLimiter } from '../../../platform/http/rate-limiter.ts';
import { sharedLimitKey, takeSharedCount } from '../../../platform/limits/index.ts';
import { inCounterTransaction } from './intake-limits.repository.ts';

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
}

const minute = 60 * 1000;
/** Refusals a process remembers at once (a flood rotating sources fills it; then it starts over). */
const maxRememberedRefusals = 10_000;

/**
 * Limits per layer, before scaling. A raid brings dozens of genuine reports a minute to one place,
 * hundreds to a network; a junk flood brings thousands from rotating sources. Flood mode leaves
 * known reporters and operators alone and cuts what unknown sources may add to a trickle that
 * clustering folds into a few incidents. The global layers protect the process itself.
 */
export const intakeLayers = {
  unknownSource: { name: 'unknown.source', limit: 20, windowMs: 10 * minute },
  unknownArea: { name: 'unknown.area', limit: 120, windowMs: minute },
  unknownNetwork: { name: 'unknown.network', limit: 600, windowMs: minute },
  floodSource: { name: 'flood.source', limit: 3, windowMs: 30 * minute },
  floodArea: { name: 'flood.area', limit: 15, windowMs: minute },
  floodNetwork: { name: 'flood.network', limit: 60, windowMs: minute },
  unknownGlobal: { name: 'unknown.global', limit: 3000, windowMs: minute },
  knownSource: { name: 'known.source', limit: 30, windowMs: 10 * minute },
  knownNetwork: { name: 'known.network', limit: 600, windowMs: minute },
  operatorSource: { name: 'operator.source', limit: 120, windowMs: 10 * minute },
  trustedGlobal: { name: 'trusted.global', limit: 6000, windowMs: minute },
} satisfies Record<string, Layer>;

type LayerName = keyof typeof intakeLayers;

/**
 * Layers counted by the process itself: they protect this process's CPU and memory, so each
 * process has its own (and a single shared row every report of the deployment updates would only
 * add contention). Every other layer is about an outsider and a network, and is shared.
 */
const perProcessLayers: ReadonlySet<LayerName> = new Set(['unknownGlobal', 'trustedGlobal']);

export interface IntakeLimiter {
  check(attempt: IntakeAttempt): Promise<IntakeDecision>;
}

export interface IntakeLimiterOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  scale?: number;
}

/**
 * Layered intake limits (ADR 0027). Source, area and network layers are fixed-window counters in
 * the database (`shared_counters`), so they hold across every app process on one database; each
 * check is one upsert per layer (in one transaction), stopping at the first refusal, so a source that is refused does
 * not use up its area's or network's budget. Sources and areas are keyed with the blind-index key
 * (an address prefix or phone hash never reaches the database in the clear); network layers are
 * keyed by network id, so each network has its own budget and a flood on one cannot starve
 * another. `scale` multiplies every limit (AMPARO_INTAKE_LIMIT_SCALE).
 */
export function createIntakeLimiter(options: IntakeLimiterOptions): IntakeLimiter {
  const scale = options.scale ?? 1;
  const limitOf = (layer: Layer) => Math.max(1, Math.round(layer.limit * scale));
  const local = new Map<LayerName, RateLimiter>();
  for (const name of perProcessLayers) {
    const layer: Layer = intakeLayers[name];
    local.set(
      name,
      createRateLimiter({ limit: limitOf(layer), windowMs: layer.windowMs, clock: options.clock }),
    );
  }

  // A shared counter refused in its window stays refused until the window ends (fixed windows only
  // grow), so this process remembers the refusal and answers the next attempts at that key without
  // the database: under a flood most attempts end here, at no cost to the database.
  const refusedUntil = new Map<string, number>();
  const sharedKeyOf = (name: LayerName, key: string) =>
    sharedLimitKey(options.crypto, `intake.${intakeLayers[name].name}`, key);
  function knownRefusal(plan: [LayerName, string | null][], now: number): IntakeDecision | null {
    for (const [name, key] of plan) {
      if (key === null || local.has(name)) continue;
      const until = refusedUntil.get(sharedKeyOf(name, key));
      if (until !== undefined && until > now) {
        return { isAllowed: false, retryAfterMs: until - now, layer: intakeLayers[name].name };
      }
    }
    return null;
  }
  function rememberRefusal(sharedKey: string, until: number, now: number): void {
    if (refusedUntil.size >= maxRememberedRefusals) {
      for (const [key, end] of refusedUntil) if (end <= now) refusedUntil.delete(key);
      if (refusedUntil.size >= maxRememberedRefusals) refusedUntil.clear();
    }
    refusedUntil.set(sharedKey, until);
  }

  async function take(db: Kysely<Database>, name: LayerName, key: string): Promise<RateLimitDecision> {
    const layer: Layer = intakeLayers[name];
    const inProcess = local.get(name);
    if (inProcess) return inProcess.consume(key);
    const sharedKey = sharedKeyOf(name, key);
    const decision = await takeSharedCount(db, options.clock, {
      key: sharedKey,
      limit: limitOf(layer),
      windowMs: layer.windowMs,
    });
    if (!decision.isAllowed) {
      const now = options.clock.now();
      rememberRefusal(sharedKey, now + decision.retryAfterMs, now);
    }
    return decision;
  }

  return {
    // One transaction for all layers of a check: one commit (one disk flush) instead of one per
    // layer. Layers are always taken in the same order, so concurrent checks cannot deadlock.
    check: async (attempt) => {
      const plan = planIntakeLayers(attempt);
      const known = knownRefusal(plan, options.clock.now());
      if (known) return known;
      return inCounterTransaction(options.db, options.dialect, async (trx): Promise<IntakeDecision> => {
        for (const [name, key] of plan) {
          if (key === null) continue;
          const decision = await take(trx, name, key);
          if (!decision.isAllowed) {
            return { isAllowed: false, retryAfterMs: decision.retryAfterMs, layer: intakeLayers[name].name };
          }
        }
        return { isAllowed: true, retryAfterMs: 0, layer: null };
      });
    },
  };
}

/** Which layers an attempt takes from, in order, with the key of each (null: skipped). */
export function planIntakeLayers(attempt: IntakeAttempt): [LayerName, string | null][] {
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

/** A ~1 km cell of a coarse point, or the ZIP code: the "area" a flood at one place fills. */
export function areaKeyOf(input: {
  point?: { lat: number; lon: number } | null;
  zip?: string | null;
}): string | null {
  if (input.point) return `cell:${Math.round(input.point.lat * 100)}:${Math.round(input.point.lon * 100)}`;
  if (input.zip) return `zip:${input.zip}`;
  return null;
}
