import { useEffect, useRef, useState } from 'preact/hooks';
import { formText } from '../../../lib/forms.ts';
import { languageName, t } from '../../../lib/i18n.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import type { FollowUpTemplate } from '../api/alerts.ts';

/** The server's limit for free text in each language of an alert. */
const maxFreeTextLength = 280;
const followUpTemplates: readonly FollowUpTemplate[] = ['correction', 'update', 'allClear'];

/** The texts typed per language, without the empty ones. */
function freeTextOf(form: EventTarget | null, languages: readonly string[]): Record<string, string> {
  const entries = languages.map((language): [string, string] => [
    language,
    formText(form, `text-${language}`),
  ]);
  return Object.fromEntries(entries.filter(([, text]) => text !== ''));
}

function TemplateChoice(props: { value: FollowUpTemplate; onChange: (value: FollowUpTemplate) => void }) {
  return (
    <fieldset class="follow-up-kind">
      <legend>{t('followUp.kindLegend')}</legend>
      {followUpTemplates.map((template) => (
        <label class="choice" key={template}>
          <input
            type="radio"
            name="template"
            value={template}
            checked={props.value === template}
            onChange={() => props.onChange(template)}
          />
          {t(`followUp.kind.${template}`)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A follow-up's words in each of the alert's languages: a correction, update or all-clear (with
 * its kind chosen here), or a cancellation's reason. Either becomes a draft a second person approves.
 */
export function FollowUpForm(props: {
  isCorrection: boolean;
  languages: string[];
  isBusy: boolean;
  error: Message | null;
  onSubmit: (freeText: Record<string, string>, template: FollowUpTemplate) => void;
  onBack: () => void;
}) {
  const { isCorrection } = props;
  const [template, setTemplate] = useState<FollowUpTemplate>('correction');
  const formId = isCorrection ? 'correction-form' : 'cancel-form';
  const firstField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const submit = (event: Event) => {
    event.preventDefault();
    props.onSubmit(freeTextOf(event.currentTarget, props.languages), template);
  };
  const fieldLabel = isCorrection ? `followUp.text.${template}` : 'field.alert.reason';
  return (
    <form class="follow-up" id={formId} onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>
        {t(isCorrection ? 'field.alert.correctTitle' : 'field.alert.cancelTitle')}
      </h2>
      <p class="hint" id={`${formId}-hint`}>
        {t(isCorrection ? 'field.alert.correctHint' : 'field.alert.cancelHint')}
      </p>
      {isCorrection ? <TemplateChoice value={template} onChange={setTemplate} /> : null}
      {props.languages.map((language, index) => (
        <div class="field" key={language}>
          <label for={`${formId}-${language}`}>{t(fieldLabel, { language: languageName(language) })}</label>
          <textarea
            id={`${formId}-${language}`}
            name={`text-${language}`}
            lang={language}
            dir="auto"
            rows={3}
            maxLength={maxFreeTextLength}
            ref={index === 0 ? firstField : undefined}
            aria-describedby={`${formId}-hint`}
          />
        </div>
      ))}
      <ErrorText message={props.error} />
      <div class="actions">
        <button type="submit" class={isCorrection ? 'button' : 'button-danger'} disabled={props.isBusy}>
          {t(isCorrection ? `followUp.draft.${template}` : 'field.alert.confirmCancel')}
        </button>
        <button type="button" class="button-secondary" onClick={props.onBack}>
          {t('field.back')}
        </button>
      </div>
    </form>
  );
}
