import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { purgeFlaggedReport, releaseFlaggedReport } from '../api/flagged-reports.ts';
import type { PresentedFlaggedReport } from '../api/flagged-reports.ts';

type Decision = 'release' | 'purge';

/**
 * One flagged report: why it was flagged, its words, when it is purged, and the two decisions a
 * coordinator can take on it — release it to the dispatch queue, or delete it now. Each first asks
 * a question naming its consequence, then the passkey or authenticator code.
 */
export function FlaggedReportItem(props: { report: PresentedFlaggedReport; onHandled: () => Promise<void> }) {
  const { report } = props;
  const [asking, setAsking] = useState<Decision | null>(null);
  const action = useAction();
  const stepUp = useStepUp({ hint: t('flagged.stepUpHint') });
  const decide = async (decision: Decision) => {
    setAsking(null);
    const isDone = await action.succeeds(
      () =>
        stepUp.run(() =>
          decision === 'release'
            ? releaseFlaggedReport(report.id).then(() => undefined)
            : purgeFlaggedReport(report.id),
        ),
      { done: decision === 'release' ? 'flagged.released' : 'flagged.purged' },
    );
    if (isDone) await props.onHandled();
  };
  const questionId = `flagged-question-${report.id}`;
  return (
    <li class="flagged-report" data-flagged-report={report.id}>
      <p>
        <strong>{t('flagged.why')}</strong>{' '}
        {report.reasons.map((reason) => t(`flagged.reason.${reason}`)).join(' · ')}
      </p>
      <p dir="auto">{report.description ?? t('flagged.noText')}</p>
      {report.locationText ? <p dir="auto">{report.locationText}</p> : null}
      <p class="hint">
        {t('flagged.meta', {
          channel: t(`channel.${report.channel}`),
          time: formatTime(report.createdAt),
          purge: formatTime(report.purgeAt),
        })}
      </p>
      <Notice message={action.message} />
      {asking ? (
        <div class="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>
            {t(asking === 'release' ? 'flagged.releaseQuestion' : 'flagged.purgeQuestion')}
          </p>
          <button
            type="button"
            class={asking === 'release' ? 'button' : 'button-danger'}
            data-confirm={asking}
            disabled={action.isBusy}
            onClick={() => void decide(asking)}
          >
            {t(asking === 'release' ? 'flagged.confirmRelease' : 'flagged.confirmPurge')}
          </button>
          <button type="button" class="button-secondary" onClick={() => setAsking(null)}>
            {t('flagged.keep')}
          </button>
        </div>
      ) : (
        <div class="actions">
          <button type="button" class="button" data-action="release" onClick={() => setAsking('release')}>
            {t('flagged.release')}
          </button>
          <button type="button" class="button-danger" data-action="purge" onClick={() => setAsking('purge')}>
            {t('flagged.purge')}
          </button>
        </div>
      )}
      {stepUp.dialog}
    </li>
  );
}
