import { t } from '../../../platform/i18n/index.ts';
import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { countRecipients } from '../subscriptions/index.ts';
import { countExerciseRecipientMembers } from './alert-sources.repository.ts';
import type { AlertDeps } from './alert.deps.ts';
import { requireNetwork } from './alert-drafting.service.ts';
import { alertReaders, requireAlertOfNetwork } from './alert.policy.ts';
import { publishedMessagesOf } from './alert-content.ts';
import { presentAlert, presentContent } from './alert-presenter.ts';
import type { AlertPreview } from './alert.contract.ts';
import type { AlertsTable, DeliveryChannel } from './alert.tables.ts';
import { countRecipientsOfAlert, sendBacklogMs } from './delivery.repository.ts';
import { countSmsSegments } from './sms-segments.ts';

export type { AlertPreview } from './alert.contract.ts';

/**
 * What approving would send, exactly: the frozen texts of every language (never re-rendered
 * here), their hash, SMS segments, recipients per channel and the send time.
 */
export async function previewAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<AlertPreview> {
  requireRole(principal, alertReaders);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  const network = await requireNetwork(deps, principal.networkId);
  const messages = publishedMessagesOf(alert);
  const counted = await recipientsOf(deps, alert);
  const rate = Math.min(deps.smsRatePerSecond, network.settings.smsPerSecond);
  // In the network's order of languages (the frozen JSON keeps its keys sorted).
  const ordered = [
    ...network.languages.flatMap((language) => (messages[language] ? [messages[language]] : [])),
    ...Object.values(messages).filter((message) => !network.languages.includes(message.language)),
  ];
  const languages = ordered.map((message) => ({
    ...message,
    smsSegments: countSmsSegments(message.sms),
    recipients: counted.byLanguage[message.language] ?? 0,
  }));
  const queuedAheadMs = await sendBacklogMs(deps.db, ['sms', `sms:${network.id}`], deps.clock.now());
  const sms = counted.byChannel.sms;
  return {
    alert: presentAlert(alert),
    content: presentContent(alert),
    languages,
    retractionText: Object.fromEntries(
      network.languages.map((language) => [language, t(language, 'alerts.retraction.text')]),
    ),
    recipients: {
      ...counted.byChannel,
      exerciseMembers: counted.exerciseMembers,
      total:
        counted.byChannel.sms + counted.byChannel.push + counted.byChannel.email + counted.exerciseMembers,
    },
    sms: {
      ratePerSecond: rate,
      queuedAheadSeconds: Math.ceil(queuedAheadMs / 1000),
      estimatedSeconds: Math.ceil(queuedAheadMs / 1000 + sms / rate),
    },
  };
}

async function recipientsOf(
  deps: AlertDeps,
  alert: AlertsTable,
): Promise<{
  byChannel: Record<DeliveryChannel, number>;
  byLanguage: Record<string, number>;
  exerciseMembers: number;
}> {
  if (alert.kind !== 'alert') {
    return {
      byChannel: await countRecipientsOfAlert(deps.db, alert.thread_id),
      byLanguage: {},
      exerciseMembers: 0,
    };
  }
  const counts = await countRecipients(deps.db, {
    networkId: alert.network_id,
    zip: alert.zip,
    point: { lat: alert.lat, lon: alert.lon },
    isExerciseOnly: alert.status === 'exercise',
    requiresUpdates: alert.urgency === 'update',
  });
  const exerciseMembers =
    alert.status === 'exercise' ? await countExerciseRecipientMembers(deps.db, alert.network_id) : 0;
  return { ...counts, exerciseMembers };
}
