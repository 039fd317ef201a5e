import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { AlertDeps } from './alert.deps.ts';
import { alertReaders, requireAlertOfNetwork } from './alert.policy.ts';
import { presentAlert, presentContent } from './alert-presenter.ts';
import type {
  AlertList,
  AlertThread,
  AlertWithDeliveries,
  ChannelSummary,
  DeliverySummary,
} from './alert.contract.ts';
import { listAlertsOfNetwork, listAlertsOfThread } from './alert.repository.ts';
import { deliveryChannels, deliveryStatuses } from './alert.tables.ts';
import type { DeliveryChannel, DeliveryStatus } from './alert.tables.ts';
import { countDeliveries } from './delivery.repository.ts';
import { readAreaStops, readStopSwitch } from './stop-switch.service.ts';
import { readAreaSwitches } from './area-switch.service.ts';

export type { ChannelSummary, DeliverySummary } from './alert.contract.ts';

export async function listAlerts(
  deps: AlertDeps,
  principal: Principal,
  query: { limit: number },
): Promise<AlertList> {
  requireRole(principal, alertReaders);
  const [stopSwitch, areaStops, areaSwitches, rows] = await Promise.all([
    readStopSwitch(deps, principal.networkId),
    readAreaStops(deps.db, principal.networkId),
    readAreaSwitches(deps, principal.networkId),
    listAlertsOfNetwork(deps.db, principal.networkId, query.limit),
  ]);
  return { stopSwitch: { ...stopSwitch, areaStops, areaSwitches }, alerts: rows.map(presentAlert) };
}

/**
 * Every message of an alert's thread, oldest first: the original, its corrections (drafts too) and
 * its cancellation, so a coordinator sees the whole history from any of them.
 */
export async function getAlertThread(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<AlertThread> {
  requireRole(principal, alertReaders);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  const rows = await listAlertsOfThread(deps.db, alert.thread_id);
  return { alerts: rows.filter((row) => row.network_id === principal.networkId).map(presentAlert) };
}

/**
 * An alert with its frozen content (every public text and the CAP document, with the hash an
 * approval must name) and its delivery counts per channel and status (failures visible per channel).
 */
export async function getAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<AlertWithDeliveries> {
  requireRole(principal, alertReaders);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  const summary = emptySummary();
  for (const row of await countDeliveries(deps.db, alert.id)) {
    const channel = summary.byChannel[row.channel];
    channel[row.status] += row.count;
    channel.total += row.count;
    if (row.providerStatus === 'delivered' || row.providerStatus === 'read') channel.delivered += row.count;
    if (row.providerStatus === 'undelivered' || row.providerStatus === 'failed')
      channel.undelivered += row.count;
    summary.total += row.count;
  }
  return { alert: presentAlert(alert), content: presentContent(alert), deliveries: summary };
}

function emptySummary(): DeliverySummary {
  const channel = (): ChannelSummary => ({
    ...(Object.fromEntries(deliveryStatuses.map((status) => [status, 0])) as Record<DeliveryStatus, number>),
    total: 0,
    delivered: 0,
    undelivered: 0,
  });
  return {
    total: 0,
    byChannel: Object.fromEntries(deliveryChannels.map((name) => [name, channel()])) as Record<
      DeliveryChannel,
      ChannelSummary
    >,
  };
}
