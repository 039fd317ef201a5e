import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { getLegalHold, liftLegalHold, placeLegalHold } from '../api/legal-hold.ts';

/**
 * The incident's legal hold (issue 15 §2): without one, its evidence is deleted a while after the
 * incident closes; a coordinator places one (with a reason, after a passkey step-up), reviews it
 * every 90 days (an overdue review is shown), or lifts it.
 */
export function LegalHoldPanel(props: { incidentId: string }) {
  const { incidentId } = props;
  const isCoordinator = hasRole(useSession(), 'coordinator');
  const hold = useResource(() => getLegalHold(incidentId), [incidentId]);
  const stepUp = useStepUp();
  const action = useAction();
  const [reason, setReason] = useState('');
  const current = hold.data?.legalHold ?? null;

  const change = async (step: () => Promise<unknown>, doneKey: string) => {
    if (!(await action.succeeds(() => stepUp.run(step), { done: doneKey }))) return;
    setReason('');
    await hold.reload();
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void change(
      () => placeLegalHold(incidentId, reason),
      current ? 'legalHold.reviewedDone' : 'legalHold.placedDone',
    );
  };
  if (!hold.data) return null;
  return (
    <section
      class="panel"
      id="legal-hold"
      aria-labelledby="legal-hold-title"
      data-legal-hold={current ? (current.isReviewOverdue ? 'overdue' : 'held') : 'none'}
    >
      <h2 id="legal-hold-title">{t('legalHold.title')}</h2>
      <Notice message={action.message} id="legal-hold-notice" />
      {current ? (
        <>
          <p>{t('legalHold.held', { time: formatTime(current.placedAt) })}</p>
          <p dir="auto" id="legal-hold-reason">
            {current.reason === null
              ? t('legalHold.reasonUnreadable')
              : t('legalHold.reason', { reason: current.reason })}
          </p>
          <p id="legal-hold-review" role={current.isReviewOverdue ? 'alert' : undefined}>
            {t(current.isReviewOverdue ? 'legalHold.reviewOverdue' : 'legalHold.reviewDue', {
              time: formatTime(current.reviewDueAt),
            })}
          </p>
        </>
      ) : (
        <p>{t('legalHold.none')}</p>
      )}
      {isCoordinator ? (
        <form onSubmit={submit}>
          <label for="legal-hold-reason-input">
            {t(current ? 'legalHold.reviewLabel' : 'legalHold.reasonLabel')}
          </label>
          <textarea
            id="legal-hold-reason-input"
            rows={2}
            minLength={3}
            maxLength={500}
            required
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
          <button type="submit" class="button" id="place-legal-hold" disabled={action.isBusy}>
            {t(current ? 'legalHold.review' : 'legalHold.place')}
          </button>
          {current ? (
            <button
              type="button"
              class="button-secondary"
              id="lift-legal-hold"
              disabled={action.isBusy}
              onClick={() => void change(() => liftLegalHold(incidentId), 'legalHold.liftedDone')}
            >
              {t('legalHold.lift')}
            </button>
          ) : null}
        </form>
      ) : null}
      {stepUp.dialog}
    </section>
  );
}
