import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { DeliveryChannel } from './alert.tables.ts';
import {
  findChannelState,
  markChannelFailed,
  markChannelHealthy,
  takeChannelProbe,
} from './channel-state.repository.ts';
import { retryDelayMs } from './delivery-retry.ts';
import type { RetryTiming } from './delivery-retry.ts';
import type { SendOutcome } from './delivery-send.ts';

/**
 * The circuit breaker of a provider channel (docs/adr/0021): a throttled or failing provider
 * pauses its whole channel instead of every delivery hammering it on its own schedule; when the
 * pause ends one send goes through as a probe (half-open), and its answer reopens the channel or
 * pauses it again, longer. The configured send rate still applies after it reopens.
 */

/** One breaker per provider account and channel: Twilio and SMTP are one each; push per push service. */
export function channelKeyOf(channel: DeliveryChannel, contact: string): string {
  if (channel !== 'push') return channel;
  try {
    const { endpoint } = JSON.parse(contact) as { endpoint?: string };
    return `push:${new URL(endpoint ?? '').origin}`;
  } catch {
    return 'push:unknown';
  }
}

export type Gate = { action: 'go' } | { action: 'wait'; until: number };

/** Waits after a probe was taken by another send: its answer usually comes within a second. */
const probeWaitMs = 500;

export async function passChannelGate(
  trx: Kysely<Database>,
  key: string,
  input: { now: number; probeLeaseMs: number; random: () => number },
): Promise<Gate> {
  const state = await findChannelState(trx, key);
  if (!state || state.state === 'healthy') return { action: 'go' };
  const spread = Math.round(input.random() * 1_000);
  if (state.paused_until !== null && state.paused_until > input.now) {
    // Spread the queue over a second after the pause, so the probe goes first and alone.
    return { action: 'wait', until: state.paused_until + spread };
  }
  const isProbe = await takeChannelProbe(trx, key, {
    now: input.now,
    probeUntil: input.now + input.probeLeaseMs,
  });
  return isProbe ? { action: 'go' } : { action: 'wait', until: input.now + probeWaitMs + spread };
}

/** Whether an outcome says the provider is in trouble (rather than answering about one recipient). */
export function isProviderTrouble(outcome: SendOutcome): boolean {
  return outcome.kind === 'retryable' || outcome.kind === 'ambiguous';
}

export async function recordChannelAnswer(
  trx: Kysely<Database>,
  input: { key: string; channel: DeliveryChannel; outcome: SendOutcome; now: number; timing: RetryTiming },
): Promise<void> {
  const { outcome } = input;
  if (outcome.kind !== 'retryable' && outcome.kind !== 'ambiguous') {
    await markChannelHealthy(trx, input.key, input.now);
    return;
  }
  const isThrottled = /_(429|20429)$/.test(outcome.code);
  const retryAfterMs = outcome.kind === 'retryable' ? outcome.retryAfterMs : undefined;
  await markChannelFailed(trx, {
    key: input.key,
    channel: input.channel,
    state: isThrottled ? 'throttled' : 'down',
    last_error_code: outcome.code,
    updated_at: input.now,
    pauseFor: (failures) => retryDelayMs(failures, retryAfterMs, input.timing),
  });
}
