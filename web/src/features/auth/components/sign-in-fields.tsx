import { Field } from '../../../lib/field.tsx';
import { t } from '../../../lib/i18n.ts';

export function PasswordFields() {
  return (
    <>
      <Field
        id="field-email"
        name="email"
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        autoFocus
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
    </>
  );
}

export function CodeField() {
  return (
    <>
      <p class="hint" id="code-hint">
        {t('signIn.codeHint')}
      </p>
      <Field
        id="field-code"
        name="code"
        label={t('signIn.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        aria-describedby="code-hint"
        autoFocus
        required
      />
    </>
  );
}
