import { formatTime, t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { listAlerts } from '../api/alerts.ts';

export function AlertListPage() {
  const alerts = useResource(listAlerts, []);
  const list = alerts.data ?? [];
  return (
    <section class="panel" aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alerts.title')}</h1>
      <p class="hint">{t('alerts.howToDraft')}</p>
      <Notice message={alerts.error ? errorMessageOf(alerts.error, 'alerts.loadFailed') : null} />
      {list.length === 0 ? (
        <p class="empty">{t('alerts.empty')}</p>
      ) : (
        <ul class="alert-list">
          {list.map((alert) => (
            <li key={alert.id}>
              <a href={`#/alerts/${alert.id}`}>
                {alert.kind === 'alert' ? '' : `${t(`field.alertKind.${alert.kind}`)} · `}
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
