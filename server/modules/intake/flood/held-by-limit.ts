import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { countSharedEvent, readSharedEventCounts } from '../../../platform/limits/index.ts';
import type { FlowMinute, HeldByLimit, IntakeFlow } from './flood-mode.contract.ts';
import { countAcceptedReportsPerMinute } from './intake-flow.repository.ts';
import { intakeLayers } from './intake-limits.ts';

/** Reports held by a limit are counted per network and minute, and kept an hour. */
export const heldWindowMs = 60 * 1000;
const heldKeepMs = 60 * 60 * 1000;
/** How far back the crisis screen looks. */
export const heldShownMs = 15 * 60 * 1000;

/** The counter key of reports a layer held for a network (a network id is not personal data). */
function heldCounterKey(networkId: string, layer: string): string {
  return `intake.held.${layer}:${networkId}`;
}

/** Counts one report a layer (`unknown.source`, `flood.network`…) held back, shared by every process. */
export function countHeldReport(
  db: Kysely<Database>,
  input: { networkId: string; layer: string; now: number },
): Promise<void> {
  return countSharedEvent(db, {
    key: heldCounterKey(input.networkId, input.layer),
    now: input.now,
    windowMs: heldWindowMs,
    keepMs: heldKeepMs,
  });
}

/**
 * Reports the limits held back for one network in each recent minute, by what held them: too many
 * from one source, from one place, or the network's (or the server's) whole budget. Counts only:
 * nothing about who sent them.
 */
export async function readHeldByLimit(
  db: Kysely<Database>,
  networkId: string,
  now: number,
): Promise<HeldByLimit> {
  const layers = Object.values(intakeLayers).map((layer) => layer.name);
  const keys = new Map(layers.map((layer) => [heldCounterKey(networkId, layer), layer]));
  const rows = await readSharedEventCounts(db, {
    keys: [...keys.keys()],
    since: now - (now % heldWindowMs) - heldShownMs + heldWindowMs,
  });
  const minutes = new Map<number, HeldByLimit['minutes'][number]>();
  for (const row of rows) {
    const minute = minutes.get(row.windowStart) ?? {
      startsAt: row.windowStart,
      total: 0,
      bySource: 0,
      byPlace: 0,
      byBudget: 0,
    };
    const kind = keys.get(row.key)?.split('.')[1];
    if (kind === 'source') minute.bySource += row.count;
    else if (kind === 'area') minute.byPlace += row.count;
    else minute.byBudget += row.count;
    minute.total += row.count;
    minutes.set(row.windowStart, minute);
  }
  return {
    windowMs: heldWindowMs,
    shownMs: heldShownMs,
    minutes: [...minutes.values()].sort((a, b) => b.startsAt - a.startsAt),
  };
}

/**
 * Flood mode's effect for the crisis screen: per minute of the last quarter hour, the reports the
 * network stored and those the limits held back (`held`, from readHeldByLimit). Counts only, from
 * stored data.
 */
export async function readIntakeFlow(
  db: Kysely<Database>,
  networkId: string,
  now: number,
  held: HeldByLimit,
): Promise<IntakeFlow> {
  const firstMinute = now - (now % heldWindowMs) - heldShownMs + heldWindowMs;
  const accepted = await countAcceptedReportsPerMinute(db, {
    networkId,
    since: firstMinute,
    windowMs: heldWindowMs,
  });
  const heldAt = new Map(held.minutes.map((minute) => [minute.startsAt, minute.total]));
  const acceptedAt = new Map(accepted.map((minute) => [minute.startsAt, minute.count]));
  const minutes: FlowMinute[] = [];
  for (let startsAt = firstMinute; startsAt <= now; startsAt += heldWindowMs) {
    minutes.push({ startsAt, accepted: acceptedAt.get(startsAt) ?? 0, held: heldAt.get(startsAt) ?? 0 });
  }
  return { windowMs: heldWindowMs, shownMs: heldShownMs, minutes };
}
