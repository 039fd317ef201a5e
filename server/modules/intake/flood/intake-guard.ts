import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { addressPrefixKey } from '../../../platform/http/rate-limiter.ts';
import type { FieldCrypto } from '../../../platform/crypto/index.ts';
import { takeSharedLimits } from '../../../platform/limits/index.ts';
import { countHeldReport } from './held-by-limit.ts';
import { readFloodMode } from './flood-mode.service.ts';
import { areaKeyOf, createIntakeLimiter } from './intake-limits.ts';
import type { IntakeDecision, IntakeLane } from './intake-limits.ts';
import { hasGenuineReportFrom } from './known-reporter.repository.ts';

/** A phone becomes "known" by a report at least this old (a fresh junk number cannot vouch for itself). */
export const knownReporterMinimumAgeMs = 60 * 60 * 1000;
const floodModeCacheMs = 2000;
/** Texts one phone may get answers to per window: a conversation, a few offers, never a bill. */
export const smsRepliesPerPhone = 30;
const smsReplyWindowMs = 10 * 60 * 1000;
const knownCacheMs = 60 * 1000;
const knownCacheSize = 50_000;

type Point = { lat: number; lon: number };

export interface IntakeGuard {
  /** The public form and JSON API. `address` is the client's IP: reduced to a prefix, kept in memory only. */
  admitWeb(input: {
    networkId: string;
    address: string;
    point?: Point | null;
    zip?: string | null;
  }): Promise<void>;
  /** The SMS hotline: `phoneHash` is the texter's blind index. */
  admitPhone(input: { networkId: string; phoneHash: string | null; zip?: string | null }): Promise<void>;
  /**
   * Every SMS that would get a reply, whatever branch answers it (reports, keywords, responder
   * replies, help), except opt-outs: a per-phone budget counted in the database, so it holds
   * across app processes and every reply the network pays for is bounded (issue 27).
   */
  admitSmsReply(input: { networkId: string; phoneHash: string }): Promise<void>;
  /** A signed-in operator entering a call. */
  admitOperator(input: { networkId: string; memberId: string }): Promise<void>;
  /** Flood mode changed in this process (other processes see it within two seconds). */
  noteFloodMode(networkId: string, isOn: boolean): void;
  /** Whether a phone counts as a known reporter (cached for a minute). */
  isKnownReporter(networkId: string, phoneHash: string): Promise<boolean>;
}

export interface IntakeGuardDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  scale?: number;
}

/**
 * Layered limits for every intake channel (issue 4 §6). Throws RATE_LIMITED (429, Retry-After)
 * when a layer refuses. Flood mode and "known reporter" are read from the database and cached
 * briefly, so a flood costs at most one indexed read per new source.
 */
export function createIntakeGuard(deps: IntakeGuardDeps): IntakeGuard {
  const limiter = createIntakeLimiter(deps);
  const floodModes = new Map<string, { isOn: boolean; readAt: number }>();
  const known = new Map<string, { isKnown: boolean; readAt: number }>();

  async function isFloodMode(networkId: string): Promise<boolean> {
    const now = deps.clock.now();
    const cached = floodModes.get(networkId);
    if (cached && now - cached.readAt < floodModeCacheMs) return cached.isOn;
    const { isOn } = await readFloodMode(deps.db, networkId);
    floodModes.set(networkId, { isOn, readAt: now });
    return isOn;
  }

  async function isKnownReporter(networkId: string, phoneHash: string): Promise<boolean> {
    const now = deps.clock.now();
    const key = `${networkId}|${phoneHash}`;
    const cached = known.get(key);
    if (cached && now - cached.readAt < knownCacheMs) return cached.isKnown;
    const isKnown = await hasGenuineReportFrom(deps.db, {
      networkId,
      sourceHash: phoneHash,
      before: now - knownReporterMinimumAgeMs,
    });
    if (known.size >= knownCacheSize) known.clear();
    known.set(key, { isKnown, readAt: now });
    return isKnown;
  }

  async function enforce(networkId: string, decision: IntakeDecision): Promise<void> {
    if (decision.isAllowed) return;
    await countHeldReport(deps.db, { networkId, layer: decision.layer ?? 'unknown', now: deps.clock.now() });
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new AppError(
      'RATE_LIMITED',
      'Too many reports are arriving right now. Please wait a moment and try again; if it is urgent, call the hotline.',
      [],
      { 'retry-after': String(seconds) },
    );
  }

  return {
    async admitWeb(input) {
      const isFlood = await isFloodMode(input.networkId);
      await enforce(
        input.networkId,
        await limiter.check({
          networkId: input.networkId,
          lane: 'unknown',
          sourceKey: `web:${addressPrefixKey(input.address)}`,
          areaKey: areaKeyOf({ point: input.point, zip: input.zip }),
          isFloodMode: isFlood,
        }),
      );
    },
    async admitPhone(input) {
      const lane: IntakeLane =
        input.phoneHash !== null && (await isKnownReporter(input.networkId, input.phoneHash))
          ? 'known'
          : 'unknown';
      const isFlood = lane === 'unknown' && (await isFloodMode(input.networkId));
      await enforce(
        input.networkId,
        await limiter.check({
          networkId: input.networkId,
          lane,
          sourceKey: input.phoneHash === null ? null : `phone:${input.phoneHash}`,
          areaKey: areaKeyOf({ zip: input.zip }),
          isFloodMode: isFlood,
        }),
      );
    },
    async admitSmsReply(input) {
      await takeSharedLimits(deps.db, deps.clock, [
        {
          key: `sms-replies:${input.networkId}:${input.phoneHash}`,
          limit: Math.max(1, Math.round(smsRepliesPerPhone * (deps.scale ?? 1))),
          windowMs: smsReplyWindowMs,
        },
      ]);
    },
    async admitOperator(input) {
      await enforce(
        input.networkId,
        await limiter.check({
          networkId: input.networkId,
          lane: 'operator',
          sourceKey: `member:${input.memberId}`,
          areaKey: null,
          isFloodMode: false,
        }),
      );
    },
    noteFloodMode(networkId, isOn) {
      floodModes.set(networkId, { isOn, readAt: deps.clock.now() });
    },
    isKnownReporter,
  };
}

const guards = new WeakMap<PlatformContext, IntakeGuard>();

/**
 * The one guard of an app (the form, the JSON API, operator entry and the SMS webhook share its
 * budgets). Source, area and network limits are counted in the database, so several app processes
 * share them; only the global layers, which protect the process itself, are per process.
 */
export function intakeGuardFor(context: PlatformContext): IntakeGuard {
  let guard = guards.get(context);
  if (!guard) {
    guard = createIntakeGuard({
      db: context.database.db,
      dialect: context.database.dialect,
      clock: context.clock,
      crypto: context.crypto,
      scale: context.config.intake.limitScale,
    });
    guards.set(context, guard);
  }
  return guard;
}
