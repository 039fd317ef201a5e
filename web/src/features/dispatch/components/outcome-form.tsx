import { useState } from 'preact/hooks';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import type { OutcomeInput } from '../api/types.ts';
import { isLivestreamUrl } from '../livestream-url.ts';
import { onSceneOutcomes } from '../offer-statuses.ts';
import { LivestreamField } from './livestream-field.tsx';

/** What the responder saw: the outcome, notes and a livestream link (checked before sending). */
export function OutcomeForm(props: { offerId: string; onSend: (report: OutcomeInput) => void }) {
  const { offerId } = props;
  const [isLinkInvalid, setLinkInvalid] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const notes = formText(form, 'notes');
    const livestreamUrl = formText(form, 'livestreamUrl');
    // The radios offer only these; the first is required, so one is always chosen.
    const outcome = onSceneOutcomes.find((choice) => choice === formText(form, 'outcome'));
    if (outcome === undefined) return;
    if (livestreamUrl && !isLivestreamUrl(livestreamUrl)) {
      setLinkInvalid(true);
      document.getElementById(`livestream-${offerId}`)?.focus();
      return;
    }
    setLinkInvalid(false);
    props.onSend({
      outcome,
      ...(notes ? { notes } : {}),
      ...(livestreamUrl ? { livestreamUrl } : {}),
    });
  };
  return (
    <form onSubmit={submit} class="outcome-form">
      <fieldset>
        <legend>{t('responder.outcome')}</legend>
        {onSceneOutcomes.map((outcome, index) => (
          <div class="choice" key={outcome}>
            <input
              type="radio"
              name="outcome"
              value={outcome}
              id={`outcome-${offerId}-${outcome}`}
              required={index === 0}
            />
            <label for={`outcome-${offerId}-${outcome}`}>{t(`outcome.${outcome}`)}</label>
          </div>
        ))}
      </fieldset>
      <label for={`notes-${offerId}`}>{t('responder.notes')}</label>
      <textarea id={`notes-${offerId}`} name="notes" rows={3} maxLength={4000} />
      <LivestreamField offerId={offerId} isInvalid={isLinkInvalid} onInput={() => setLinkInvalid(false)} />
      <button type="submit" class="button">
        {t('responder.sendOutcome')}
      </button>
    </form>
  );
}
