import type { RouteParams } from '../../../app/routes.tsx';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useMemberNames } from '../../members/hooks/use-member-names.ts';
import { getAlertPreview } from '../api/alerts.ts';
import type { AlertPreview, PresentedAlert } from '../api/types.ts';
import { AlertThread } from '../components/alert-thread.tsx';
import { ApprovalPanel } from '../components/approval-panel.tsx';
import { DeliveryStatusPanel } from '../components/delivery-status-panel.tsx';
import { FrozenPreview } from '../components/frozen-preview.tsx';
import { OverridePanel } from '../components/override-panel.tsx';
import { kindLabelOf } from '../kind-label.ts';

function AlertTitle(props: { alert: PresentedAlert }) {
  const { alert } = props;
  return (
    <h1 id="alert-title">
      {alert.kind === 'alert' && alert.templateKey !== 'update' ? t('alerts.alertTitle') : kindLabelOf(alert)}
      {' · '}
      <span class="badge" data-alert-state={alert.state}>
        {t(`alertState.${alert.state}`)}
      </span>
    </h1>
  );
}

/** How many people it reaches, per channel, and how long the texts take to leave. */
function RecipientsLine(props: { preview: AlertPreview }) {
  const { recipients, sms } = props.preview;
  const channels = (['sms', 'email', 'push'] as const).filter((channel) => (recipients[channel] ?? 0) > 0);
  return (
    <p id="alert-recipients">
      {t('alerts.recipients', { count: recipients.total })}
      {channels.length > 0
        ? ` (${channels.map((channel) => t(`recipients.${channel}`, { count: recipients[channel] })).join(', ')})`
        : null}
      {recipients.sms > 0
        ? ` · ${t('recipients.smsTime', { seconds: Math.ceil(sms.estimatedSeconds) })}`
        : null}
    </p>
  );
}

/**
 * One alert: its frozen texts in every language and channel with their fingerprint, approval by a
 * different coordinator (after a fresh second factor), and its thread with the follow-ups.
 */
export function AlertPage(props: { params: RouteParams }) {
  const alertId = props.params.alertId!;
  const preview = useResource(() => getAlertPreview(alertId), [alertId]);
  const nameOf = useMemberNames();
  const loadFailure = preview.error ? errorMessageOf(preview.error, 'alerts.loadFailed') : null;

  if (!preview.data)
    return (
      <section class="panel">
        <h1>{t('alerts.alertTitle')}</h1>
        <p>{loadFailure?.render() ?? t('app.loading')}</p>
      </section>
    );
  const { alert } = preview.data;
  const reload = () => preview.reload();
  return (
    <section class="panel wide" aria-labelledby="alert-title">
      <p>
        <a href="#/alerts">{t('alerts.back')}</a>
      </p>
      <AlertTitle alert={alert} />
      {alert.status === 'exercise' ? <p class="notice">{t('alerts.exercise')}</p> : null}
      <RecipientsLine preview={preview.data} />
      <Notice message={loadFailure} />
      <OverridePanel alert={alert} nameOf={nameOf} onChanged={reload} />
      <FrozenPreview preview={preview.data} nameOf={nameOf} />
      <ApprovalPanel preview={preview.data} onChanged={reload} />
      {alert.state === 'approved' ? <DeliveryStatusPanel alertId={alert.id} /> : null}
      <AlertThread
        key={alert.state}
        alertId={alert.id}
        languages={preview.data.languages.map((message) => message.language)}
        retractionText={preview.data.retractionText}
        areaNames={alert.area.areaNames}
        onChanged={() => void reload()}
      />
    </section>
  );
}
