import { h } from 'preact';
import { formText } from './forms.ts';
import { useState } from 'preact/hooks';
import { ApiError, post } from './api.ts';
import { t } from './i18n.ts';
import { signInWithPasskey } from './session.ts';

interface SignInAnswer {
  status: string;
  pendingToken?: string;
  methods?: string[];
}

interface PendingSignIn {
  token: string;
  methods: string[];
}

/**
 * Email and password, then the second step the account has (authenticator code or passkey); or a
 * passkey alone, without a password.
 */
export function SignIn(props: { onSignedIn: () => void }) {
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const attempt = async (step: () => Promise<void>, fallbackKey: string) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (caught) {
      setError(messageOf(caught, fallbackKey));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (pending) {
      const code = formText(form, 'code');
      void attempt(async () => {
        await post('/api/auth/sign-in/totp', { pendingToken: pending.token, code });
        props.onSignedIn();
      }, 'signIn.codeFailed');
      return;
    }
    const email = formText(form, 'email');
    const password = new FormData(form as HTMLFormElement).get('password') as string;
    void attempt(async () => {
      const answer = await post<SignInAnswer>('/api/auth/sign-in', { email, password });
      if (answer.status === 'second_factor_required' && answer.pendingToken) {
        setPending({ token: answer.pendingToken, methods: answer.methods ?? ['totp'] });
      } else {
        props.onSignedIn();
      }
    }, 'signIn.failed');
  };

  const usePasskey = () =>
    void attempt(async () => {
      await signInWithPasskey(pending?.token);
      props.onSignedIn();
    }, 'passkey.signInFailed');

  const hasTotp = pending === null || pending.methods.includes('totp');
  const hasPasskey = pending === null || pending.methods.includes('passkey');
  return h(
    'section',
    { class: 'panel narrow', 'aria-labelledby': 'sign-in-title' },
    h(
      'h1',
      { id: 'sign-in-title' },
      pending ? t(hasTotp ? 'signIn.codeTitle' : 'signIn.passkeyTitle') : t('signIn.title'),
    ),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    hasTotp
      ? h(
          'form',
          { onSubmit: submit, key: pending ? 'code' : 'password' },
          pending
            ? [
                h('p', { class: 'hint', id: 'code-hint', key: 'hint' }, t('signIn.codeHint')),
                field('code', t('signIn.code'), {
                  inputMode: 'numeric',
                  autoComplete: 'one-time-code',
                  'aria-describedby': 'code-hint',
                  autoFocus: true,
                }),
              ]
            : [
                field('email', t('signIn.email'), {
                  type: 'email',
                  autoComplete: 'username',
                  autoFocus: true,
                }),
                field('password', t('signIn.password'), {
                  type: 'password',
                  autoComplete: 'current-password',
                }),
              ],
          h('button', { type: 'submit', class: 'button', disabled: isBusy }, t('signIn.submit')),
        )
      : null,
    hasPasskey
      ? h(
          'div',
          { class: 'passkey-sign-in' },
          hasTotp ? h('p', { class: 'divider' }, h('span', null, t('signIn.or'))) : null,
          pending ? h('p', { class: 'hint' }, t('signIn.passkeySecondStepHint')) : null,
          h(
            'button',
            {
              type: 'button',
              class: pending && !hasTotp ? 'button' : 'button-secondary',
              id: 'sign-in-passkey',
              disabled: isBusy,
              onClick: usePasskey,
            },
            pending ? t('signIn.usePasskey') : t('signIn.withPasskey'),
          ),
        )
      : null,
  );
}

export function field(name: string, label: string, attributes: Record<string, unknown> = {}) {
  const id = `field-${name}`;
  return h(
    'div',
    { class: 'field', key: name },
    h('label', { for: id }, label),
    h('input', { id, name, type: 'text', required: true, ...attributes }),
  );
}

/** A translated message for a failed call: the error code's own message when the catalog has one. */
export function messageOf(caught: unknown, fallbackKey: string): string {
  if (caught instanceof ApiError) {
    const key = `error.${caught.code}`;
    const translated = t(key);
    if (translated !== key) return translated;
  }
  return t(fallbackKey);
}
