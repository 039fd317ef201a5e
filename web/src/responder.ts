import { h } from 'preact';
import { formText } from './forms.ts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post, put } from './api.ts';
import { PhotoUploader } from './evidence-upload.ts';
import { t } from './i18n.ts';
import { useRealtime } from './realtime.ts';
import { quickExit } from './session.ts';
import { useNotice } from './incident-notice.ts';

interface Offer {
  id: string;
  status: string;
  outcome: string | null;
  expiresAt: number;
  incident: {
    id: string;
    category: string;
    status: string;
    location: { lat: number; lon: number } | null;
    zip: string | null;
  };
}

const openStatuses = ['offered'];

/** A host name with a top-level domain (no IP addresses, no `localhost`), as the server checks it. */
const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** A livestream link the server accepts: https only, a real host name, no spaces or quotes. */
export function isLivestreamUrl(value: string): boolean {
  if (value.length > 2000 || /[\s<>"']/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && domainPattern.test(url.hostname);
  } catch {
    return false;
  }
}
const workingStatuses = ['accepted', 'en_route', 'on_scene', 'done'];

/** The responder's phone screen: on call or not, offers to answer, and the outcome report. */
export function ResponderView() {
  const [isOnCall, setOnCall] = useState<boolean | null>(null);
  // While a toggle is being saved, a refetch that started before it must not flip the box back.
  const pendingOnCall = useRef<boolean | null>(null);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [isAvailable, setAvailable] = useState(true);
  const notice = useNotice();
  const [linkErrorOf, setLinkErrorOf] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { responder } = await get<{ responder: { isOnCall: boolean } }>('/api/responders/me');
      setOnCall(pendingOnCall.current ?? responder.isOnCall);
      setOffers((await get<{ offers: Offer[] }>('/api/responders/me/offers')).offers);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'NOT_FOUND') setAvailable(false);
      else notice.fail(caught, 'responder.loadFailed');
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  useRealtime((message) => {
    if (message.type.startsWith('dispatch.') || message.type === 'resync') void refresh();
  });

  const act = async (run: () => Promise<unknown>, doneKey: string) => {
    try {
      await run();
      notice.show(doneKey);
      await refresh();
    } catch (caught) {
      notice.fail(caught, 'action.failed');
    }
  };

  // Only a coarse cell of the position is kept by the server; nothing is stored on the device.
  const shareLocation = () => {
    navigator.geolocation.getCurrentPosition(
      (position) =>
        void act(
          () =>
            post('/api/responders/me/location', {
              lat: position.coords.latitude,
              lon: position.coords.longitude,
            }),
          'responder.locationShared',
        ),
      () => notice.show('responder.locationFailed'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const reportOutcome = (offerId: string) => async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const notes = formText(form, 'notes');
    const livestreamUrl = formText(form, 'livestreamUrl');
    if (livestreamUrl && !isLivestreamUrl(livestreamUrl)) {
      setLinkErrorOf(offerId);
      document.getElementById(`livestream-${offerId}`)?.focus();
      return;
    }
    setLinkErrorOf(null);
    await act(
      () =>
        post(`/api/offers/${offerId}/outcome`, {
          outcome: formText(form, 'outcome'),
          ...(notes ? { notes } : {}),
          ...(livestreamUrl ? { livestreamUrl } : {}),
        }),
      'responder.outcomeSent',
    );
  };

  return h(
    'section',
    { class: 'responder', 'aria-labelledby': 'responder-title' },
    h(
      'div',
      { class: 'responder-head' },
      h('h1', { id: 'responder-title' }, t('responder.title')),
      h(
        'button',
        { type: 'button', class: 'button-danger', id: 'quick-exit', onClick: () => void quickExit() },
        t('responder.quickExit'),
      ),
    ),
    notice.text ? h('p', { class: 'notice', role: 'status' }, notice.text) : null,
    !isAvailable
      ? h('p', { class: 'empty' }, t('responder.unavailable'))
      : [
          h(
            'label',
            { class: 'toggle', key: 'toggle' },
            h('input', {
              type: 'checkbox',
              id: 'on-call',
              checked: isOnCall === true,
              disabled: isOnCall === null,
              onChange: (event: Event) => {
                const isChecked = (event.currentTarget as HTMLInputElement).checked;
                pendingOnCall.current = isChecked;
                setOnCall(isChecked);
                void put('/api/responders/me/availability', { isOnCall: isChecked })
                  .then(() => notice.show('responder.availabilitySaved'))
                  .catch((caught: unknown) => notice.fail(caught, 'action.failed'))
                  .finally(() => {
                    pendingOnCall.current = null;
                    void refresh();
                  });
              },
            }),
            ' ',
            t('responder.onCall'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'button-secondary',
              id: 'share-location',
              key: 'share',
              onClick: shareLocation,
            },
            t('responder.shareLocation'),
          ),
          h('h2', { key: 'offers-title' }, t('responder.offers')),
          offers.length === 0
            ? h('p', { class: 'empty', key: 'none' }, t('responder.noOffers'))
            : h(
                'ul',
                { class: 'offer-cards', key: 'offers' },
                offers.map((offer) => offerCard(offer)),
              ),
        ],
  );

  function livestreamField(offerId: string) {
    const id = `livestream-${offerId}`;
    const isInvalid = linkErrorOf === offerId;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, t('field.livestream.label')),
      h('p', { class: 'hint', id: `${id}-hint` }, t('field.livestream.hint')),
      h('input', {
        id,
        name: 'livestreamUrl',
        // Text, not type=url: the browser's own check would speak its language, not the app's.
        type: 'text',
        inputMode: 'url',
        dir: 'ltr',
        autoComplete: 'off',
        maxLength: 2000,
        placeholder: 'https://',
        'aria-invalid': isInvalid ? 'true' : undefined,
        'aria-describedby': isInvalid ? `${id}-hint ${id}-error` : `${id}-hint`,
        onInput: () => isInvalid && setLinkErrorOf(null),
      }),
      isInvalid ? h('p', { class: 'error', id: `${id}-error` }, t('field.livestream.invalid')) : null,
    );
  }

  function offerCard(offer: Offer) {
    const { incident } = offer;
    const isOpen = openStatuses.includes(offer.status);
    const isWorking = workingStatuses.includes(offer.status) && !offer.outcome;
    return h(
      'li',
      { key: offer.id, class: 'offer-card', 'data-offer-id': offer.id },
      h('h3', null, t(`category.${incident.category}`), ' · ', t(`offerStatus.${offer.status}`)),
      incident.zip ? h('p', null, incident.zip) : null,
      incident.location
        ? h(
            'p',
            null,
            h(
              'a',
              { href: `geo:${incident.location.lat},${incident.location.lon}` },
              t('responder.navigate'),
            ),
          )
        : null,
      isOpen
        ? h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'button',
                onClick: () => void act(() => post(`/api/offers/${offer.id}/accept`), 'responder.accepted'),
              },
              t('responder.accept'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'button-secondary',
                onClick: () => void act(() => post(`/api/offers/${offer.id}/decline`), 'responder.declined'),
              },
              t('responder.decline'),
            ),
          )
        : null,
      isWorking
        ? h(
            'form',
            { onSubmit: reportOutcome(offer.id), class: 'outcome-form' },
            h(
              'fieldset',
              null,
              h('legend', null, t('responder.outcome')),
              ['confirmed', 'not_confirmed', 'false_alarm'].map((outcome, index) =>
                h(
                  'div',
                  { class: 'choice', key: outcome },
                  h('input', {
                    type: 'radio',
                    name: 'outcome',
                    value: outcome,
                    id: `outcome-${offer.id}-${outcome}`,
                    required: index === 0,
                  }),
                  h('label', { for: `outcome-${offer.id}-${outcome}` }, t(`outcome.${outcome}`)),
                ),
              ),
            ),
            h('label', { for: `notes-${offer.id}` }, t('responder.notes')),
            h('textarea', { id: `notes-${offer.id}`, name: 'notes', rows: 3, maxLength: 4000 }),
            livestreamField(offer.id),
            h('button', { type: 'submit', class: 'button' }, t('responder.sendOutcome')),
          )
        : offer.outcome
          ? h('p', null, t(`outcome.${offer.outcome}`))
          : null,
      workingStatuses.includes(offer.status) ? h(PhotoUploader, { offerId: offer.id }) : null,
    );
  }
}
