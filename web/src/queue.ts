import { h } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { get } from './api.ts';
import { relativeTime, t } from './i18n.ts';
import { changeStatus, claimIncident, sortQueue } from './incidents.ts';
import type { Incident, QueuePage } from './incidents.ts';
import { IncidentMap } from './map.ts';
import { useRealtime } from './realtime.ts';
import { isTyping, navigate } from './route.ts';
import { messageOf } from './sign-in.ts';

/** The dispatcher's live queue: refetched on every realtime event, never by reloading the page. */
export function QueueView() {
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [selected, setSelected] = useState(0);
  const [isLive, setLive] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const page = await get<QueuePage>('/api/incidents?status=active&limit=100');
      setIncidents(sortQueue(page.incidents));
    } catch (caught) {
      setNotice(messageOf(caught, 'queue.loadFailed'));
    }
  }, []);

  useEffect(() => void refresh(), [refresh]);
  useRealtime((message) => {
    if (message.type.startsWith('incident.') || message.type === 'resync' || message.type === 'ready') {
      void refresh();
    }
  }, setLive);

  const current = incidents[Math.min(selected, incidents.length - 1)];
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      const act = async (run: () => Promise<unknown>, doneKey: string) => {
        try {
          await run();
          setNotice(t(doneKey));
          await refresh();
        } catch (caught) {
          setNotice(messageOf(caught, 'action.failed'));
        }
      };
      if (event.key === 'j') setSelected((index) => Math.min(index + 1, Math.max(incidents.length - 1, 0)));
      else if (event.key === 'k') setSelected((index) => Math.max(index - 1, 0));
      else if (event.key === 'Enter' && current) navigate(`/incident/${current.id}`);
      else if (event.key === 'c' && current) void act(() => claimIncident(current.id), 'incident.claimed');
      else if (event.key === 'v' && current)
        void act(() => changeStatus(current.id, 'verifying'), 'incident.statusChanged');
      else if (event.key === 'n') navigate('/entry');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [incidents, current, refresh]);

  const points = useMemo(
    () =>
      incidents.flatMap((incident) =>
        incident.location
          ? [
              {
                id: incident.id,
                lat: incident.location.lat,
                lon: incident.location.lon,
                label: `${t(`category.${incident.category}`)} · ${t(`status.${incident.status}`)}`,
                isSelected: incident.id === current?.id,
              },
            ]
          : [],
      ),
    [incidents, current],
  );

  return h(
    'section',
    { class: 'console', 'aria-labelledby': 'queue-title' },
    h(
      'div',
      { class: 'queue' },
      h('h1', { id: 'queue-title' }, t('queue.title')),
      h(
        'p',
        { class: isLive ? 'live' : 'offline', role: 'status' },
        isLive ? t('queue.live') : t('queue.connecting'),
      ),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      incidents.length === 0
        ? h('p', { class: 'empty' }, t('queue.empty'))
        : h(
            'ol',
            { class: 'incident-list', 'aria-label': t('queue.listLabel') },
            incidents.map((incident, index) =>
              h(
                'li',
                {
                  key: incident.id,
                  class: index === selected ? 'incident-row selected' : 'incident-row',
                  'aria-current': index === selected ? 'true' : undefined,
                  'data-incident-id': incident.id,
                },
                h(
                  'a',
                  { href: `#/incident/${incident.id}` },
                  h('span', { class: `badge status-${incident.status}` }, t(`status.${incident.status}`)),
                  ' ',
                  h('strong', null, t(`category.${incident.category}`)),
                  incident.zip ? ` · ${incident.zip}` : '',
                ),
                h(
                  'span',
                  { class: 'counts' },
                  t('queue.counts', { reports: incident.reportCount, sources: incident.sourceCount }),
                  ' · ',
                  relativeTime(incident.firstReportAt),
                  incident.claim
                    ? ` · ${t('queue.claimedBy', { name: incident.claim.displayName ?? '—' })}`
                    : '',
                ),
              ),
            ),
          ),
    ),
    h(IncidentMap, { points, onSelect: (id: string) => navigate(`/incident/${id}`) }),
  );
}
