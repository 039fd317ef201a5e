import { useEffect, useRef, useState } from 'preact/hooks';
import { formText } from '../forms.ts';
import { t } from '../i18n.ts';
import { ErrorText } from '../notice.tsx';
import { useAction } from '../use-action.ts';
import { hasPasskeys, stepUpWithCode, stepUpWithPasskey } from './step-up-api.ts';
import type { StepUpDemand } from './step-up-api.ts';

export interface StepUpText {
  /** Why the member is asked (e.g. "Changing roles needs a fresh confirmation."). */
  hint?: string;
  /** The label of the code form's submit button. */
  confirmLabel?: string;
}

/**
 * A modal dialog asking for a passkey or an authenticator code. `onDone(true)` after a successful
 * step-up, `onDone(false)` when the member cancels (button or Escape).
 */
export function StepUpDialog(
  props: StepUpText & { demand?: StepUpDemand; onDone: (isConfirmed: boolean) => void },
) {
  const demand = props.demand ?? 'any';
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [canUsePasskey, setCanUsePasskey] = useState(false);
  const proof = useAction();
  const { onDone } = props;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    hasPasskeys()
      .then(setCanUsePasskey)
      .catch(() => setCanUsePasskey(false));
    return () => dialog?.close();
  }, []);

  const prove = async (step: () => Promise<void>, failedKey: string) => {
    const isProven = await proof.succeeds(step, { failed: failedKey });
    if (isProven) onDone(true);
  };

  const submitCode = (event: Event) => {
    event.preventDefault();
    const code = formText(event.currentTarget, 'code');
    void prove(() => stepUpWithCode(code), 'signIn.codeFailed');
  };

  const cancel = (event: Event) => {
    event.preventDefault();
    onDone(false);
  };

  return (
    <dialog
      ref={dialogRef}
      class="step-up-dialog"
      aria-labelledby="step-up-title"
      aria-describedby="step-up-hint"
      onCancel={cancel}
    >
      <h2 id="step-up-title">{t('stepUp.title')}</h2>
      {demand === 'register-passkey' ? (
        <RegisterPasskeyFirst onClose={() => onDone(false)} />
      ) : (
        <>
          <p class="hint" id="step-up-hint">
            {demand === 'passkey' ? t('stepUp.passkeyOnly') : (props.hint ?? t('stepUp.hint'))}
          </p>
          <ErrorText message={proof.message} />
          {canUsePasskey ? (
            <p>
              <button
                type="button"
                class="button"
                id="step-up-passkey"
                disabled={proof.isBusy}
                onClick={() => void prove(stepUpWithPasskey, 'passkey.failed')}
              >
                {t('stepUp.usePasskey')}
              </button>
            </p>
          ) : null}
          {demand === 'passkey' ? (
            <div class="actions">
              <button type="button" class="button-secondary" onClick={() => onDone(false)}>
                {t('stepUp.cancel')}
              </button>
            </div>
          ) : (
            <form onSubmit={submitCode} class="step-up">
              {canUsePasskey ? <p class="hint">{t('stepUp.orCode')}</p> : null}
              <label for="step-up-code">{t('signIn.code')}</label>
              <input
                id="step-up-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
              />
              <div class="actions">
                <button type="submit" class="button" disabled={proof.isBusy}>
                  {props.confirmLabel ?? t('stepUp.confirm')}
                </button>
                <button type="button" class="button-secondary" onClick={() => onDone(false)}>
                  {t('stepUp.cancel')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </dialog>
  );
}

/** An approver or admin without a passkey: why, and where to register one (ADR 0026). */
function RegisterPasskeyFirst(props: { onClose: () => void }) {
  return (
    <>
      <p class="hint" id="step-up-hint">
        {t('stepUp.registerPasskey')}
      </p>
      <div class="actions">
        <a class="button" id="step-up-register-passkey" href="#/account" onClick={props.onClose}>
          {t('stepUp.openAccount')}
        </a>
        <button type="button" class="button-secondary" onClick={props.onClose}>
          {t('stepUp.cancel')}
        </button>
      </div>
    </>
  );
}
