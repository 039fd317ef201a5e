import { t } from '../../../lib/i18n.ts';
import { PhotoUploader } from '../../evidence/components/photo-uploader.tsx';
import type { OutcomeReport, ResponderOffer } from '../api/types.ts';
import { OutcomeForm } from './outcome-form.tsx';

const openStatuses = ['offered'];
const workingStatuses = ['accepted', 'en_route', 'on_scene', 'done'];

/** One offer on the responder's phone: where, accept or decline, then the outcome and photos. */
export function OfferCard(props: {
  offer: ResponderOffer;
  onAccept: () => void;
  onDecline: () => void;
  onOutcome: (report: OutcomeReport) => void;
}) {
  const { offer } = props;
  const { incident } = offer;
  const isWorking = workingStatuses.includes(offer.status) && !offer.outcome;
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
      {openStatuses.includes(offer.status) ? (
        <div class="actions">
          <button type="button" class="button" onClick={props.onAccept}>
            {t('responder.accept')}
          </button>
          <button type="button" class="button-secondary" onClick={props.onDecline}>
            {t('responder.decline')}
          </button>
        </div>
      ) : null}
      {isWorking ? (
        <OutcomeForm offerId={offer.id} onSend={props.onOutcome} />
      ) : offer.outcome ? (
        <p>{t(`outcome.${offer.outcome}`)}</p>
      ) : null}
      {workingStatuses.includes(offer.status) ? <PhotoUploader offerId={offer.id} /> : null}
    </li>
  );
}
