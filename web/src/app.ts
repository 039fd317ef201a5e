import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { AccountSecurityView } from './account-security.ts';
import { RecoveryApprovalView } from './account-recovery.ts';
import { SessionsView } from './account-sessions.ts';
import { AdminPage } from './admin-routes.ts';
import { onSessionEnded } from './api.ts';
import { AlertList, AlertPage } from './alerts.ts';
import { HelpOverlay } from './help.ts';
import { setLanguage, t } from './i18n.ts';
import type { Language } from './i18n.ts';
import { IncidentPage } from './incident-page.ts';
import { InvitationsView } from './invitations.ts';
import { MembersView } from './members.ts';
import { OperatorEntry } from './operator-entry.ts';
import { QueueView } from './queue.ts';
import { ResponderView } from './responder.ts';
import { isTyping, navigate, useHashRoute } from './route.ts';
import { hasRole, loadSession, signOut } from './session.ts';
import type { Session } from './session.ts';
import { SignIn } from './sign-in.ts';
import { TopBar } from './top-bar.ts';

function homeOf(session: Session): string {
  return hasRole(session, 'dispatcher', 'coordinator', 'admin') ? '/queue' : '/responder';
}

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [, setLanguageVersion] = useState(0);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const [hasSessionEnded, setSessionEnded] = useState(false);
  const route = useHashRoute();

  const reloadSession = useCallback(async () => {
    const loaded = await loadSession().catch(() => null);
    setSession(loaded);
    if (loaded && window.location.hash.replace(/^#\/?/, '') === '') navigate(homeOf(loaded));
  }, []);

  useEffect(() => void reloadSession(), [reloadSession]);

  // A call answered 401: back to sign-in with a notice, instead of each screen's own error.
  useEffect(() => {
    onSessionEnded(() => {
      setSessionEnded(true);
      setSession(null);
    });
    return () => onSessionEnded(null);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      if (event.key === '?') setHelpOpen((isOpen) => !isOpen);
      else if (event.key === 'Escape') setHelpOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const changeLanguage = async (language: Language) => {
    await setLanguage(language);
    setLanguageVersion((version) => version + 1);
  };

  const doSignOut = async () => {
    await signOut().catch(() => undefined);
    setSessionEnded(false);
    setSession(null);
    navigate('/');
  };

  return h(
    'div',
    { class: 'shell' },
    h(TopBar, {
      session: session ?? null,
      onLanguage: (language) => void changeLanguage(language),
      onSignOut: () => void doSignOut(),
      onHelp: () => setHelpOpen(true),
    }),
    h(
      'main',
      { id: 'main' },
      session === undefined
        ? h('p', null, t('app.loading'))
        : session === null
          ? [
              hasSessionEnded
                ? h(
                    'p',
                    { class: 'notice', role: 'status', id: 'session-ended', key: 'ended' },
                    t('app.sessionEnded'),
                  )
                : null,
              h(SignIn, {
                key: 'sign-in',
                onSignedIn: () => {
                  setSessionEnded(false);
                  void reloadSession();
                },
              }),
            ]
          : page(session, route),
    ),
    isHelpOpen ? h(HelpOverlay, { onClose: () => setHelpOpen(false) }) : null,
  );
}

function page(session: Session, route: string[]) {
  const [name, id] = route;
  switch (name) {
    case 'incident':
      return id ? h(IncidentPage, { incidentId: id, session, key: id }) : h(QueueView, null);
    case 'entry':
      return h(OperatorEntry, null);
    case 'responder':
      return h(ResponderView, null);
    case 'alerts':
      return id ? h(AlertPage, { alertId: id, memberId: session.memberId, key: id }) : h(AlertList, null);
    case 'members':
      return h(MembersView, { session });
    case 'account':
      return h(AccountSecurityView, null);
    case 'sessions':
      return h(SessionsView, null);
    case 'invitations':
      return h(InvitationsView, { session });
    case 'recovery':
      return id && route[2]
        ? h(RecoveryApprovalView, { memberId: id, linkId: route[2], key: route[2] })
        : h(MembersView, { session });
    case 'admin':
      return h(AdminPage, { session, screen: id, key: id });
    case 'queue':
      return h(QueueView, null);
    case undefined:
    default:
      return hasRole(session, 'dispatcher', 'coordinator', 'admin')
        ? h(QueueView, null)
        : h(ResponderView, null);
  }
}
