import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { publishIncidentAgain, withholdIncident } from '../api/incidents.ts';
import type { PublicWithholding } from '../api/types.ts';

/**
 * What the public pages may show of the incident (issue 15 §5): everyone who works it sees whether
 * it is withheld and why; a coordinator withholds it (with a reason) or shows it again, after a
 * passkey step-up.
 */
export function PublicPagesPanel(props: {
  incidentId: string;
  withholding: PublicWithholding | null;
  onChanged: () => Promise<unknown>;
}) {
  const { withholding } = props;
  const isCoordinator = hasRole(useSession(), 'coordinator');
  const stepUp = useStepUp();
  const action = useAction();
  const [reason, setReason] = useState('');

  const change = async (step: () => Promise<unknown>, doneKey: string) => {
    const isDone = await action.succeeds(() => stepUp.run(step), { done: doneKey });
    if (!isDone) return;
    setReason('');
    await props.onChanged();
  };
  const withhold = (event: Event) => {
    event.preventDefault();
    void change(() => withholdIncident(props.incidentId, reason), 'publicPages.withheldDone');
  };

  return (
    <section
      class="panel"
      id="public-pages"
      aria-labelledby="public-pages-title"
      data-public-state={withholding ? 'withheld' : 'public'}
    >
      <h2 id="public-pages-title">{t('publicPages.title')}</h2>
      <Notice message={action.message} id="public-pages-notice" />
      {withholding ? (
        <>
          <p>
            {t('publicPages.withheld', {
              time: formatTime(withholding.withheldAt),
              name: withholding.withheldBy?.displayName ?? t('publicPages.someone'),
            })}
          </p>
          <p dir="auto" id="withheld-reason">
            {withholding.reason === null
              ? t('publicPages.reasonUnreadable')
              : t('publicPages.reason', { reason: withholding.reason })}
          </p>
        </>
      ) : (
        <p>{t('publicPages.isPublic')}</p>
      )}
      {!isCoordinator ? (
        <p class="hint">{t('publicPages.coordinatorsOnly')}</p>
      ) : withholding ? (
        <button
          type="button"
          class="button-secondary"
          id="publish-again"
          disabled={action.isBusy}
          onClick={() =>
            void change(() => publishIncidentAgain(props.incidentId), 'publicPages.publishedDone')
          }
        >
          {t('publicPages.publishAgain')}
        </button>
      ) : (
        <form onSubmit={withhold}>
          <label for="withhold-reason">{t('publicPages.reasonLabel')}</label>
          <textarea
            id="withhold-reason"
            rows={2}
            minLength={3}
            maxLength={500}
            required
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
          <button type="submit" class="button" id="withhold-incident" disabled={action.isBusy}>
            {t('publicPages.withhold')}
          </button>
        </form>
      )}
      {stepUp.dialog}
    </section>
  );
}
