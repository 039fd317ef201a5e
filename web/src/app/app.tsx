import { useCallback, useEffect, useState } from 'preact/hooks';
import { onSessionEnded } from '../lib/api.ts';
import { navigate, useHashPath } from '../lib/hash-route.ts';
import { setLanguage, t } from '../lib/i18n.ts';
import type { Language } from '../lib/i18n.ts';
import { useKeyCommands } from '../lib/keyboard.ts';
import { loadSession, signOut } from '../features/auth/api/session.ts';
import type { SessionView } from '../features/auth/api/types.ts';
import { SignInPage } from '../features/auth/pages/sign-in-page.tsx';
import { SessionContext } from '../features/auth/session.ts';
import { EnrolmentRequiredPage } from '../features/account/pages/enrolment-required-page.tsx';
import { forgetOfflineCopies } from '../features/dispatch/offline-shell.ts';
import { wipeOutbox } from '../features/dispatch/outbox/outbox.ts';
import { UnsealPage } from '../features/seal/pages/unseal-page.tsx';
import { OperatorApp } from '../features/operator/pages/operator-app.tsx';
import { isApiError } from '../lib/message.ts';
import { HelpOverlay } from './help-overlay.tsx';
import { CurrentPage } from './current-page.tsx';
import { homeOf } from './routes.tsx';
import { TopBar } from './top-bar.tsx';

/** Loads the session once; a 401 on any later call ends it (signed out elsewhere, removed...). */
function useSessionState() {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [hasSessionEnded, setSessionEnded] = useState(false);
  // A sealed server (ADR 0030) answers every call SERVER_SEALED: the app shows the unseal screen.
  const [isSealed, setSealed] = useState(false);

  const reloadSession = useCallback(async () => {
    const loaded = await loadSession().catch((caught: unknown) => {
      setSealed(isApiError(caught, 'SERVER_SEALED'));
      return null;
    });
    setSession(loaded);
    if (loaded && window.location.hash.replace(/^#\/?/, '') === '') navigate(homeOf(loaded).path);
  }, []);
  useEffect(() => void reloadSession(), [reloadSession]);

  // Back to sign-in with a notice, instead of each screen's own error.
  useEffect(() => {
    onSessionEnded(() => {
      void wipeOutbox();
      void forgetOfflineCopies();
      setSessionEnded(true);
      setSession(null);
    });
    return () => onSessionEnded(null);
  }, []);

  const signedIn = () => {
    setSessionEnded(false);
    void reloadSession();
  };
  const signOutHere = async () => {
    await signOut().catch(() => undefined);
    // Nothing a responder made or saw stays on the phone after signing out.
    await wipeOutbox();
    await forgetOfflineCopies();
    setSessionEnded(false);
    setSession(null);
    navigate('/');
  };
  const unsealed = () => {
    setSealed(false);
    void reloadSession();
  };
  return { session, hasSessionEnded, isSealed, unsealed, signedIn, signOutHere };
}

function SignedOut(props: { hasSessionEnded: boolean; onSignedIn: () => void }) {
  return (
    <>
      {props.hasSessionEnded ? (
        <p class="notice" role="status" id="session-ended" key="ended">
          {t('app.sessionEnded')}
        </p>
      ) : null}
      <SignInPage key="sign-in" onSignedIn={props.onSignedIn} />
    </>
  );
}

/** The shell: top bar, the current page (or sign-in), and the shortcut help. */
export function App() {
  const { session, hasSessionEnded, isSealed, unsealed, signedIn, signOutHere } = useSessionState();
  const [, setLanguageVersion] = useState(0);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const path = useHashPath();
  useKeyCommands({
    '?': () => setHelpOpen((isOpen) => !isOpen),
    Escape: () => {
      setHelpOpen(false);
      // Escape also belongs to the pages (back to the queue): closing help must not take it.
      return false;
    },
  });

  const changeLanguage = async (language: Language) => {
    await setLanguage(language);
    setLanguageVersion((version) => version + 1);
  };

  return (
    <div class="shell">
      <TopBar
        session={session ?? null}
        onLanguage={(language) => void changeLanguage(language)}
        onSignOut={() => void signOutHere()}
        onHelp={() => setHelpOpen(true)}
      />
      <main id="main">
        {isSealed ? (
          <UnsealPage onUnsealed={unsealed} />
        ) : path[0] === 'operator' ? (
          <OperatorApp path={path} />
        ) : session === undefined ? (
          <p>{t('app.loading')}</p>
        ) : session === null ? (
          <SignedOut hasSessionEnded={hasSessionEnded} onSignedIn={signedIn} />
        ) : session.roles.length > 0 && !session.hasSecondFactor ? (
          <EnrolmentRequiredPage onEnrolled={signedIn} />
        ) : (
          <SessionContext.Provider value={session}>
            <CurrentPage session={session} path={path} />
          </SessionContext.Provider>
        )}
      </main>
      {isHelpOpen ? <HelpOverlay onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
