import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { navigate } from './route.ts';
import { signOutEverywhere } from './session.ts';
import { messageOf } from './sign-in.ts';

interface SessionRow {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  isCurrent: boolean;
}

/**
 * The member's live sessions (the server keeps no IP address or device name, so none is shown)
 * and "sign out everywhere" for a lost phone or a shared computer.
 */
export function SessionsView() {
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);

  useEffect(() => {
    get<{ sessions: SessionRow[] }>('/api/auth/sessions')
      .then((list) => setSessions(list.sessions))
      .catch((caught: unknown) => setNotice(messageOf(caught, 'sessions.loadFailed')));
  }, []);

  const endAll = async () => {
    try {
      await signOutEverywhere();
      // A full reload drops every bit of state; the app then shows the sign-in screen.
      navigate('/');
      window.location.reload();
    } catch (caught) {
      setNotice(messageOf(caught, 'action.failed'));
    }
  };

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'sessions-title' },
    h('p', null, h('a', { href: '#/account' }, t('sessions.back'))),
    h('h1', { id: 'sessions-title' }, t('sessions.title')),
    h('p', { class: 'hint' }, t('sessions.explain')),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    sessions === null
      ? h('p', null, t('app.loading'))
      : h(
          'table',
          { class: 'members', id: 'session-list' },
          h('caption', { class: 'visually-hidden' }, t('sessions.title')),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['sessions.started', 'sessions.lastActive', 'sessions.expires', 'sessions.device'].map((key) =>
                h('th', { scope: 'col', key }, t(key)),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            sessions.map((session) =>
              h(
                'tr',
                { key: session.id, 'data-current': session.isCurrent ? 'true' : 'false' },
                h('td', null, formatTime(session.createdAt)),
                h('td', null, formatTime(session.lastSeenAt)),
                h('td', null, formatTime(session.expiresAt)),
                h(
                  'td',
                  null,
                  session.isCurrent
                    ? h('span', { class: 'badge' }, t('sessions.thisDevice'))
                    : t('sessions.other'),
                ),
              ),
            ),
          ),
        ),
    isConfirming
      ? h(
          'div',
          { class: 'confirm', role: 'group', 'aria-labelledby': 'sign-out-everywhere-question' },
          h('p', { id: 'sign-out-everywhere-question' }, t('sessions.confirmQuestion')),
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'button-danger',
                id: 'confirm-sign-out-everywhere',
                onClick: () => void endAll(),
              },
              t('sessions.confirmYes'),
            ),
            h(
              'button',
              { type: 'button', class: 'button-secondary', onClick: () => setConfirming(false) },
              t('stepUp.cancel'),
            ),
          ),
        )
      : h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'button-danger',
              id: 'sign-out-everywhere',
              onClick: () => setConfirming(true),
            },
            t('sessions.signOutEverywhere'),
          ),
        ),
  );
}
