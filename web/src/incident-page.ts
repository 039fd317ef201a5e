import { h } from 'preact';
import { formText } from './forms.ts';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get, post } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { changeStatus, claimIncident, incidentStatuses } from './incidents.ts';
import type { Incident } from './incidents.ts';
import { DispatchPanel } from './dispatch-panel.ts';
import { useRealtime } from './realtime.ts';
import { isTyping, navigate } from './route.ts';
import { messageOf } from './sign-in.ts';

interface Detail {
  incident: Incident;
  reports: {
    id: string;
    channel: string;
    category: string;
    occurredAt: number;
    locationText: string | null;
    zip: string | null;
    description: string | null;
    isFlagged: boolean;
  }[];
}

interface Note {
  id: string;
  body: string;
  createdAt: number;
  authorName?: string | null;
}

/** One incident: report timeline, status, claim, notes, dispatch and "draft alert". */
export function IncidentPage(props: { incidentId: string }) {
  const { incidentId } = props;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [changeCount, setChangeCount] = useState(0);

  const refresh = useCallback(async () => {
    try {
      setDetail(await get<Detail>(`/api/incidents/${incidentId}`));
      const noteList = await get<{ notes: Note[] }>(`/api/incidents/${incidentId}/notes`).catch(() => ({
        notes: [],
      }));
      setNotes(noteList.notes);
    } catch (caught) {
      setNotice(messageOf(caught, 'incident.loadFailed'));
    }
  }, [incidentId]);

  useEffect(() => void refresh(), [refresh]);
  useRealtime((message) => {
    if (
      message.type === 'resync' ||
      message.data.incidentId === incidentId ||
      message.data.id === incidentId
    ) {
      setChangeCount((count) => count + 1);
      void refresh();
    }
  });

  const act = useCallback(
    async (run: () => Promise<unknown>, doneKey: string) => {
      try {
        await run();
        setNotice(t(doneKey));
        await refresh();
      } catch (caught) {
        setNotice(messageOf(caught, 'action.failed'));
      }
    },
    [refresh],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      if (event.key === 'c') void act(() => claimIncident(incidentId), 'incident.claimed');
      else if (event.key === 'v')
        void act(() => changeStatus(incidentId, 'verifying'), 'incident.statusChanged');
      else if (event.key === 'q' || event.key === 'Escape') navigate('/queue');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [incidentId, act]);

  if (!detail)
    return h(
      'section',
      { class: 'panel' },
      h('h1', null, t('incident.title')),
      notice ? h('p', { role: 'alert' }, notice) : h('p', null, t('app.loading')),
    );
  const { incident } = detail;

  const addNote = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body = formText(form, 'note');
    if (!body) return;
    await act(() => post(`/api/incidents/${incidentId}/notes`, { body }), 'incident.noteAdded');
    form.reset();
  };

  const draftAlert = async () => {
    try {
      const { alert } = await post<{ alert: { id: string } }>('/api/alerts', { incidentId });
      navigate(`/alerts/${alert.id}`);
    } catch (caught) {
      setNotice(messageOf(caught, 'action.failed'));
    }
  };

  return h(
    'section',
    { class: 'incident-page', 'aria-labelledby': 'incident-title' },
    h('p', null, h('a', { href: '#/queue' }, t('incident.back'))),
    h(
      'h1',
      { id: 'incident-title' },
      t(`category.${incident.category}`),
      ' ',
      h('span', { class: `badge status-${incident.status}` }, t(`status.${incident.status}`)),
    ),
    h(
      'p',
      { class: 'counts' },
      t('queue.counts', { reports: incident.reportCount, sources: incident.sourceCount }),
      incident.zip ? ` · ${incident.zip}` : '',
      ' · ',
      incident.claim
        ? t('queue.claimedBy', { name: incident.claim.displayName ?? '—' })
        : t('incident.unclaimed'),
    ),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': t('incident.actions') },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onClick: () => void act(() => claimIncident(incidentId), 'incident.claimed'),
        },
        t('incident.claim'),
      ),
      incidentStatuses
        .filter((status) => status !== incident.status)
        .map((status) =>
          h(
            'button',
            {
              type: 'button',
              key: status,
              class: 'button-secondary',
              'data-status': status,
              onClick: () => void act(() => changeStatus(incidentId, status), 'incident.statusChanged'),
            },
            t(`statusAction.${status}`),
          ),
        ),
      h(
        'button',
        { type: 'button', class: 'button-secondary', onClick: () => void draftAlert() },
        t('incident.draftAlert'),
      ),
    ),
    h('h2', null, t('incident.timeline')),
    h(
      'ol',
      { class: 'timeline' },
      detail.reports.map((report) =>
        h(
          'li',
          { key: report.id },
          h('strong', null, formatTime(report.occurredAt)),
          ` · ${t(`channel.${report.channel}`)} · ${t(`category.${report.category}`)}`,
          report.locationText || report.zip
            ? h('div', null, [report.locationText, report.zip].filter(Boolean).join(' · '))
            : null,
          report.description ? h('p', { dir: 'auto' }, report.description) : null,
          report.isFlagged ? h('p', { class: 'notice' }, t('incident.flagged')) : null,
        ),
      ),
    ),
    h(DispatchPanel, { incidentId, hasLocation: incident.location !== null, changeCount }),
    h('h2', null, t('incident.notes')),
    h(
      'ul',
      { class: 'notes' },
      notes.map((note) => h('li', { key: note.id, dir: 'auto' }, note.body)),
    ),
    h(
      'form',
      { onSubmit: addNote },
      h('label', { for: 'field-note' }, t('incident.addNote')),
      h('textarea', { id: 'field-note', name: 'note', rows: 3, maxLength: 4000 }),
      h('button', { type: 'submit', class: 'button-secondary' }, t('incident.saveNote')),
    ),
  );
}
