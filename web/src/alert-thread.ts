import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from './api.ts';
import { AlertFollowUp, languageName } from './alert-follow-up.ts';
import { formatTime, t } from './i18n.ts';
import { messageOf } from './sign-in.ts';

/** One message of an alert's thread, as GET /api/alerts/:id/thread presents it. */
export interface ThreadAlert {
  id: string;
  kind: 'alert' | 'correction' | 'cancellation';
  state: 'draft' | 'approved';
  referencesAlertId: string | null;
  freeText: Record<string, string>;
  draftedAt: number;
  approvedAt: number | null;
  supersededAt: number | null;
  cancelledAt: number | null;
}

/** Live: approved, not cancelled, not replaced by a correction, and not itself a cancellation. */
export function isLive(alert: ThreadAlert): boolean {
  return (
    alert.state === 'approved' &&
    alert.kind !== 'cancellation' &&
    alert.cancelledAt === null &&
    alert.supersededAt === null
  );
}

/**
 * The history of an alert (original, corrections, cancellation, oldest first) and, on the live
 * message, the one-step correction and cancel.
 */
export function AlertThread(props: { alertId: string; languages: string[] }) {
  const [thread, setThread] = useState<ThreadAlert[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setThread((await get<{ alerts: ThreadAlert[] }>(`/api/alerts/${props.alertId}/thread`)).alerts);
    } catch (caught) {
      setNotice(messageOf(caught, 'alerts.loadFailed'));
    }
  }, [props.alertId]);
  useEffect(() => void refresh(), [refresh]);

  if (!thread) return notice ? h('p', { class: 'notice', role: 'status' }, notice) : null;
  const current = thread.find((alert) => alert.id === props.alertId);
  const live = thread.find(isLive);
  return h(
    'div',
    { class: 'alert-thread' },
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    current && current.id !== live?.id ? statusLine(current, live) : null,
    current && live?.id === current.id
      ? h(AlertFollowUp, { alertId: current.id, languages: props.languages })
      : null,
    h('h2', { id: 'alert-history-title' }, t('field.alert.history')),
    h(
      'ol',
      { class: 'alert-history', 'aria-labelledby': 'alert-history-title' },
      thread.map((alert) => historyEntry(alert, alert.id === props.alertId)),
    ),
  );
}

function statusLine(current: ThreadAlert, live: ThreadAlert | undefined) {
  if (current.cancelledAt !== null)
    return h('p', { class: 'notice', 'data-thread-state': 'cancelled' }, t('field.alert.isCancelled'));
  if (current.supersededAt !== null)
    return h(
      'p',
      { class: 'notice', 'data-thread-state': 'superseded' },
      t('field.alert.isSuperseded'),
      live ? [' ', h('a', { href: `#/alerts/${live.id}`, key: 'live' }, t('field.alert.openLive'))] : null,
    );
  return null;
}

function historyEntry(alert: ThreadAlert, isCurrent: boolean) {
  const texts = Object.entries(alert.freeText);
  const title = h(
    'span',
    null,
    h('strong', null, t(`field.alertKind.${alert.kind}`)),
    ' · ',
    t(alert.state === 'approved' ? 'field.alert.sentAt' : 'field.alert.draftedAt', {
      time: formatTime(alert.approvedAt ?? alert.draftedAt),
    }),
    alert.state === 'draft' ? ` · ${t('field.alert.awaitingApproval')}` : '',
  );
  return h(
    'li',
    {
      key: alert.id,
      'data-history-kind': alert.kind,
      'data-history-state': alert.state,
      'aria-current': isCurrent ? 'page' : undefined,
    },
    isCurrent ? title : h('a', { href: `#/alerts/${alert.id}` }, title),
    texts.length > 0
      ? h(
          'dl',
          { class: 'free-text' },
          texts.map(([language, text]) => [
            h('dt', { key: `${language}-name` }, languageName(language)),
            h('dd', { key: `${language}-text`, lang: language, dir: 'auto' }, text),
          ]),
        )
      : null,
  );
}
