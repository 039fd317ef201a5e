import { startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, get, post } from './api.ts';
import { TotpSection } from './account-totp.ts';
import type { TotpState } from './account-totp.ts';
import { formatTime, t } from './i18n.ts';
import { hasRole, loadSession } from './session.ts';
import type { Session } from './session.ts';
import { messageOf } from './sign-in.ts';
import { useStepUp } from './step-up.ts';

interface Passkey {
  id: string;
  createdAt: number;
  lastUsedAt: number | null;
}

async function registerPasskey(): Promise<void> {
  const optionsJSON = await post<PublicKeyCredentialCreationOptionsJSON>(
    '/api/auth/passkeys/register/options',
  );
  const response = await startRegistration({ optionsJSON });
  await post('/api/auth/passkeys/register/verify', { response });
}

/**
 * The member's own sign-in factors: passkeys (add, list, remove) and an authenticator app (set
 * up with a QR code, remove). Adding a factor next to an existing one, and removing one, need a
 * fresh step-up; the dialog appears when the server asks for it.
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

  const act = async (action: () => Promise<void>, doneKey: string) => {
    setBusy(true);
    setNotice(null);
    try {
      if ((await stepUp.run(async () => (await action(), true))) === true) {
        setNotice(t(doneKey));
        await refresh();
      }
    } catch (caught) {
      setNotice(messageOf(caught, 'passkey.failed'));
    } finally {
      setBusy(false);
    }
  };

  const removePasskey = (passkeyId: string) =>
    act(() => api('DELETE', `/api/auth/passkeys/${encodeURIComponent(passkeyId)}`), 'passkey.removed');

  const needsFactor = session && !session.hasSecondFactor && hasRole(session, 'admin', 'coordinator');
  return h(
    'section',
    { class: 'panel account', 'aria-labelledby': 'account-title' },
    h('h1', { id: 'account-title' }, t('account.title')),
    h('p', null, h('a', { href: '#/sessions' }, t('account.sessionsLink'))),
    needsFactor ? h('p', { class: 'notice' }, t('account.factorNeeded')) : null,
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    h(
      'section',
      { 'aria-labelledby': 'passkeys-title', class: 'account-part' },
      h('h2', { id: 'passkeys-title' }, t('passkey.title')),
      h('p', { class: 'hint' }, t('passkey.explain')),
      passkeys === null
        ? h('p', null, t('app.loading'))
        : passkeys.length === 0
          ? h('p', { class: 'empty' }, t('passkey.none'))
          : h(
              'ul',
              { class: 'factor-list', id: 'passkey-list' },
              passkeys.map((passkey, index) =>
                h(
                  'li',
                  { key: passkey.id, class: 'factor' },
                  h(
                    'span',
                    null,
                    h('strong', null, t('passkey.name', { number: index + 1 })),
                    ' · ',
                    t('passkey.added', { date: formatTime(passkey.createdAt) }),
                    ' · ',
                    passkey.lastUsedAt === null
                      ? t('passkey.neverUsed')
                      : t('passkey.lastUsed', { date: formatTime(passkey.lastUsedAt) }),
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button-secondary',
                      disabled: isBusy,
                      'aria-label': t('passkey.removeNamed', { number: index + 1 }),
                      onClick: () => void removePasskey(passkey.id),
                    },
                    t('passkey.remove'),
                  ),
                ),
              ),
            ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'add-passkey',
          disabled: isBusy,
          onClick: () => void act(registerPasskey, 'passkey.addedNotice'),
        },
        t('passkey.add'),
      ),
    ),
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
