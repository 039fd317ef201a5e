import { h } from 'preact';
import { formText } from './forms.ts';
import { useState } from 'preact/hooks';
import { ApiError, post } from './api.ts';
import { t } from './i18n.ts';

interface SignInAnswer {
  status: string;
  pendingToken?: string;
  methods?: string[];
}

/** Email and password, then the authenticator code when the account has one. */
export function SignIn(props: { onSignedIn: () => void }) {
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      if (pendingToken) {
        await post('/api/auth/sign-in/totp', { pendingToken, code: formText(form, 'code') });
        props.onSignedIn();
        return;
      }
      const answer = await post<SignInAnswer>('/api/auth/sign-in', {
        email: formText(form, 'email'),
        password: new FormData(form as HTMLFormElement).get('password') as string,
      });
      if (answer.status === 'second_factor_required' && answer.pendingToken) {
        setPendingToken(answer.pendingToken);
      } else {
        props.onSignedIn();
      }
    } catch (caught) {
      setError(messageOf(caught, pendingToken ? 'signIn.codeFailed' : 'signIn.failed'));
    } finally {
      setBusy(false);
    }
  };

  return h(
    'section',
    { class: 'panel narrow', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, pendingToken ? t('signIn.codeTitle') : t('signIn.title')),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    h(
      'form',
      { onSubmit: submit, key: pendingToken ? 'code' : 'password' },
      pendingToken
        ? [
            h('p', { class: 'hint', id: 'code-hint' }, t('signIn.codeHint')),
            field('code', t('signIn.code'), {
              inputMode: 'numeric',
              autoComplete: 'one-time-code',
              'aria-describedby': 'code-hint',
              autoFocus: true,
            }),
          ]
        : [
            field('email', t('signIn.email'), { type: 'email', autoComplete: 'username', autoFocus: true }),
            field('password', t('signIn.password'), { type: 'password', autoComplete: 'current-password' }),
          ],
      h('button', { type: 'submit', class: 'button', disabled: isBusy }, t('signIn.submit')),
    ),
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
