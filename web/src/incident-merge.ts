import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from './api.ts';
import { useShortcut } from './help.ts';
import { relativeTime, t } from './i18n.ts';
import type { Incident, QueuePage } from './incidents.ts';
import { messageOf } from './sign-in.ts';

/** How many candidates to offer: the nearest few are the ones that can be the same event. */
const candidateLimit = 8;

type Point = { lat: number; lon: number };

/** Straight-line distance in metres (equirectangular: plenty for "which incident is nearby"). */
export function distanceMeters(a: Point, b: Point): number {
  const radians = Math.PI / 180;
  const x = (b.lon - a.lon) * radians * Math.cos(((a.lat + b.lat) / 2) * radians);
  const y = (b.lat - a.lat) * radians;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

/** Open incidents other than `incident`, nearest first (unlocated ones last, newest first). */
export function mergeCandidates(incident: Incident, open: readonly Incident[]): Incident[] {
  const distanceTo = (other: Incident) =>
    incident.location && other.location ? distanceMeters(incident.location, other.location) : Infinity;
  return open
    .filter((other) => other.id !== incident.id && other.status !== 'closed')
    .sort((a, b) => distanceTo(a) - distanceTo(b) || b.latestReportAt - a.latestReportAt)
    .slice(0, candidateLimit);
}

/**
 * "Merge another incident into this one": a disclosure that loads the open incidents nearby when
 * opened, one choice, then an explicit confirmation. The other incident's reports move here and it
 * closes as merged; every dispatcher's screen follows through the realtime events.
 */
export function MergePanel(props: { incident: Incident; onMerged: () => void }) {
  const { incident } = props;
  const [isOpen, setOpen] = useState(false);
  const [candidates, setCandidates] = useState<Incident[] | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLElement>(null);

  // "m": open the choices and bring them into view; the member still chooses and confirms.
  useShortcut('m', () => {
    setOpen(true);
    summary.current?.focus();
    summary.current?.scrollIntoView({ block: 'nearest' });
    return true;
  });

  useEffect(() => {
    if (!isOpen) return;
    let isCurrent = true;
    get<QueuePage>('/api/incidents?status=active&limit=100')
      .then((page) => {
        if (isCurrent) setCandidates(mergeCandidates(incident, page.incidents));
      })
      .catch((caught: unknown) => setError(messageOf(caught, 'queue.loadFailed')));
    return () => {
      isCurrent = false;
    };
  }, [isOpen, incident.id]); // Not on every refresh of this incident: the choice would jump.
  useEffect(() => {
    if (isConfirming) confirmButton.current?.focus();
  }, [isConfirming]);

  const chosen = candidates?.find((candidate) => candidate.id === chosenId) ?? null;

  const merge = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/incidents/${chosen.id}/merge`, { intoIncidentId: incident.id });
      setConfirming(false);
      setChosenId(null);
      setOpen(false);
      setCandidates(null);
      props.onMerged();
    } catch (caught) {
      setError(messageOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  return h(
    'details',
    {
      class: 'merge-panel',
      open: isOpen,
      onToggle: (event: Event) => setOpen((event.currentTarget as HTMLDetailsElement).open),
    },
    h('summary', { id: 'merge-summary', ref: summary, 'aria-keyshortcuts': 'm' }, t('field.merge.open')),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    !isOpen
      ? null
      : candidates === null
        ? h('p', null, t('app.loading'))
        : candidates.length === 0
          ? h('p', { class: 'empty' }, t('field.merge.none'))
          : h(
              'fieldset',
              { class: 'merge-candidates' },
              h('legend', null, t('field.merge.legend')),
              candidates.map((candidate) => candidateChoice(candidate)),
            ),
    chosen && !isConfirming
      ? h(
          'button',
          {
            type: 'button',
            class: 'button-secondary',
            id: 'merge-start',
            onClick: () => setConfirming(true),
          },
          t('field.merge.action'),
        )
      : null,
    chosen && isConfirming
      ? h(
          'div',
          { class: 'confirm', role: 'group', 'aria-labelledby': 'merge-question' },
          h(
            'p',
            { id: 'merge-question' },
            t('field.merge.confirmQuestion', {
              category: t(`category.${chosen.category}`),
              reports: chosen.reportCount,
            }),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              id: 'confirm-merge',
              ref: confirmButton,
              disabled: isBusy,
              onClick: () => void merge(),
            },
            t('field.merge.confirm'),
          ),
          h(
            'button',
            { type: 'button', class: 'button-secondary', onClick: () => setConfirming(false) },
            t('field.cancel'),
          ),
        )
      : null,
  );

  function candidateChoice(candidate: Incident) {
    const id = `merge-${candidate.id}`;
    const distance =
      incident.location && candidate.location
        ? t('dispatch.distance', {
            km: Math.round(distanceMeters(incident.location, candidate.location) / 100) / 10,
          })
        : null;
    return h(
      'div',
      { class: 'choice', key: candidate.id },
      h('input', {
        type: 'radio',
        name: 'merge-candidate',
        id,
        value: candidate.id,
        checked: candidate.id === chosenId,
        'data-merge-candidate': candidate.id,
        onChange: () => {
          setChosenId(candidate.id);
          setConfirming(false);
        },
      }),
      h(
        'label',
        { for: id },
        h('span', { class: `badge status-${candidate.status}` }, t(`status.${candidate.status}`)),
        ' ',
        h('strong', null, t(`category.${candidate.category}`)),
        candidate.zip ? ` · ${candidate.zip}` : '',
        ' · ',
        t('queue.counts', { reports: candidate.reportCount, sources: candidate.sourceCount }),
        distance ? ` · ${distance}` : '',
        ` · ${relativeTime(candidate.latestReportAt)}`,
      ),
    );
  }
}
