import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from './api.ts';
import { formText } from './forms.ts';
import { currentLanguage, t } from './i18n.ts';
import { navigate } from './route.ts';
import { messageOf } from './sign-in.ts';

/** The server's limit for free text in each language of an alert. */
const maxFreeTextLength = 280;

type Mode = 'closed' | 'correct' | 'cancel';

/** A language's own name in the reader's language ("Spanish", "español", "الإسبانية"). */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** The texts typed per language, without the empty ones. */
function freeTextOf(form: EventTarget | null, languages: readonly string[]): Record<string, string> {
  const entries = languages.map((language): [string, string] => [
    language,
    formText(form, `text-${language}`),
  ]);
  return Object.fromEntries(entries.filter(([, text]) => text !== ''));
}

/**
 * Correct or cancel a live alert. Either is a new draft that references it: after it is composed
 * the screen moves to the draft, whose preview shows every language and which a different
 * coordinator must approve before it goes to everyone who got the alert.
 */
export function AlertFollowUp(props: { alertId: string; languages: string[] }) {
  const [mode, setMode] = useState<Mode>('closed');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const firstField = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (mode !== 'closed') firstField.current?.focus();
    setError(null);
  }, [mode]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const freeText = freeTextOf(event.currentTarget, props.languages);
    if (Object.keys(freeText).length === 0) {
      setError(t(mode === 'correct' ? 'field.alert.correctionEmpty' : 'field.alert.reasonEmpty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const url =
        mode === 'correct' ? `/api/alerts/${props.alertId}/correct` : `/api/alerts/${props.alertId}/cancel`;
      const { alert } = await post<{ alert: { id: string } }>(url, { freeText });
      navigate(`/alerts/${alert.id}`);
    } catch (caught) {
      setError(messageOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  if (mode === 'closed')
    return h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': t('field.alert.followUp') },
      h(
        'button',
        { type: 'button', class: 'button-secondary', id: 'correct-alert', onClick: () => setMode('correct') },
        t('field.alert.correct'),
      ),
      h(
        'button',
        { type: 'button', class: 'button-danger', id: 'cancel-alert', onClick: () => setMode('cancel') },
        t('field.alert.cancel'),
      ),
    );

  const isCorrection = mode === 'correct';
  const formId = isCorrection ? 'correction-form' : 'cancel-form';
  return h(
    'form',
    { class: 'follow-up', id: formId, onSubmit: submit, 'aria-labelledby': `${formId}-title` },
    h(
      'h2',
      { id: `${formId}-title` },
      t(isCorrection ? 'field.alert.correctTitle' : 'field.alert.cancelTitle'),
    ),
    h(
      'p',
      { class: 'hint', id: `${formId}-hint` },
      t(isCorrection ? 'field.alert.correctHint' : 'field.alert.cancelHint'),
    ),
    props.languages.map((language, index) => {
      const id = `${formId}-${language}`;
      return h(
        'div',
        { class: 'field', key: language },
        h(
          'label',
          { for: id },
          t(isCorrection ? 'field.alert.correctedText' : 'field.alert.reason', {
            language: languageName(language),
          }),
        ),
        h('textarea', {
          id,
          name: `text-${language}`,
          lang: language,
          dir: 'auto',
          rows: 3,
          maxLength: maxFreeTextLength,
          ref: index === 0 ? firstField : undefined,
          'aria-describedby': `${formId}-hint`,
        }),
      );
    }),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: isCorrection ? 'button' : 'button-danger', disabled: isBusy },
        t(isCorrection ? 'field.alert.draftCorrection' : 'field.alert.confirmCancel'),
      ),
      h(
        'button',
        { type: 'button', class: 'button-secondary', onClick: () => setMode('closed') },
        t('field.back'),
      ),
    ),
  );
}
