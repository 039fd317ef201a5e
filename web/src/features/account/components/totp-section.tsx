import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { isApiError } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { confirmTotp, removeTotp, startTotpEnrollment } from '../api/totp.ts';
import type { TotpEnrollment } from '../api/types.ts';
import { TotpEnrollmentView } from './totp-enrollment-view.tsx';

/** 'unknown': the member has passkeys, and the API does not say whether an app is set up too. */
export type TotpState = 'none' | 'enrolled' | 'unknown';

/** Set up an authenticator app (QR code, then a first code to confirm) or remove it. */
export function TotpSection(props: {
  state: TotpState;
  runWithStepUp: RunWithStepUp;
  onChanged: (state: TotpState, noticeKey: string) => void;
}) {
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const action = useAction();

  const attempt = async (step: () => Promise<void>, failedKey: string) => {
    await action.run(
      async () => {
        try {
          await props.runWithStepUp(step);
        } catch (caught) {
          // Set up in another tab meanwhile: say so instead of an error.
          if (!isApiError(caught, 'TOTP_ALREADY_ENROLLED')) throw caught;
          props.onChanged('enrolled', 'totp.alreadyEnrolled');
        }
      },
      { failed: failedKey },
    );
  };
  const start = () => attempt(async () => setEnrollment(await startTotpEnrollment()), 'action.failed');
  const confirm = (code: string) =>
    attempt(async () => {
      await confirmTotp(code);
      setEnrollment(null);
      props.onChanged('enrolled', 'totp.enrolled');
    }, 'signIn.codeFailed');
  const remove = () =>
    attempt(async () => {
      await removeTotp();
      props.onChanged('none', 'totp.removed');
    }, 'action.failed');

  return (
    <section aria-labelledby="totp-title" class="account-part">
      <h2 id="totp-title">{t('totp.title')}</h2>
      <p class="hint">{t(props.state === 'enrolled' ? 'totp.enrolledExplain' : 'totp.explain')}</p>
      {props.state === 'unknown' ? <p class="hint">{t('totp.unknownState')}</p> : null}
      <ErrorText message={action.message} />
      {enrollment ? (
        <TotpEnrollmentView
          enrollment={enrollment}
          isBusy={action.isBusy}
          onConfirm={(code) => void confirm(code)}
          onCancel={() => setEnrollment(null)}
        />
      ) : (
        <div class="actions">
          {props.state !== 'enrolled' ? (
            <button
              type="button"
              class="button"
              id="enroll-totp"
              disabled={action.isBusy}
              onClick={() => void start()}
            >
              {t('totp.setUp')}
            </button>
          ) : null}
          {props.state !== 'none' ? (
            <button
              type="button"
              class="button-secondary"
              id="remove-totp"
              disabled={action.isBusy}
              onClick={() => void remove()}
            >
              {t('totp.remove')}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
