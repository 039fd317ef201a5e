import { Field } from '../../../lib/field.tsx';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { signInOperator } from '../api/operator.ts';

/** Email, password and the authenticator code together: an operator always has the app. */
export function OperatorSignInPage(props: { onSignedIn: () => void }) {
  const attempt = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const password = new FormData(form).get('password') as string;
    void attempt.run(
      async () => {
        await signInOperator(formText(form, 'email'), password, formText(form, 'code'));
        props.onSignedIn();
      },
      { failed: 'operator.signInFailed' },
    );
  };
  return (
    <section class="panel narrow" aria-labelledby="operator-sign-in-title" id="operator-sign-in">
      <h1 id="operator-sign-in-title">{t('operator.signInTitle')}</h1>
      <p>{t('operator.signInIntro')}</p>
      <ErrorText message={attempt.message} />
      <form onSubmit={submit}>
        <Field
          id="field-email"
          name="email"
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
        />
        <Field
          id="field-password"
          name="password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          required
        />
        <Field
          id="field-code"
          name="code"
          label={t('operator.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
        <button type="submit" class="button" disabled={attempt.isBusy}>
          {t('operator.signInSubmit')}
        </button>
      </form>
    </section>
  );
}
