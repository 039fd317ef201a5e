import { t } from '../../../lib/i18n.ts';
import { listOf } from '../../../lib/list-of.ts';
import { deliveryReportUrl } from '../api/alerts.ts';
import type { ChannelDeliveryStatus, DeliveryChannel } from '../api/types.ts';
import { useDeliveryStatus } from '../hooks/use-delivery-status.ts';

const channels = listOf<DeliveryChannel>()(['sms', 'push', 'email']);
const counts = ['queued', 'throttled', 'sent', 'delivered', 'failed'] as const;

function ChannelRow(props: { channel: DeliveryChannel; status: ChannelDeliveryStatus }) {
  const { channel, status } = props;
  const reasons = Object.entries(status.failureReasons);
  return (
    <tr data-channel={channel}>
      <th scope="row">{t(`alerts.delivery.channel.${channel}`)}</th>
      {counts.map((count) => (
        <td key={count} data-count={count}>
          {status[count]}
        </td>
      ))}
      <td data-provider-state={status.provider.state}>
        {t(`alerts.delivery.provider.${status.provider.state}`)}
      </td>
      <td data-eta>
        {status.etaSeconds === null ? '—' : t('alerts.delivery.eta', { seconds: status.etaSeconds })}
      </td>
      <td data-reasons>{reasons.map(([reason, count]) => `${reason} × ${count}`).join(', ')}</td>
    </tr>
  );
}

/** The alert's delivery, live: per channel the counts, the provider's state and the time left. */
export function DeliveryStatusPanel(props: { alertId: string }) {
  const status = useDeliveryStatus(props.alertId);
  if (!status.data) return null;
  const data = status.data;
  return (
    <section class="panel" aria-labelledby="delivery-status-title" data-delivery-status>
      <h2 id="delivery-status-title">{t('alerts.delivery.title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('alerts.delivery.channel')}</th>
            {counts.map((count) => (
              <th scope="col" key={count}>
                {t(`alerts.delivery.count.${count}`)}
              </th>
            ))}
            <th scope="col">{t('alerts.delivery.providerState')}</th>
            <th scope="col">{t('alerts.delivery.etaHeading')}</th>
            <th scope="col">{t('alerts.delivery.reasons')}</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <ChannelRow key={channel} channel={channel} status={data.channels[channel]} />
          ))}
        </tbody>
      </table>
      <p>
        <a href={deliveryReportUrl(props.alertId)} download data-delivery-report>
          {t('alerts.delivery.report')}
        </a>
      </p>
    </section>
  );
}
