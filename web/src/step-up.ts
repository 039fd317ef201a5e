import { startAuthentication } from '@simplewebauthn/browser';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { h } from 'preact';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post } from './api.ts';
import { formText } from './forms.ts';
import { t } from './i18n.ts';
import { messageOf } from './sign-in.ts';

/** True when the server refused an action until the member proves a second factor again. */
export function isStepUpRequired(caught: unknown): boolean {
  return caught instanceof ApiError && caught.code === 'STEP_UP_REQUIRED';
}

/** A fresh passkey assertion for this session (opens the step-up window on the server). */
export async function stepUpWithPasskey(): Promise<void> {
  const optionsJSON = await post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/step-up/options');
  const response = await startAuthentication({ optionsJSON });
  await post('/api/auth/step-up', { response });
}

export async function stepUpWithCode(code: string): Promise<void> {
  await post('/api/auth/step-up', { code });
}

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
export function StepUpDialog(props: StepUpText & { onDone: (isConfirmed: boolean) => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [hasPasskeys, setHasPasskeys] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const { onDone } = props;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    get<{ passkeys: unknown[] }>('/api/auth/passkeys')
      .then((list) => setHasPasskeys(list.passkeys.length > 0))
      .catch(() => setHasPasskeys(false));
    return () => dialog?.close();
  }, []);

  const attempt = async (proof: () => Promise<void>, fallbackKey: string) => {
    setBusy(true);
    setError(null);
    try {
      await proof();
      onDone(true);
    } catch (caught) {
      setError(messageOf(caught, fallbackKey));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = (event: Event) => {
    event.preventDefault();
    const code = formText(event.currentTarget, 'code');
    void attempt(() => stepUpWithCode(code), 'signIn.codeFailed');
  };

  return h(
    'dialog',
    {
      ref: dialogRef,
      class: 'step-up-dialog',
      'aria-labelledby': 'step-up-title',
      'aria-describedby': 'step-up-hint',
      onCancel: (event: Event) => {
        event.preventDefault();
        onDone(false);
      },
    },
    h('h2', { id: 'step-up-title' }, t('stepUp.title')),
    h('p', { class: 'hint', id: 'step-up-hint' }, props.hint ?? t('stepUp.hint')),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    hasPasskeys
      ? h(
          'p',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              id: 'step-up-passkey',
              disabled: isBusy,
              onClick: () => void attempt(stepUpWithPasskey, 'passkey.failed'),
            },
            t('stepUp.usePasskey'),
          ),
        )
      : null,
    h(
      'form',
      { onSubmit: submitCode, class: 'step-up' },
      hasPasskeys ? h('p', { class: 'hint' }, t('stepUp.orCode')) : null,
      h('label', { for: 'step-up-code' }, t('signIn.code')),
      h('input', {
        id: 'step-up-code',
        name: 'code',
        inputMode: 'numeric',
        autoComplete: 'one-time-code',
        required: true,
      }),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'submit', class: 'button', disabled: isBusy },
          props.confirmLabel ?? t('stepUp.confirm'),
        ),
        h(
          'button',
          { type: 'button', class: 'button-secondary', onClick: () => onDone(false) },
          t('stepUp.cancel'),
        ),
      ),
    ),
  );
}

/**
 * Runs server actions that may need a fresh second factor. `run(action)` calls the action; when
 * the server answers STEP_UP_REQUIRED it shows the step-up dialog and, once the member has
 * confirmed, calls the action again. It resolves `undefined` if the member cancels; any other
 * error is thrown to the caller. Render `dialog` somewhere in the screen.
 */
export function useStepUp(text: StepUpText = {}): {
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  dialog: ComponentChildren;
} {
  const [pending, setPending] = useState<((isConfirmed: boolean) => void) | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await action();
    } catch (caught) {
      if (!isStepUpRequired(caught)) throw caught;
      const isConfirmed = await new Promise<boolean>((resolve) => setPending(() => resolve));
      setPending(null);
      return isConfirmed ? await action() : undefined;
    }
  }, []);
  const dialog = pending ? h(StepUpDialog, { ...text, onDone: pending }) : null;
  return { run, dialog };
}
