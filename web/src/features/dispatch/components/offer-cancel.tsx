import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';

/**
 * Withdraws an offer still holding a responder. The first click only asks, naming what follows:
 * the responder is told the offer is withdrawn and is free for another.
 */
export function OfferCancel(props: {
  offerId: string;
  isBusy: boolean;
  onCancel: (offerId: string) => void;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const questionId = `cancel-offer-question-${props.offerId}`;
  if (!isConfirming)
    return (
      <button
        type="button"
        class="button-secondary"
        data-cancel-offer={props.offerId}
        onClick={() => setConfirming(true)}
      >
        {t('dispatch.cancelOffer')}
      </button>
    );
  return (
    <div class="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{t('dispatch.cancelOfferQuestion')}</p>
      <button
        type="button"
        class="button-danger"
        data-confirm-cancel-offer={props.offerId}
        disabled={props.isBusy}
        onClick={() => {
          setConfirming(false);
          props.onCancel(props.offerId);
        }}
      >
        {t('dispatch.confirmCancelOffer')}
      </button>
      <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
        {t('dispatch.keepOffer')}
      </button>
    </div>
  );
}
