import { t } from '../../../lib/i18n.ts';
import { PhotoUploader } from '../../evidence/components/photo-uploader.tsx';
import type { OfferWithIncident, OutcomeInput } from '../api/types.ts';
import { isWorkingStatus, openOfferStatuses } from '../offer-statuses.ts';
import { EnRouteButton } from './en-route-button.tsx';
import { OutcomeForm } from './outcome-form.tsx';

/** One offer on the responder's phone: where, accept or decline, then the outcome and photos. */
export function OfferCard(props: {
  offer: OfferWithIncident;
  /** The outcome is in the phone's outbox, waiting for a connection. */
  isOutcomeWaiting: boolean;
  onAccept: () => void;
  onDecline: () => void;
  onProgress: (status: 'enRoute' | 'onScene', etaMinutes?: number) => void;
  onOutcome: (report: OutcomeInput) => void;
}) {
  const { offer } = props;
  const { incident } = offer;
  const isWorking = isWorkingStatus(offer.status) && !offer.outcome;
  return (
    <li class="offer-card" data-offer-id={offer.id}>
      <h3>
        {t(`category.${incident.category}`)}
        {' · '}
        {t(`offerStatus.${offer.status}`)}
      </h3>
      {incident.zip ? <p>{incident.zip}</p> : null}
      {incident.location ? (
        <p>
          <a href={`geo:${incident.location.lat},${incident.location.lon}`}>{t('responder.navigate')}</a>
        </p>
      ) : null}
      {openOfferStatuses.includes(offer.status) ? (
        <div class="actions">
          <button type="button" class="button" onClick={props.onAccept}>
            {t('responder.accept')}
          </button>
          <button type="button" class="button-secondary" onClick={props.onDecline}>
            {t('responder.decline')}
          </button>
        </div>
      ) : null}
      {offer.status === 'accepted' || offer.status === 'en_route' ? (
        <div class="actions">
          {offer.status === 'accepted' ? (
            <EnRouteButton onSend={(etaMinutes) => props.onProgress('enRoute', etaMinutes)} />
          ) : null}
          <button
            type="button"
            class="button-secondary"
            data-progress="onScene"
            onClick={() => props.onProgress('onScene')}
          >
            {t('responder.markOnScene')}
          </button>
        </div>
      ) : null}
      {isWorking && props.isOutcomeWaiting ? (
        <p class="hint outcome-waiting">{t('resilience.outcomeWaiting')}</p>
      ) : isWorking ? (
        <OutcomeForm offerId={offer.id} onSend={props.onOutcome} />
      ) : offer.outcome ? (
        <p>{t(`outcome.${offer.outcome}`)}</p>
      ) : null}
      {isWorkingStatus(offer.status) ? <PhotoUploader offerId={offer.id} /> : null}
    </li>
  );
}
