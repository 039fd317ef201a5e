import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from './api.ts';
import { PasskeySection } from './account-passkeys.ts';
import type { Passkey } from './account-passkeys.ts';
import { TotpSection } from './account-totp.ts';
import type { TotpState } from './account-totp.ts';
import { t } from './i18n.ts';
import { hasRole, loadSession } from './session.ts';
import type { Session } from './session.ts';
import { messageOf } from './sign-in.ts';
import { useStepUp } from './step-up.ts';

/**
 * The member's own sign-in factors: passkeys (add under a name, list, rename, remove) and an
 * authenticator app (set up with a QR code, remove). Adding a factor next to an existing one, and
 * removing one, need a fresh step-up (renaming does not); the dialog appears when the server asks.
 */
export function AccountSecurityView() {
  const [session, setSession] = useState<Session | null>(null);
  const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
  const [totpState, setTotpState] = useState<TotpState>('unknown');
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const stepUp = useStepUp({ hint: t('stepUp.hintFactors') });

  const refresh = useCallback(async () => {
    try {
      const [loaded, list] = await Promise.all([
        loadSession(),
        get<{ passkeys: Passkey[] }>('/api/auth/passkeys'),
      ]);
      setSession(loaded);
      setPasskeys(list.passkeys);
      // The API says whether a factor exists, and lists passkeys; TOTP is known only by elimination.
      if (loaded && !loaded.hasSecondFactor) setTotpState('none');
      else if (loaded && list.passkeys.length === 0) setTotpState('enrolled');
    } catch (caught) {
      setNotice(messageOf(caught, 'account.loadFailed'));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const act = async (action: () => Promise<void>, doneKey: string, failedKey = 'passkey.failed') => {
    setBusy(true);
    setNotice(null);
    try {
      if ((await stepUp.run(async () => (await action(), true))) === true) {
        setNotice(t(doneKey));
        await refresh();
      }
    } catch (caught) {
      setNotice(messageOf(caught, failedKey));
    } finally {
      setBusy(false);
    }
  };

  const needsFactor = session && !session.hasSecondFactor && hasRole(session, 'admin', 'coordinator');
  return h(
    'section',
    { class: 'panel account', 'aria-labelledby': 'account-title' },
    h('h1', { id: 'account-title' }, t('account.title')),
    h('p', null, h('a', { href: '#/sessions' }, t('account.sessionsLink'))),
    needsFactor ? h('p', { class: 'notice' }, t('account.factorNeeded')) : null,
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    h(PasskeySection, { passkeys, isBusy, run: act }),
    h(TotpSection, {
      state: totpState,
      runWithStepUp: stepUp.run,
      onChanged: (state: TotpState, noticeKey: string) => {
        setTotpState(state);
        setNotice(t(noticeKey));
        void refresh();
      },
    }),
    stepUp.dialog,
  );
}
