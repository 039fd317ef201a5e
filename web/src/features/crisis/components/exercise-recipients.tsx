import { useState } from 'preact/hooks';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { setSubscriberExerciseRecipient } from '../api/crisis.ts';

/**
 * Who a drill reaches: a coordinator or admin marks a subscriber, found by the phone number or
 * email they subscribed with, as an exercise recipient (or takes the mark away). The answer says
 * only whether such a subscriber exists. Members are marked on the members screen.
 */
export function ExerciseRecipients() {
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const action = useAction();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const isExerciseRecipient = (event.submitter as HTMLButtonElement | null)?.value !== 'remove';
    const contact = formText(form, 'contact');
    const answer = await action.run(() =>
      setSubscriberExerciseRecipient({ channel, contact, isExerciseRecipient }),
    );
    if (answer === undefined) return;
    if (!answer.isFound) action.setMessage(messageOf('exercise.notFound'));
    else action.setMessage(messageOf(isExerciseRecipient ? 'exercise.added' : 'exercise.removed'));
    if (answer.isFound) form.reset();
  };
  return (
    <section class="crisis-exercise" id="exercise-recipients" aria-labelledby="exercise-title">
      <h2 id="exercise-title">{t('exercise.title')}</h2>
      <p class="hint">{t('exercise.explain')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>{t('exercise.channel')}</legend>
          {(['sms', 'email'] as const).map((value) => (
            <label class="choice" key={value}>
              <input
                type="radio"
                name="channel"
                value={value}
                checked={channel === value}
                onChange={() => setChannel(value)}
              />
              {t(`exercise.channel.${value}`)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="exercise-contact">{t(`exercise.contact.${channel}`)}</label>
          <input
            id="exercise-contact"
            name="contact"
            type={channel === 'sms' ? 'tel' : 'email'}
            dir="ltr"
            autocomplete="off"
            required
            minLength={3}
            maxLength={254}
          />
        </div>
        <Notice message={action.message} id="exercise-notice" />
        <div class="actions">
          <button type="submit" class="button" value="add" id="exercise-add" disabled={action.isBusy}>
            {t('exercise.add')}
          </button>
          <button
            type="submit"
            class="button-secondary"
            value="remove"
            id="exercise-remove"
            disabled={action.isBusy}
          >
            {t('exercise.remove')}
          </button>
        </div>
      </form>
    </section>
  );
}
