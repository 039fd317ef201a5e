import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { reviewRetraction } from '../api/alerts.ts';
import type { AreaStop } from '../api/types.ts';

/** The areas one retraction stopped, said as a list of names. */
export function areaNamesOf(stops: readonly AreaStop[]): string {
  return stops.map((stop) => stop.areaName ?? t('retract.outsideAreas')).join(', ');
}

/**
 * One retraction's stop: which areas, who stopped them and when, why (the alert it withdrew), and
 * for a different coordinator the review that lifts it, confirmed and after a fresh second factor.
 */
export function AreaStopItem(props: {
  stops: AreaStop[];
  nameOf: (memberId: string) => string;
  onReviewed: () => Promise<void>;
}) {
  const session = useSession();
  const first = props.stops[0]!;
  const [isConfirming, setConfirming] = useState(false);
  const review = useAction();
  const stepUp = useStepUp({ hint: t('areaStops.stepUpHint'), confirmLabel: t('areaStops.confirmReview') });
  const areas = areaNamesOf(props.stops);
  const lift = async () => {
    setConfirming(false);
    const isLifted = await review.succeeds(() => stepUp.run(() => reviewRetraction(first.retractionId)));
    if (isLifted) await props.onReviewed();
  };
  const isOwn = first.stoppedBy === session.memberId;
  return (
    <li class="area-stop" data-retraction={first.retractionId}>
      <p>
        <strong>{areas}</strong>
      </p>
      <p>
        {t('areaStops.stoppedBy', { name: props.nameOf(first.stoppedBy), time: formatTime(first.stoppedAt) })}
      </p>
      <p>
        {t('areaStops.why')}{' '}
        {first.retractedAlertId ? (
          <a href={`#/alerts/${first.retractedAlertId}`}>{t('areaStops.retractedAlert')}</a>
        ) : null}
        {' · '}
        <a href={`#/alerts/${first.retractionId}`}>{t('areaStops.retraction')}</a>
      </p>
      <ErrorText message={review.message} />
      {isOwn ? (
        <p class="hint">{t('areaStops.selfReview')}</p>
      ) : !hasRole(session, 'coordinator') ? null : isConfirming ? (
        <div class="confirm" role="group" aria-labelledby={`review-question-${first.retractionId}`}>
          <p id={`review-question-${first.retractionId}`}>{t('areaStops.reviewQuestion', { areas })}</p>
          <button
            type="button"
            class="button-danger"
            data-confirm-review={first.retractionId}
            disabled={review.isBusy}
            onClick={() => void lift()}
          >
            {t('areaStops.confirmReview')}
          </button>
          <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
            {t('areaStops.keep')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="button"
          data-review-retraction={first.retractionId}
          onClick={() => setConfirming(true)}
        >
          {t('areaStops.review')}
        </button>
      )}
      {stepUp.dialog}
    </li>
  );
}
