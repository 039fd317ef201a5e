import { useState } from 'preact/hooks';
import { directionOf, languageName, t } from '../../../lib/i18n.ts';
import { errorMessageOf, messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { proposeRestore, proposeTemplate } from '../api/templates.ts';
import type { PresentedProposal, PresentedTemplate, TemplatePreview } from '../api/types.ts';
import { useTemplatePreview } from '../hooks/use-template-preview.ts';

function SmsPreview(props: { preview: TemplatePreview; language: string; dir: 'rtl' | 'auto' }) {
  const { preview } = props;
  return (
    <div class="preview-card" aria-live="polite" id="template-preview">
      <h3>{t('adminTemplates.smsPreview')}</h3>
      <pre class="sms" lang={props.language} dir={props.dir}>
        {preview.sms}
      </pre>
      <p id="template-segments" data-segments={String(preview.smsSegments)}>
        {t('adminTemplates.segments', { count: preview.smsSegments, encoding: preview.smsEncoding })}
      </p>
    </div>
  );
}

function PendingNote(props: { pending: PresentedProposal[] }) {
  if (props.pending.length === 0) return null;
  return (
    <p class="notice" id="template-pending">
      {t('adminTemplates.pending')}{' '}
      {props.pending.map((proposal, index) => [
        index > 0 ? ', ' : null,
        <a key={proposal.id} href={`#/admin/templates/proposals/${proposal.id}`}>
          {t('adminTemplates.reviewPending')}
        </a>,
      ])}
    </p>
  );
}

/**
 * One template's text with its live SMS preview. Saving or restoring the default proposes the
 * change: it takes effect when a second coordinator approves it (pending changes are shown).
 */
export function TemplateEditor(props: {
  template: PresentedTemplate;
  placeholders: readonly string[];
  maxLength: number;
  pending: PresentedProposal[];
  onChanged: (message: Message) => void;
}) {
  const { template } = props;
  const [body, setBody] = useState(template.body);
  const { preview, problem, setProblem } = useTemplatePreview(template, body);
  const action = useAction();
  // A refused save is shown where the preview's problems are, and marks the text invalid.
  const failed = (caught: unknown) => {
    const message = errorMessageOf(caught, 'action.failed');
    setProblem(message);
    return message;
  };
  const save = async (event: Event) => {
    event.preventDefault();
    const isProposed = await action.succeeds(() => proposeTemplate(template, body), { failed });
    if (isProposed) props.onChanged(messageOf('adminTemplates.proposed'));
  };
  const restore = async () => {
    const isProposed = await action.succeeds(() => proposeRestore(template), { failed });
    if (isProposed) props.onChanged(messageOf('adminTemplates.restoreProposed'));
  };
  const dir: 'rtl' | 'auto' = directionOf(template.language) === 'rtl' ? 'rtl' : 'auto';

  return (
    <form
      class="template-editor"
      onSubmit={(event) => void save(event)}
      aria-labelledby="template-editor-title"
    >
      <h2 id="template-editor-title">{t(`adminTemplates.key.${template.key}`)}</h2>
      <p class="hint">
        {template.isDefault ? t('adminTemplates.isDefault') : t('adminTemplates.isCustomized')}
      </p>
      <PendingNote pending={props.pending} />
      <label for="template-body">
        {t('adminTemplates.body', { language: languageName(template.language) })}
      </label>
      <textarea
        id="template-body"
        rows={4}
        lang={template.language}
        dir={dir}
        value={body}
        aria-describedby="template-hint template-count"
        aria-invalid={problem ? 'true' : 'false'}
        onInput={(event) => setBody(event.currentTarget.value)}
      />
      <p class="hint" id="template-hint">
        {t('adminTemplates.placeholders', { list: props.placeholders.map((name) => `{${name}}`).join(' ') })}
      </p>
      <p id="template-count" class={body.length > props.maxLength ? 'error' : 'hint'}>
        {t('adminTemplates.length', { count: body.length, max: props.maxLength })}
      </p>
      <ErrorText message={problem} id="template-problem" />
      {preview ? <SmsPreview preview={preview} language={template.language} dir={dir} /> : null}
      <div class="actions">
        <button type="submit" class="button" id="template-save" disabled={action.isBusy}>
          {t('adminTemplates.save')}
        </button>
        {template.isDefault ? null : (
          <button
            type="button"
            class="button-secondary"
            id="template-restore"
            disabled={action.isBusy}
            onClick={() => void restore()}
          >
            {t('adminTemplates.restore')}
          </button>
        )}
      </div>
    </form>
  );
}
