import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from './api.ts';
import { t } from './i18n.ts';
import { useNotice } from './incident-notice.ts';
import { messageOf } from './sign-in.ts';

interface Suggestion {
  memberId: string;
  displayName: string;
  distanceMeters: number | null;
  etaMinutes: number | null;
  isLanguageMatch: boolean;
}

interface Offer {
  id: string;
  responderMemberId: string;
  status: string;
  outcome: string | null;
  hasNotes?: boolean;
  hasLivestream?: boolean;
}

interface OfferReport {
  notes: string | null;
  livestreamUrl: string | null;
}

/**
 * The responder's notes and livestream link, fetched only when the dispatcher asks: the server
 * records each read of them in the audit log.
 */
function OutcomeReport(props: { offerId: string }) {
  const [report, setReport] = useState<OfferReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setReport(await get<OfferReport>(`/api/offers/${props.offerId}`));
    } catch (caught) {
      setError(messageOf(caught, 'action.failed'));
    }
  };
  if (error) return h('p', { class: 'error', role: 'alert' }, error);
  if (!report)
    return h(
      'button',
      {
        type: 'button',
        class: 'button-secondary',
        'data-show-report': props.offerId,
        onClick: () => void load(),
      },
      t('field.outcome.show'),
    );
  return h(
    'div',
    { class: 'outcome-report' },
    report.notes ? h('p', { dir: 'auto' }, report.notes) : null,
    report.livestreamUrl
      ? h(
          'p',
          null,
          h(
            'a',
            {
              href: report.livestreamUrl,
              target: '_blank',
              rel: 'noopener noreferrer',
              'data-livestream': '',
            },
            t('field.outcome.livestream'),
          ),
          ' ',
          h('bdi', { class: 'hint', dir: 'ltr' }, report.livestreamUrl),
        )
      : null,
  );
}

/** Suggested responders and the offers already sent. Hidden when the dispatch API is absent. */
/** `changeCount` grows with each realtime event about the incident, which refetches the offers. */
export function DispatchPanel(props: { incidentId: string; hasLocation: boolean; changeCount: number }) {
  const { incidentId } = props;
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [isAvailable, setAvailable] = useState(true);
  const [isLoaded, setLoaded] = useState(false);
  const notice = useNotice();

  const refresh = useCallback(async () => {
    try {
      const sent = await get<{ offers: Offer[] }>(`/api/incidents/${incidentId}/offers`);
      setOffers(sent.offers);
      if (props.hasLocation) {
        const list = await get<{ suggestions: Suggestion[] }>(`/api/incidents/${incidentId}/suggestions`);
        setSuggestions(list.suggestions);
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'NOT_FOUND') setAvailable(false);
      else notice.fail(caught, 'dispatch.loadFailed');
    } finally {
      setLoaded(true);
    }
  }, [incidentId, props.hasLocation]);

  useEffect(() => void refresh(), [refresh, props.changeCount]);
  if (!isAvailable) return null;

  const sendOffer = async (memberId: string) => {
    try {
      await post(`/api/incidents/${incidentId}/offers`, { responderIds: [memberId] });
      notice.show('dispatch.offerSent');
      await refresh();
    } catch (caught) {
      notice.fail(caught, 'action.failed');
    }
  };

  return h(
    'section',
    { class: 'dispatch', 'aria-labelledby': 'dispatch-title', 'aria-busy': isLoaded ? 'false' : 'true' },
    h('h2', { id: 'dispatch-title' }, t('dispatch.title')),
    notice.text ? h('p', { class: 'notice', role: 'status' }, notice.text) : null,
    !isLoaded
      ? h('p', null, t('app.loading'))
      : suggestions.length === 0
        ? h(
            'p',
            { class: 'empty' },
            props.hasLocation ? t('dispatch.noSuggestions') : t('dispatch.noLocation'),
          )
        : h(
            'ul',
            { class: 'suggestions' },
            suggestions.map((suggestion) =>
              h(
                'li',
                { key: suggestion.memberId },
                h('span', null, suggestion.displayName),
                suggestion.distanceMeters !== null
                  ? ` · ${t('dispatch.distance', { km: Math.round(suggestion.distanceMeters / 100) / 10 })}`
                  : '',
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'button',
                    'data-send-offer': suggestion.memberId,
                    onClick: () => void sendOffer(suggestion.memberId),
                  },
                  t('dispatch.sendOffer', { name: suggestion.displayName }),
                ),
              ),
            ),
          ),
    offers.length > 0
      ? h(
          'ul',
          { class: 'offers', 'aria-label': t('dispatch.offers') },
          offers.map((offer) =>
            h(
              'li',
              { key: offer.id, 'data-offer-status': offer.status },
              t(`offerStatus.${offer.status}`),
              offer.outcome ? ` · ${t(`outcome.${offer.outcome}`)}` : '',
              offer.hasNotes || offer.hasLivestream ? h(OutcomeReport, { offerId: offer.id }) : null,
            ),
          ),
        )
      : null,
  );
}
