import { useState } from 'preact/hooks';
import { Field } from '../../../lib/field.tsx';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { setNetworkSuspended } from '../api/operator.ts';
import type { NetworkHealth } from '../api/types.ts';

/**
 * Suspend or resume one network: a confirmation that names the consequence and a fresh
 * authenticator code (the step-up) before anything changes.
 */
export function SuspensionControl(props: { network: NetworkHealth; onChanged: () => Promise<void> }) {
  const { network } = props;
  const [isConfirming, setConfirming] = useState(false);
  const attempt = useAction();
  const isSuspending = network.suspendedAt === null;
  const id = `suspension-${network.slug}`;
  const submit = (event: Event) => {
    event.preventDefault();
    const code = formText(event.currentTarget, 'code');
    void attempt.run(async () => {
      await setNetworkSuspended(network.id, isSuspending, code);
      setConfirming(false);
      await props.onChanged();
    });
  };
  if (!isConfirming) {
    return (
      <button
        type="button"
        class={isSuspending ? 'button-danger' : 'button'}
        id={`${id}-open`}
        onClick={() => setConfirming(true)}
      >
        {t(isSuspending ? 'operator.suspend' : 'operator.resume', { name: network.name })}
      </button>
    );
  }
  return (
    <form class="confirm" onSubmit={submit} aria-labelledby={`${id}-question`} id={id}>
      <p id={`${id}-question`}>
        {t(isSuspending ? 'operator.suspendQuestion' : 'operator.resumeQuestion', { name: network.name })}
      </p>
      <ErrorText message={attempt.message} />
      <Field
        id={`${id}-code`}
        name="code"
        label={t('operator.stepUpCode')}
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
      />
      <button type="submit" class={isSuspending ? 'button-danger' : 'button'} disabled={attempt.isBusy}>
        {t(isSuspending ? 'operator.confirmSuspend' : 'operator.confirmResume')}
      </button>
      <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
        {t('operator.keep')}
      </button>
    </form>
  );
}
