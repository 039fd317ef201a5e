import { useState } from 'preact/hooks';
import { navigate } from '../../../lib/hash-route.ts';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { signOutEverywhere } from '../../auth/api/session.ts';
import { listSessions } from '../api/sessions.ts';
import { SessionTable } from '../components/session-table.tsx';

function ConfirmSignOut(props: { onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="confirm" role="group" aria-labelledby="sign-out-everywhere-question">
      <p id="sign-out-everywhere-question">{t('sessions.confirmQuestion')}</p>
      <div class="actions">
        <button
          type="button"
          class="button-danger"
          id="confirm-sign-out-everywhere"
          onClick={props.onConfirm}
        >
          {t('sessions.confirmYes')}
        </button>
        <button type="button" class="button-secondary" onClick={props.onCancel}>
          {t('stepUp.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * The member's live sessions (the server keeps no IP address or device name, so none is shown)
 * and "sign out everywhere" for a lost phone or a shared computer.
 */
export function SessionsPage() {
  const sessions = useResource(listSessions, []);
  const action = useAction();
  const [isConfirming, setConfirming] = useState(false);
  const endAll = async () => {
    if ((await action.run(signOutEverywhere)) === undefined) return;
    // A full reload drops every bit of state; the app then shows the sign-in screen.
    navigate('/');
    window.location.reload();
  };
  const loadFailure = sessions.error ? errorMessageOf(sessions.error, 'sessions.loadFailed') : null;
  return (
    <section class="panel" aria-labelledby="sessions-title">
      <p>
        <a href="#/account">{t('sessions.back')}</a>
      </p>
      <h1 id="sessions-title">{t('sessions.title')}</h1>
      <p class="hint">{t('sessions.explain')}</p>
      <Notice message={action.message ?? loadFailure} />
      {sessions.data === undefined ? <p>{t('app.loading')}</p> : <SessionTable sessions={sessions.data} />}
      {isConfirming ? (
        <ConfirmSignOut onConfirm={() => void endAll()} onCancel={() => setConfirming(false)} />
      ) : (
        <div class="actions">
          <button
            type="button"
            class="button-danger"
            id="sign-out-everywhere"
            onClick={() => setConfirming(true)}
          >
            {t('sessions.signOutEverywhere')}
          </button>
        </div>
      )}
    </section>
  );
}
