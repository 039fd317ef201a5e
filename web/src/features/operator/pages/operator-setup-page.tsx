import { useState } from 'preact/hooks';
import { Field } from '../../../lib/field.tsx';
import { formText } from '../../../lib/forms.ts';
import { navigate } from '../../../lib/hash-route.ts';
import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { completeOperatorSetup, getOperatorSetup } from '../api/operator.ts';

/** The operator's one-time setup link: a password and an authenticator app, proved by one code. */
export function OperatorSetupPage(props: { token: string }) {
  const setup = useResource(() => getOperatorSetup(props.token), [props.token]);
  const attempt = useAction();
  const [isDone, setDone] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const password = new FormData(form).get('password') as string;
    const code = formText(form, 'code');
    void attempt.run(
      async () => {
        await completeOperatorSetup(props.token, password, code);
        setDone(true);
      },
      { failed: 'operator.setupFailed' },
    );
  };

  return (
    <section class="panel narrow" aria-labelledby="operator-setup-title" id="operator-setup">
      <h1 id="operator-setup-title">{t('operator.setupTitle')}</h1>
      {isDone ? (
        <>
          <p role="status">{t('operator.setupDone')}</p>
          <button type="button" class="button" onClick={() => navigate('/operator')}>
            {t('operator.goToSignIn')}
          </button>
        </>
      ) : setup.error ? (
        <ErrorText message={errorMessageOf(setup.error, 'operator.setupLinkUnusable')} />
      ) : !setup.data ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <p>{t('operator.setupIntro')}</p>
          <div
            class="totp-qr"
            role="img"
            aria-label={t('operator.qrLabel')}
            // The QR code is an SVG the server drew from the secret (no outside service).
            dangerouslySetInnerHTML={{ __html: setup.data.qrSvg }}
          />
          <p>
            {t('operator.secretLabel')} <code id="operator-totp-secret">{setup.data.totpSecret}</code>
          </p>
          <ErrorText message={attempt.message} />
          <form onSubmit={submit}>
            <Field
              id="field-password"
              name="password"
              label={t('operator.newPassword')}
              type="password"
              autoComplete="new-password"
              minLength={12}
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
              {t('operator.setupSubmit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
