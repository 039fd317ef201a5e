import { useState } from 'preact/hooks';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { signInWithCode, signInWithPasskey, signInWithPassword } from '../api/session.ts';
import type { SecondFactorMethod } from '../api/types.ts';
import { PasskeySignIn } from '../components/passkey-sign-in.tsx';
import { CodeField, PasswordFields } from '../components/sign-in-fields.tsx';

interface PendingSignIn {
  token: string;
  methods: SecondFactorMethod[];
}

/**
 * Email and password, then the second step the account has (authenticator code or passkey); or a
 * passkey alone, without a password.
 */
export function SignInPage(props: { onSignedIn: () => void }) {
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  const attempt = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (pending) {
      const code = formText(form, 'code');
      void attempt.run(
        async () => {
          await signInWithCode(pending.token, code);
          props.onSignedIn();
        },
        { failed: 'signIn.codeFailed' },
      );
      return;
    }
    const email = formText(form, 'email');
    const password = new FormData(form as HTMLFormElement).get('password') as string;
    void attempt.run(
      async () => {
        const answer = await signInWithPassword(email, password);
        if (answer.status === 'second_factor_required') {
          setPending({ token: answer.pendingToken, methods: answer.methods });
        } else {
          props.onSignedIn();
        }
      },
      { failed: 'signIn.failed' },
    );
  };

  const usePasskey = () =>
    void attempt.run(
      async () => {
        await signInWithPasskey(pending?.token);
        props.onSignedIn();
      },
      { failed: 'passkey.signInFailed' },
    );

  const hasCodeForm = pending === null || pending.methods.includes('totp');
  const hasPasskey = pending === null || pending.methods.includes('passkey');
  const title = pending ? (hasCodeForm ? 'signIn.codeTitle' : 'signIn.passkeyTitle') : 'signIn.title';
  return (
    <section class="panel narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t(title)}</h1>
      <ErrorText message={attempt.message} />
      {hasCodeForm ? (
        <form onSubmit={submit} key={pending ? 'code' : 'password'}>
          {pending ? <CodeField /> : <PasswordFields />}
          <button type="submit" class="button" disabled={attempt.isBusy}>
            {t('signIn.submit')}
          </button>
        </form>
      ) : null}
      {hasPasskey ? (
        <PasskeySignIn
          isSecondStep={pending !== null}
          hasCodeForm={hasCodeForm}
          isBusy={attempt.isBusy}
          onUse={usePasskey}
        />
      ) : null}
    </section>
  );
}
