import { Field } from '../../../lib/field.tsx';
import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { unseal, waitUntilUnsealed } from '../api/unseal.ts';

/**
 * Shown when the server is sealed (ADR 0030). There is no sign-in first: members' accounts are
 * encrypted with the keys this passphrase unlocks, so the passphrase itself is the proof, and the
 * server limits how many wrong ones it accepts.
 */
export function UnsealPage(props: { onUnsealed: () => void }) {
  const attempt = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const entered = new FormData(form).get('passphrase');
    // Not trimmed: spaces can be part of a passphrase.
    const passphrase = typeof entered === 'string' ? entered : '';
    void attempt.run(
      async () => {
        await unseal({ passphrase });
        form.reset();
        if (!(await waitUntilUnsealed())) throw new Error('not started');
        props.onUnsealed();
      },
      { failed: 'seal.failed' },
    );
  };

  return (
    <section class="panel narrow" aria-labelledby="unseal-title" id="unseal">
      <h1 id="unseal-title">{t('seal.title')}</h1>
      <p>{t('seal.explain')}</p>
      <ErrorText message={attempt.message} />
      <form onSubmit={submit}>
        <Field
          id="field-passphrase"
          name="passphrase"
          label={t('seal.passphrase')}
          type="password"
          autoComplete="off"
          autoFocus
          required
          maxLength={1024}
        />
        <button type="submit" class="button" disabled={attempt.isBusy}>
          {attempt.isBusy ? t('seal.working') : t('seal.submit')}
        </button>
      </form>
      <p class="hint">{t('seal.cliHint')}</p>
    </section>
  );
}
