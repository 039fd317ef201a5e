import { useState } from 'preact/hooks';
import { navigate } from '../../../lib/hash-route.ts';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { cancelAlert, correctAlert } from '../api/alerts.ts';
import { FollowUpForm } from './follow-up-form.tsx';

type Mode = 'closed' | 'correct' | 'cancel';

/**
 * Correct or cancel a live alert. A correction is a new draft that references it: after it is
 * composed the screen moves to the draft, whose preview shows every language and which a different
 * coordinator must approve. A cancellation takes one coordinator with a fresh second factor and
 * goes out at once to everyone who received the alert.
 */
export function AlertFollowUp(props: { alertId: string; languages: string[]; onCancelled: () => void }) {
  const [mode, setMode] = useState<Mode>('closed');
  const action = useAction();
  const stepUp = useStepUp({
    hint: t('field.alert.cancelStepUpHint'),
    confirmLabel: t('field.alert.confirmCancel'),
  });
  const open = (next: Mode) => {
    action.setMessage(null);
    setMode(next);
  };

  const submit = async (freeText: Record<string, string>) => {
    if (Object.keys(freeText).length === 0) {
      action.setMessage(
        messageOf(mode === 'correct' ? 'field.alert.correctionEmpty' : 'field.alert.reasonEmpty'),
      );
      return;
    }
    if (mode === 'correct') {
      const draftId = await action.run(() => correctAlert(props.alertId, freeText));
      if (draftId !== undefined) navigate(`/alerts/${draftId}`);
      return;
    }
    const isCancelled = await action.succeeds(() => stepUp.run(() => cancelAlert(props.alertId, freeText)));
    if (!isCancelled) return;
    setMode('closed');
    props.onCancelled();
  };

  return (
    <>
      {mode === 'closed' ? (
        <div class="actions" role="group" aria-label={t('field.alert.followUp')}>
          <button type="button" class="button-secondary" id="correct-alert" onClick={() => open('correct')}>
            {t('field.alert.correct')}
          </button>
          <button type="button" class="button-danger" id="cancel-alert" onClick={() => open('cancel')}>
            {t('field.alert.cancel')}
          </button>
        </div>
      ) : (
        <FollowUpForm
          key={mode}
          isCorrection={mode === 'correct'}
          languages={props.languages}
          isBusy={action.isBusy}
          error={action.message}
          onSubmit={(freeText) => void submit(freeText)}
          onBack={() => open('closed')}
        />
      )}
      {/* Outside the form: the dialog's own code form must not submit this one too. */}
      {stepUp.dialog}
    </>
  );
}
