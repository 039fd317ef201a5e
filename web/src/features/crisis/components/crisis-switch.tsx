import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';

export interface SwitchState {
  isOn: boolean;
  changedBy: string | null;
  changedAt: number | null;
  /** Why it was last changed (stop switches ask for one; flood mode does not). */
  reason?: string | null;
}

/** The server's bounds on a stop switch's reason (stopReasonSchema). */
const reasonLength = { min: 3, max: 200 } as const;

/**
 * One crisis switch (the stop switch, an area's stop switch, flood mode): its state in words and
 * colour, who changed it, when and why, and a big button that first asks a question naming the
 * consequence, never acting on one click. `keys` is the catalog prefix (`crisis.stop`,
 * `crisis.area`, `crisis.flood`); `params` fill its messages (an area's name). With `needsReason`
 * the question also asks why, and the confirm button waits for an answer.
 */
export function CrisisSwitch(props: {
  id: string;
  keys: string;
  params?: Record<string, string>;
  state: SwitchState | undefined;
  nameOf: (memberId: string) => string;
  canChange: boolean;
  needsReason?: boolean;
  /** 3 when the switch sits inside a titled group (the area switches). */
  headingLevel?: 2 | 3;
  change: (isOn: boolean, reason: string) => Promise<unknown>;
  onChanged: () => Promise<void>;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const { state, keys, id, params } = props;
  const stepUp = useStepUp({ hint: t(`${keys}.stepUpHint`, params) });
  if (!state) return null;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const next = !state.isOn;
  const isReasonMissing = props.needsReason === true && reason.trim().length < reasonLength.min;
  const confirm = async () => {
    setConfirming(false);
    const isDone = await action.succeeds(() => stepUp.run(() => props.change(next, reason.trim())), {
      done: messageOf(next ? `${keys}.turnedOn` : `${keys}.turnedOff`, params),
    });
    if (isDone) {
      setReason('');
      await props.onChanged();
    }
  };
  return (
    <section
      class={`crisis-switch ${state.isOn ? 'is-on' : 'is-off'}`}
      id={id}
      data-on={String(state.isOn)}
      aria-labelledby={`${id}-title`}
    >
      <Heading id={`${id}-title`}>{t(`${keys}.title`, params)}</Heading>
      <p class="crisis-state" id={`${id}-state`}>
        <strong>{t(state.isOn ? `${keys}.on` : `${keys}.off`, params)}</strong>
      </p>
      <p class="hint">{t(`${keys}.explain`, params)}</p>
      {state.changedBy !== null && state.changedAt !== null ? (
        <p id={`${id}-changed`}>
          {t('crisis.changedBy', { name: props.nameOf(state.changedBy), time: formatTime(state.changedAt) })}
          {state.reason ? (
            <>
              {' '}
              <span id={`${id}-reason`}>{t('crisis.reason', { reason: state.reason })}</span>
            </>
          ) : null}
        </p>
      ) : null}
      <Notice message={action.message} id={`${id}-notice`} />
      {!props.canChange ? (
        <p class="hint">{t(`${keys}.notYours`, params)}</p>
      ) : isConfirming ? (
        <div class="confirm" role="group" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`}>
            {t(next ? `${keys}.confirmOnQuestion` : `${keys}.confirmOffQuestion`, params)}
          </p>
          {props.needsReason ? (
            <div class="field crisis-reason">
              <label for={`${id}-why`}>{t(next ? 'crisis.whyOn' : 'crisis.whyOff')}</label>
              <input
                id={`${id}-why`}
                type="text"
                required
                minLength={reasonLength.min}
                maxLength={reasonLength.max}
                value={reason}
                onInput={(event) => setReason(event.currentTarget.value)}
              />
            </div>
          ) : null}
          <button
            type="button"
            class={next ? 'button-danger' : 'button'}
            id={`${id}-confirm`}
            disabled={action.isBusy || isReasonMissing}
            onClick={() => void confirm()}
          >
            {t(next ? `${keys}.confirmOn` : `${keys}.confirmOff`, params)}
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
          {t(next ? `${keys}.turnOn` : `${keys}.turnOff`, params)}
        </button>
      )}
      {stepUp.dialog}
    </section>
  );
}
