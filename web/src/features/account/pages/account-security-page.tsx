import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole } from '../../auth/session.ts';
import { PasskeySection } from '../components/passkey-section.tsx';
import { TotpSection } from '../components/totp-section.tsx';
import { useAccountFactors } from '../hooks/use-account-factors.ts';

/**
 * The member's own sign-in factors: passkeys (add under a name, list, rename, remove) and an
 * authenticator app (set up with a QR code, remove). Adding a factor next to an existing one, and
 * removing one, need a fresh step-up (renaming does not); the dialog appears when the server asks.
 */
export function AccountSecurityPage() {
  const { factors, totpState, setTotpState } = useAccountFactors();
  const action = useAction();
  const stepUp = useStepUp({ hint: t('stepUp.hintFactors') });

  const run = async (step: () => Promise<void>, doneKey: string, failedKey = 'passkey.failed') => {
    const isDone = await action.succeeds(() => stepUp.run(step), {
      done: doneKey,
      failed: failedKey,
    });
    if (isDone) await factors.reload();
  };
  const session = factors.data?.session;
  const needsFactor = session && !session.hasSecondFactor && hasRole(session, 'admin', 'coordinator');
  const loadFailure = factors.error ? errorMessageOf(factors.error, 'account.loadFailed') : null;

  return (
    <section class="panel account" aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <p>
        <a href="#/sessions">{t('account.sessionsLink')}</a>
      </p>
      {needsFactor ? <p class="notice">{t('account.factorNeeded')}</p> : null}
      <Notice message={action.message ?? loadFailure} />
      <PasskeySection passkeys={factors.data?.passkeys ?? null} isBusy={action.isBusy} run={run} />
      <TotpSection
        state={totpState}
        runWithStepUp={stepUp.run}
        onChanged={(state, noticeKey) => {
          setTotpState(state);
          action.setMessage(messageOf(noticeKey));
          void factors.reload();
        }}
      />
      {stepUp.dialog}
    </section>
  );
}
