import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, isApiError, messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { patchNetwork } from '../api/network.ts';
import type { NetworkProfile } from '../api/types.ts';

/**
 * The server's validation error for the list, translated: which number is not E.164 (the issue's
 * path ends with its index), else a repeated number or too many numbers; a number another network
 * already uses (409 HOTLINE_NUMBER_TAKEN, which names no network).
 */
function hotlineErrorOf(caught: unknown, numbers: string[]): Message {
  if (isApiError(caught, 'HOTLINE_NUMBER_TAKEN')) return messageOf('adminNetwork.hotline.taken');
  if (!isApiError(caught, 'VALIDATION_FAILED')) return errorMessageOf(caught, 'action.failed');
  const issue = caught.details.find((detail) => /^settings\.hotlineNumbers/.test(detail.path ?? ''));
  const index = /^settings\.hotlineNumbers\.(\d+)$/.exec(issue?.path ?? '')?.[1];
  const number = index === undefined ? undefined : numbers[Number(index)];
  if (number !== undefined) return messageOf('adminNetwork.hotline.invalid', { number });
  if (issue)
    return messageOf(numbers.length > 10 ? 'adminNetwork.hotline.tooMany' : 'adminNetwork.hotline.repeated');
  return errorMessageOf(caught, 'action.failed');
}

/**
 * The SMS hotline's numbers (E.164), which route a text to this network. Each addition or removal
 * is saved at once; the server validates the numbers.
 */
export function HotlineNumbersForm(props: {
  /** Languages and settings need a fresh step-up (ADR 0019). */
  runWithStepUp: RunWithStepUp;
  numbers: string[];
  onSaved: (profile: NetworkProfile, message: Message) => void;
}) {
  const [draft, setDraft] = useState('');
  const save = useAction();
  const saveNumbers = async (numbers: string[], doneKey: string) => {
    const saved = await save.run(
      () => props.runWithStepUp(() => patchNetwork({ settings: { hotlineNumbers: numbers } })),
      {
        failed: (caught) => hotlineErrorOf(caught, numbers),
      },
    );
    if (saved) props.onSaved(saved, messageOf(doneKey));
  };
  const add = (event: Event) => {
    event.preventDefault();
    // People write numbers with spaces, dashes and brackets; E.164 has none of them.
    const number = draft.replace(/[\s().-]/g, '');
    if (number) void saveNumbers([...props.numbers, number], 'adminNetwork.hotline.added');
  };
  const removeNumber = (number: string) =>
    void saveNumbers(
      props.numbers.filter((other) => other !== number),
      'adminNetwork.hotline.removed',
    );

  return (
    <form id="hotline" class="settings-form" onSubmit={add} noValidate aria-labelledby="hotline-title">
      <h2 id="hotline-title">{t('adminNetwork.hotline.title')}</h2>
      <p class="hint">{t('adminNetwork.hotline.intro')}</p>
      <ErrorText message={save.message} id="hotline-error" />
      {props.numbers.length === 0 ? (
        <p class="empty">{t('adminNetwork.hotline.none')}</p>
      ) : (
        <ul id="hotline-list" class="hotline-list">
          {props.numbers.map((number) => (
            <li key={number} data-hotline-number={number}>
              <span dir="ltr">{number}</span>{' '}
              <button
                type="button"
                class="button-secondary"
                disabled={save.isBusy}
                aria-label={t('adminNetwork.hotline.removeLabel', { number })}
                onClick={() => removeNumber(number)}
              >
                {t('adminNetwork.hotline.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="hotline-number">{t('adminNetwork.hotline.number')}</label>
        <input
          id="hotline-number"
          type="tel"
          dir="ltr"
          autoComplete="off"
          value={draft}
          aria-describedby="hotline-number-hint"
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <span class="hint" id="hotline-number-hint">
          {t('adminNetwork.hotline.numberHint')}
        </span>
      </div>
      <button type="submit" class="button" id="hotline-add" disabled={save.isBusy}>
        {t('adminNetwork.hotline.add')}
      </button>
    </form>
  );
}
