import { findNetworkById, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { AlertDeps } from './alert.deps.ts';
import { alertReaders, requireAlertOfNetwork } from './alert.policy.ts';
import type { AlertDeliveryStatus, ChannelDeliveryStatus } from './alert.contract.ts';
import { deliveryChannels } from './alert.tables.ts';
import type { DeliveryChannel, DeliveryChannelStatesTable } from './alert.tables.ts';
import { listChannelStates } from './channel-state.repository.ts';
import { channelKeyOf } from './delivery-breaker.service.ts';
import { countDeliveryStatuses, listDeliveryReportRows } from './delivery.repository.ts';
import { deliveryExpiresAt } from './delivery-retry.ts';

/** Push and email sends per second a worker manages about (lane slots over a typical answer time). */
const assumedPerSecond: Record<Exclude<DeliveryChannel, 'sms'>, number> = { push: 20, email: 5 };

/**
 * An alert's delivery as its coordinators watch it: per channel queued, throttled, sent,
 * delivered, failed with reasons; the provider's state (its circuit breaker) and an estimate of
 * the time left.
 */
export async function getDeliveryStatus(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<AlertDeliveryStatus> {
  requireRole(principal, alertReaders);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  const network = await findNetworkById(deps.db, alert.network_id);
  const now = deps.clock.now();
  const channels = Object.fromEntries(deliveryChannels.map((channel) => [channel, emptyChannel()])) as Record<
    DeliveryChannel,
    ChannelDeliveryStatus
  >;
  const pending = Object.fromEntries(deliveryChannels.map((channel) => [channel, 0])) as Record<
    DeliveryChannel,
    number
  >;
  for (const row of await countDeliveryStatuses(deps.db, alert.id)) {
    const channel = channels[row.channel];
    if (row.status === 'pending') pending[row.channel] += row.count;
    if (row.status === 'pending' || row.status === 'held') {
      channel.queued += row.count;
      if (row.isRetrying) channel.throttled += row.count;
    } else if (row.status === 'failed') {
      channel.failed += row.count;
      const reason = row.errorCode ?? 'unknown';
      channel.failureReasons[reason] = (channel.failureReasons[reason] ?? 0) + row.count;
    } else {
      channel[row.status] += row.count;
    }
    if (row.providerStatus === 'delivered' || row.providerStatus === 'read') channel.delivered += row.count;
  }
  const states = await listChannelStates(deps.db);
  for (const name of deliveryChannels) {
    const channel = channels[name];
    channel.provider = providerOf(states, name, now);
    // While the provider refuses, every pending send waits for it, not only those it has refused:
    // the breaker lets one probe through and holds the rest.
    if (channel.provider.state !== 'healthy') channel.throttled = pending[name];
    channel.etaSeconds = estimateSeconds(name, channel, {
      smsPerSecond: Math.min(deps.smsRatePerSecond, network?.settings.smsPerSecond ?? deps.smsRatePerSecond),
      now,
    });
  }
  return {
    alertId: alert.id,
    expiresAt: network && alert.approved_at !== null ? deliveryExpiresAt(alert, network) : null,
    channels,
  };
}

function emptyChannel(): ChannelDeliveryStatus {
  return {
    queued: 0,
    throttled: 0,
    sending: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    failureReasons: {},
    uncertain: 0,
    suppressed: 0,
    provider: { state: 'healthy', pausedUntil: null, lastErrorCode: null },
    etaSeconds: null,
  };
}

/** SMS and email have one breaker each; push has one per push service: the worst one shows. */
function providerOf(
  states: DeliveryChannelStatesTable[],
  channel: DeliveryChannel,
  now: number,
): ChannelDeliveryStatus['provider'] {
  const rank = { healthy: 0, throttled: 1, down: 2 } as const;
  const mine = states.filter((state) =>
    channel === 'push' ? state.key.startsWith('push:') : state.key === channelKeyOf(channel, ''),
  );
  const worst = mine.sort((a, b) => rank[b.state] - rank[a.state])[0];
  if (!worst || worst.state === 'healthy')
    return { state: 'healthy', pausedUntil: null, lastErrorCode: null };
  return {
    state: worst.state,
    pausedUntil: worst.paused_until !== null && worst.paused_until > now ? worst.paused_until : null,
    lastErrorCode: worst.last_error_code,
  };
}

function estimateSeconds(
  name: DeliveryChannel,
  channel: ChannelDeliveryStatus,
  input: { smsPerSecond: number; now: number },
): number | null {
  const waiting = channel.queued + channel.sending + channel.uncertain;
  if (waiting === 0) return null;
  const perSecond = name === 'sms' ? input.smsPerSecond : assumedPerSecond[name];
  const pause = channel.provider.pausedUntil === null ? 0 : (channel.provider.pausedUntil - input.now) / 1000;
  return Math.ceil(pause + waiting / perSecond);
}

const reportColumns = [
  'delivery',
  'channel',
  'language',
  'status',
  'attempts',
  'reason',
  'provider_status',
  'created_at',
  'sent_at',
  'updated_at',
] as const;

/**
 * The delivery report as CSV: one line per delivery with its channel, language, status, attempts,
 * failure reason and times, and nothing that identifies a recipient (no contact, no recipient id).
 */
export async function exportDeliveryReport(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<string> {
  requireRole(principal, alertReaders);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  const lines: string[] = [reportColumns.join(',')];
  const iso = (time: number | null) => (time === null ? '' : new Date(time).toISOString());
  let after: string | null = null;
  for (;;) {
    const rows = await listDeliveryReportRows(deps.db, alert.id, after, 1000);
    for (const row of rows) {
      lines.push(
        [
          row.id,
          row.channel,
          row.language,
          row.status,
          String(row.attempts),
          row.error_code ?? '',
          row.provider_status ?? '',
          iso(row.created_at),
          iso(row.sent_at),
          iso(row.updated_at),
        ]
          .map(csvField)
          .join(','),
      );
    }
    if (rows.length < 1000) break;
    after = rows[rows.length - 1]!.id;
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Quotes a field when needed, and defuses spreadsheet formulas (CSV injection). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
