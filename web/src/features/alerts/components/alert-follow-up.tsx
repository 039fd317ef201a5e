import { useState } from 'preact/hooks';
import { navigate } from '../../../lib/hash-route.ts';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { cancelAlert, correctAlert, retractAlert } from '../api/alerts.ts';
import type { FollowUpTemplate } from '../api/alerts.ts';
import { FollowUpForm } from './follow-up-form.tsx';
import { RetractDialog } from './retract-dialog.tsx';

type Mode = 'closed' | 'correct' | 'cancel' | 'retract';

/**
 * Follow-ups of a live alert. A correction, update, all-clear or cancellation is a new draft that
 * references it: the screen moves to the draft, whose frozen preview a different coordinator
 * approves. A retraction is the one thing one coordinator sends alone: fixed text, after a
 * confirmation that says what happens and a fresh second factor; it stops the alert's areas.
 */
export function AlertFollowUp(props: {
  alertId: string;
  languages: string[];
  retractionText: Record<string, string>;
  areaNames: string[];
  onRetracted: () => void;
}) {
  const session = useSession();
  const [mode, setMode] = useState<Mode>('closed');
  const action = useAction();
  const stepUp = useStepUp({ hint: t('retract.stepUpHint'), confirmLabel: t('retract.stepUpConfirm') });
  const open = (next: Mode) => {
    action.setMessage(null);
    setMode(next);
  };

  const submit = async (freeText: Record<string, string>, template: FollowUpTemplate) => {
    const isCorrection = mode === 'correct';
    if (Object.keys(freeText).length === 0 && !(isCorrection && template === 'allClear')) {
      action.setMessage(messageOf(isCorrection ? 'field.alert.correctionEmpty' : 'field.alert.reasonEmpty'));
      return;
    }
    const draftId = await action.run(() =>
      isCorrection ? correctAlert(props.alertId, template, freeText) : cancelAlert(props.alertId, freeText),
    );
    if (draftId !== undefined) navigate(`/alerts/${draftId}`);
  };

  const retract = async () => {
    setMode('closed');
    const isRetracted = await action.succeeds(() => stepUp.run(() => retractAlert(props.alertId)));
    if (isRetracted) props.onRetracted();
  };

  const mayDraft = hasRole(session, 'coordinator', 'dispatcher');
  const mayRetract = hasRole(session, 'coordinator');
  if (!mayDraft && !mayRetract) return null;
  const isFormOpen = mode === 'correct' || mode === 'cancel';
  return (
    <>
      {isFormOpen ? (
        <FollowUpForm
          key={mode}
          isCorrection={mode === 'correct'}
          languages={props.languages}
          isBusy={action.isBusy}
          error={action.message}
          onSubmit={(freeText, template) => void submit(freeText, template)}
          onBack={() => open('closed')}
        />
      ) : (
        <div class="actions" role="group" aria-label={t('field.alert.followUp')}>
          {mayDraft ? (
            <button type="button" class="button-secondary" id="correct-alert" onClick={() => open('correct')}>
              {t('field.alert.correct')}
            </button>
          ) : null}
          {mayDraft ? (
            <button type="button" class="button-secondary" id="cancel-alert" onClick={() => open('cancel')}>
              {t('field.alert.cancel')}
            </button>
          ) : null}
          {mayRetract ? (
            <button type="button" class="button-danger" id="retract-alert" onClick={() => open('retract')}>
              {t('retract.button')}
            </button>
          ) : null}
          <ErrorText message={action.message} />
        </div>
      )}
      {mode === 'retract' ? (
        <RetractDialog
          retractionText={props.retractionText}
          areaNames={props.areaNames}
          onConfirm={() => void retract()}
          onCancel={() => open('closed')}
        />
      ) : null}
      {/* Outside the form: the dialog's own code form must not submit this one too. */}
      {stepUp.dialog}
    </>
  );
}
