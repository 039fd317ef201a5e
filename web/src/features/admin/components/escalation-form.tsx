import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { patchNetwork } from '../api/network.ts';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import type { NetworkProfile } from '../api/types.ts';

/** Whether an unanswered or declined offer goes on to the next nearest responder (on by default). */
export function EscalationForm(props: {
  /** Settings need a fresh step-up (ADR 0019). */
  runWithStepUp: RunWithStepUp;
  isOn: boolean;
  onSaved: (profile: NetworkProfile, message: Message) => void;
}) {
  const [isOn, setOn] = useState(props.isOn);
  const save = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const saved = await save.run(() =>
      props.runWithStepUp(() => patchNetwork({ settings: { isOfferEscalationOn: isOn } })),
    );
    if (saved) props.onSaved(saved, messageOf('oncall.escalation.saved'));
  };
  return (
    <form
      id="escalation"
      class="settings-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="escalation-title"
    >
      <h2 id="escalation-title">{t('oncall.escalation.title')}</h2>
      <ErrorText message={save.message} id="escalation-error" />
      <label class="toggle">
        <input
          type="checkbox"
          id="escalation-on"
          checked={isOn}
          onChange={(event) => setOn(event.currentTarget.checked)}
        />{' '}
        {t('oncall.escalation.label')}
      </label>
      <p class="hint">{t('oncall.escalation.hint')}</p>
      <button type="submit" class="button" disabled={save.isBusy}>
        {t('oncall.escalation.save')}
      </button>
    </form>
  );
}
