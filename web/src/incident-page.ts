import { h } from 'preact';
import { formText } from './forms.ts';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from './api.ts';
import { t } from './i18n.ts';
import { changeStatus, claimIncident, incidentStatuses } from './incidents.ts';
import type { Incident } from './incidents.ts';
import { DispatchPanel } from './dispatch-panel.ts';
import { EvidenceExports } from './evidence-exports.ts';
import { EvidenceList } from './evidence-list.ts';
import { MergePanel } from './incident-merge.ts';
import { ReportTimeline } from './incident-timeline.ts';
import type { TimelineReport } from './incident-timeline.ts';
import { useRealtime } from './realtime.ts';
import { isTyping, navigate } from './route.ts';
import { useNotice } from './incident-notice.ts';
import type { Session } from './session.ts';

interface Detail {
  incident: Incident & { mergedIntoId: string | null; closedReason: string | null };
  reports: TimelineReport[];
}

interface Note {
  id: string;
  body: string;
  createdAt: number;
  authorName?: string | null;
}

/** One incident: report timeline, status, claim, notes, dispatch and "draft alert". */
export function IncidentPage(props: { incidentId: string; session: Session }) {
  const { incidentId, session } = props;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);
  const notice = useNotice();
  const [changeCount, setChangeCount] = useState(0);
  const [splitIntoId, setSplitIntoId] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setDetail(await get<Detail>(`/api/incidents/${incidentId}`));
      const noteList = await get<{ notes: Note[] }>(`/api/incidents/${incidentId}/notes`).catch(() => ({
        notes: [],
      }));
      setNotes(noteList.notes);
    } catch (caught) {
      // Advocates do not work incidents, but may still request and download their evidence.
      if (caught instanceof ApiError && caught.code === 'FORBIDDEN') notice.show('exports.incidentHidden');
      else notice.fail(caught, 'incident.loadFailed');
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
        notice.show(doneKey);
        await refresh();
      } catch (caught) {
        notice.fail(caught, 'action.failed');
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
      notice.text ? h('p', { role: 'alert' }, notice.text) : h('p', null, t('app.loading')),
      notice.text ? h(EvidenceExports, { incidentId, session, changeCount }) : null,
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
      notice.fail(caught, 'action.failed');
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
    notice.text ? h('p', { class: 'notice', role: 'status' }, notice.text) : null,
    incident.mergedIntoId
      ? h(
          'p',
          { class: 'notice', id: 'merged-into' },
          t('field.merge.mergedInto'),
          ' ',
          h('a', { href: `#/incident/${incident.mergedIntoId}` }, t('field.merge.openMerged')),
        )
      : null,
    splitIntoId
      ? h(
          'p',
          { class: 'notice', role: 'status', id: 'split-done' },
          t('field.split.done'),
          ' ',
          h('a', { href: `#/incident/${splitIntoId}` }, t('field.split.openNew')),
        )
      : null,
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
    h(ReportTimeline, {
      incidentId,
      reports: detail.reports,
      isClosed: incident.status === 'closed',
      onSplit: (newIncidentId: string) => {
        setSplitIntoId(newIncidentId);
        void refresh();
      },
    }),
    incident.status === 'closed'
      ? null
      : h(MergePanel, {
          incident,
          onMerged: () => {
            notice.show('field.merge.done');
            void refresh();
          },
        }),
    h(DispatchPanel, { incidentId, hasLocation: incident.location !== null, changeCount }),
    h(EvidenceList, { incidentId, changeCount }),
    h(EvidenceExports, { incidentId, session, changeCount }),
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
