import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, isApiError, messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { quickExit } from '../../auth/quick-exit.ts';
import { useEffect } from 'preact/hooks';
import { acceptOffer, declineOffer, reportProgress } from '../api/responder.ts';
import { OfferCard } from '../components/offer-card.tsx';
import { LocationReminder } from '../components/location-reminder.tsx';
import { OutboxList } from '../components/outbox-list.tsx';
import { ResponderDevices } from '../components/responder-devices.tsx';
import { useOutbox } from '../hooks/use-outbox.ts';
import { useResponder } from '../hooks/use-responder.ts';
import { keepAppAvailableOffline } from '../offline-shell.ts';
import { queueOutcome } from '../outbox/outbox.ts';

/** The responder's phone screen: on call or not, offers to answer, and the outcome report. */
export function ResponderPage() {
  const { responder, action, act, isOnCall, toggleOnCall, shareMyLocation } = useResponder();
  const isAvailable = !isApiError(responder.error, 'NOT_FOUND');
  const loadFailure =
    responder.error && isAvailable ? errorMessageOf(responder.error, 'responder.loadFailed') : null;
  const offers = responder.data?.offers ?? [];
  const outbox = useOutbox((sent) => {
    if (sent.some((item) => item.kind === 'outcome')) action.setMessage(messageOf('responder.outcomeSent'));
    void responder.reload();
  });
  useEffect(() => void keepAppAvailableOffline(), []);
  const isOutcomeWaiting = (offerId: string) =>
    outbox.some((item) => item.kind === 'outcome' && item.offerId === offerId && item.state === 'pending');
  return (
    <section class="responder" aria-labelledby="responder-title">
      <div class="responder-head">
        <h1 id="responder-title">{t('responder.title')}</h1>
        <button type="button" class="button-danger" id="quick-exit" onClick={() => void quickExit()}>
          {t('responder.quickExit')}
        </button>
      </div>
      <Notice message={action.message ?? loadFailure} />
      {responder.data ? (
        <LocationReminder profile={responder.data.profile} onShare={shareMyLocation} />
      ) : null}
      <OutboxList items={outbox} />
      {!isAvailable ? (
        <p class="empty">{t('responder.unavailable')}</p>
      ) : (
        <>
          <label class="toggle" key="toggle">
            <input
              type="checkbox"
              id="on-call"
              checked={isOnCall === true}
              disabled={isOnCall === null}
              onChange={(event) => void toggleOnCall(event.currentTarget.checked)}
            />{' '}
            {t('responder.onCall')}
          </label>
          <button
            type="button"
            class="button-secondary"
            id="share-location"
            key="share"
            onClick={shareMyLocation}
          >
            {t('responder.shareLocation')}
          </button>
          {responder.data ? (
            <ResponderDevices
              key="devices"
              profile={responder.data.profile}
              action={action}
              reload={responder.reload}
            />
          ) : null}
          <h2 key="offers-title">{t('responder.offers')}</h2>
          {offers.length === 0 ? (
            <p class="empty" key="none">
              {t('responder.noOffers')}
            </p>
          ) : (
            <ul class="offer-cards" key="offers">
              {offers.map((offer) => (
                <OfferCard
                  key={offer.id}
                  offer={offer}
                  isOutcomeWaiting={isOutcomeWaiting(offer.id)}
                  onAccept={() => void act(() => acceptOffer(offer.id), 'responder.accepted')}
                  onDecline={() => void act(() => declineOffer(offer.id), 'responder.declined')}
                  onProgress={(status, etaMinutes) =>
                    void act(
                      () => reportProgress(offer.id, status, etaMinutes),
                      `responder.progress.${status}`,
                    )
                  }
                  onOutcome={(report) => void queueOutcome(offer.id, report)}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
