import { formatTime, t } from '../../../lib/i18n.ts';
import { errorMessageOf, messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useState } from 'preact/hooks';
import { useMemberNames } from '../../members/hooks/use-member-names.ts';
import { listAlerts } from '../api/alerts.ts';
import { AreaStopsPanel } from '../components/area-stops-panel.tsx';
import { StopBanner } from '../../crisis/components/stop-banner.tsx';
import { kindLabelOf } from '../kind-label.ts';

/** The network's alerts, newest first, under the areas a retraction stopped (to review). */
export function AlertListPage() {
  const alerts = useResource(listAlerts, []);
  const nameOf = useMemberNames();
  const [notice, setNotice] = useState<Message | null>(null);
  const list = alerts.data?.alerts ?? [];
  const shown = notice ?? (alerts.error ? errorMessageOf(alerts.error, 'alerts.loadFailed') : null);
  return (
    <section class="panel" aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alerts.title')}</h1>
      <p class="hint">{t('alerts.howToDraft')}</p>
      <Notice message={shown} />
      <StopBanner stopSwitch={alerts.data?.stopSwitch} nameOf={nameOf} />
      <AreaStopsPanel
        stops={alerts.data?.stopSwitch.areaStops ?? []}
        nameOf={nameOf}
        onReviewed={async () => {
          setNotice(messageOf('areaStops.reviewed'));
          await alerts.reload();
        }}
      />
      {list.length === 0 ? (
        <p class="empty">{t('alerts.empty')}</p>
      ) : (
        <ul class="alert-list">
          {list.map((alert) => (
            <li key={alert.id}>
              <a href={`#/alerts/${alert.id}`}>
                {alert.kind === 'alert' && alert.templateKey !== 'update' ? '' : `${kindLabelOf(alert)} · `}
                {t(`category.${alert.category}`)}
                {' · '}
                {t(`alertState.${alert.state}`)}
              </a>
              {` · ${formatTime(alert.draftedAt)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
