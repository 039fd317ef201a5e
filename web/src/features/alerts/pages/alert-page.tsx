import type { RouteParams } from '../../../app/routes.tsx';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { useSession } from '../../auth/session.ts';
import { approveAlert, getAlertPreview } from '../api/alerts.ts';
import type { PresentedAlert } from '../api/types.ts';
import { AlertThread } from '../components/alert-thread.tsx';
import { PreviewCard } from '../components/preview-card.tsx';

function AlertTitle(props: { alert: PresentedAlert }) {
  const { alert } = props;
  return (
    <h1 id="alert-title">
      {alert.kind === 'alert' ? t('alerts.alertTitle') : t(`field.alertKind.${alert.kind}`)}
      {' · '}
      <span class="badge" data-alert-state={alert.state}>
        {t(`alertState.${alert.state}`)}
      </span>
    </h1>
  );
}

/** Preview in every language, then approval by a different coordinator after a fresh second factor. */
export function AlertPage(props: { params: RouteParams }) {
  const alertId = props.params.alertId!;
  const session = useSession();
  const preview = useResource(() => getAlertPreview(alertId), [alertId]);
  const approval = useAction();
  const stepUp = useStepUp({ hint: t('alerts.stepUpHint'), confirmLabel: t('alerts.confirmApprove') });
  const loadFailure = preview.error ? errorMessageOf(preview.error, 'alerts.loadFailed') : null;

  // A STEP_UP_REQUIRED answer opens the shared step-up dialog, then approves again.
  const approve = async () => {
    await approval.run(() => stepUp.run(() => approveAlert(alertId)), { done: 'alerts.approved' });
    await preview.reload();
  };

  if (!preview.data)
    return (
      <section class="panel">
        <h1>{t('alerts.alertTitle')}</h1>
        <p>{(approval.message ?? loadFailure)?.render() ?? t('app.loading')}</p>
      </section>
    );
  const { alert, languages, recipients } = preview.data;
  return (
    <section class="panel" aria-labelledby="alert-title">
      <p>
        <a href="#/alerts">{t('alerts.back')}</a>
      </p>
      <AlertTitle alert={alert} />
      {alert.status === 'exercise' ? <p class="notice">{t('alerts.exercise')}</p> : null}
      <p>{t('alerts.recipients', { count: recipients.total })}</p>
      <Notice message={approval.message ?? loadFailure} />
      <h2>{t('alerts.preview')}</h2>
      <div class="previews">
        {languages.map((message) => (
          <PreviewCard key={message.language} message={message} />
        ))}
      </div>
      {alert.state !== 'draft' ? null : alert.draftedBy === session.memberId ? (
        <p class="hint">{t('alerts.needsOtherApprover')}</p>
      ) : (
        <button type="button" class="button" id="approve-alert" onClick={() => void approve()}>
          {t('alerts.approve')}
        </button>
      )}
      <AlertThread
        key={alert.state}
        alertId={alert.id}
        languages={languages.map((message) => message.language)}
        onChanged={() => void preview.reload()}
      />
      {stepUp.dialog}
    </section>
  );
}
