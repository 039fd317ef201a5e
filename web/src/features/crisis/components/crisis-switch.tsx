import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';

export interface SwitchState {
  isOn: boolean;
  changedBy: string | null;
  changedAt: number | null;
}

/**
 * One crisis switch (the stop switch, flood mode): its state in words and colour, who changed it
 * and when, and a big button that first asks a question naming the consequence, never acting on
 * one click. `keys` is the catalog prefix (`crisis.stop`, `crisis.flood`).
 */
export function CrisisSwitch(props: {
  id: string;
  keys: string;
  state: SwitchState | undefined;
  nameOf: (memberId: string) => string;
  canChange: boolean;
  change: (isOn: boolean) => Promise<unknown>;
  onChanged: () => Promise<void>;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const action = useAction();
  const stepUp = useStepUp({ hint: t(`${props.keys}.stepUpHint`) });
  const { state, keys, id } = props;
  if (!state) return null;
  const next = !state.isOn;
  const confirm = async () => {
    setConfirming(false);
    const isDone = await action.succeeds(() => stepUp.run(() => props.change(next)), {
      done: next ? `${keys}.turnedOn` : `${keys}.turnedOff`,
    });
    if (isDone) await props.onChanged();
  };
  return (
    <section class={`crisis-switch ${state.isOn ? 'is-on' : 'is-off'}`} id={id} data-on={String(state.isOn)}>
      <h2 id={`${id}-title`}>{t(`${keys}.title`)}</h2>
      <p class="crisis-state" id={`${id}-state`}>
        <strong>{t(state.isOn ? `${keys}.on` : `${keys}.off`)}</strong>
      </p>
      <p class="hint">{t(`${keys}.explain`)}</p>
      {state.changedBy !== null && state.changedAt !== null ? (
        <p id={`${id}-changed`}>
          {t('crisis.changedBy', { name: props.nameOf(state.changedBy), time: formatTime(state.changedAt) })}
        </p>
      ) : null}
      <Notice message={action.message} id={`${id}-notice`} />
      {!props.canChange ? (
        <p class="hint">{t(`${keys}.notYours`)}</p>
      ) : isConfirming ? (
        <div class="confirm" role="group" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`}>{t(next ? `${keys}.confirmOnQuestion` : `${keys}.confirmOffQuestion`)}</p>
          <button
            type="button"
            class={next ? 'button-danger' : 'button'}
            id={`${id}-confirm`}
            disabled={action.isBusy}
            onClick={() => void confirm()}
          >
            {t(next ? `${keys}.confirmOn` : `${keys}.confirmOff`)}
          </button>
          <button
            type="button"
            class="button-secondary"
            id={`${id}-keep`}
            onClick={() => setConfirming(false)}
          >
            {t('crisis.keep')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class={next ? 'button-danger crisis-button' : 'button crisis-button'}
          id={`${id}-toggle`}
          onClick={() => setConfirming(true)}
        >
          {t(next ? `${keys}.turnOn` : `${keys}.turnOff`)}
        </button>
      )}
      {stepUp.dialog}
    </section>
  );
}
