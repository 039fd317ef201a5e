import type { Network } from '../../identity/index.ts';
import type { AlertsTable } from './alert.tables.ts';

const hourMs = 60 * 60_000;

/**
 * When an alert stops being worth delivering: its approval plus the network's delivery window for
 * its urgency (`alertExpiryHoursUrgent` / `alertExpiryHoursUpdate`). Transient failures retry
 * until then, never a fixed number of times.
 */
export function deliveryExpiresAt(
  alert: Pick<AlertsTable, 'approved_at' | 'created_at' | 'urgency'>,
  network: Pick<Network, 'settings'>,
): number {
  const hours =
    alert.urgency === 'urgent'
      ? network.settings.alertExpiryHoursUrgent
      : network.settings.alertExpiryHoursUpdate;
  return (alert.approved_at ?? alert.created_at) + hours * hourMs;
}

export interface RetryTiming {
  /** The longest pause between tries (about a minute in production). */
  capMs: number;
  random: () => number;
}

/**
 * The pause after the `failures`-th transient failure in a row: exponential from one second with
 * "equal jitter" (half fixed, half random), capped, and never shorter than what the provider asked
 * for with `Retry-After`.
 */
export function retryDelayMs(
  failures: number,
  retryAfterMs: number | undefined,
  timing: RetryTiming,
): number {
  const baseMs = Math.min(1_000, timing.capMs);
  const ceiling = Math.min(timing.capMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  const jittered = Math.round(ceiling / 2 + timing.random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
