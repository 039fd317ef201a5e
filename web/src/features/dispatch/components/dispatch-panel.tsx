import { formatTime, t } from '../../../lib/i18n.ts';
import { errorMessageOf, isApiError } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isAbout } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { cancelOffer, listIncidentOffers, listSuggestions, sendOffer } from '../api/dispatch.ts';
import { cancellableOfferStatuses } from '../offer-statuses.ts';
import { OfferCancel } from './offer-cancel.tsx';
import { OutcomeReportView } from './outcome-report-view.tsx';
import { SuggestionList } from './suggestion-list.tsx';

/**
 * Suggested responders and the offers already sent, refetched on each realtime event about the
 * incident. Hidden when the dispatch API is absent.
 */
export function DispatchPanel(props: { incidentId: string; hasLocation: boolean }) {
  const { incidentId, hasLocation } = props;
  const dispatch = useLiveResource(
    async () => ({
      offers: await listIncidentOffers(incidentId),
      suggestions: hasLocation ? await listSuggestions(incidentId) : [],
    }),
    { events: isAbout(incidentId), dependencies: [incidentId, hasLocation] },
  );
  const action = useAction();
  if (isApiError(dispatch.error, 'NOT_FOUND')) return null;

  const offer = async (memberId: string) => {
    await action.run(() => sendOffer(incidentId, memberId), { done: 'dispatch.offerSent' });
    await dispatch.reload();
  };
  const cancel = async (offerId: string) => {
    await action.run(() => cancelOffer(offerId), { done: 'dispatch.offerCancelled' });
    await dispatch.reload();
  };
  const hasLoaded = dispatch.data !== undefined || dispatch.error !== undefined;
  const loadFailure = dispatch.error ? errorMessageOf(dispatch.error, 'dispatch.loadFailed') : null;
  const suggestions = dispatch.data?.suggestions ?? [];
  const offers = dispatch.data?.offers ?? [];

  return (
    <section class="dispatch" aria-labelledby="dispatch-title" aria-busy={hasLoaded ? 'false' : 'true'}>
      <h2 id="dispatch-title">{t('dispatch.title')}</h2>
      <Notice message={action.message ?? loadFailure} />
      {!hasLoaded ? (
        <p>{t('app.loading')}</p>
      ) : suggestions.length === 0 ? (
        <p class="empty">{hasLocation ? t('dispatch.noSuggestions') : t('dispatch.noLocation')}</p>
      ) : (
        <SuggestionList suggestions={suggestions} onOffer={(memberId) => void offer(memberId)} />
      )}
      {offers.length > 0 ? (
        <ul class="offers" aria-label={t('dispatch.offers')}>
          {offers.map((item) => (
            <li key={item.id} data-offer-status={item.status}>
              {t(`offerStatus.${item.status}`)}
              {item.outcome ? ` · ${t(`outcome.${item.outcome}`)}` : ''}
              {item.etaAt && item.status === 'en_route' ? (
                <span class="eta" data-eta-at={item.etaAt}>
                  {' · '}
                  {t('dispatch.eta', { time: formatTime(item.etaAt) })}
                </span>
              ) : null}
              {item.hasNotes || item.hasLivestream ? <OutcomeReportView offerId={item.id} /> : null}
              {cancellableOfferStatuses.includes(item.status) ? (
                <OfferCancel offerId={item.id} isBusy={action.isBusy} onCancel={(id) => void cancel(id)} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
