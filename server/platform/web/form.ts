import { t } from '../i18n/index.ts';
import { attributes, html } from './html.ts';
import type { AttributeValue, SafeHtml } from './html.ts';

export interface FormFieldOptions {
  name: string;
  /** Already translated. */
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'search' | 'url' | 'date' | 'time';
  value?: string | null;
  hint?: string;
  error?: string;
  isRequired?: boolean;
  /** Extra input attributes: autocomplete, inputmode, minlength, maxlength, pattern... */
  input?: Record<string, AttributeValue>;
  /** A <textarea> instead of an <input>. */
  isMultiline?: boolean;
}

/** A labelled input with its hint and error wired through aria-describedby. */
export function formField(field: FormFieldOptions): SafeHtml {
  const id = `field-${field.name}`;
  const describedBy = [field.hint ? `${id}-hint` : '', field.error ? `${id}-error` : ''].filter(Boolean);
  const common = {
    id,
    name: field.name,
    required: field.isRequired ?? true,
    'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
    'aria-invalid': field.error ? 'true' : undefined,
    ...field.input,
  };
  const control = field.isMultiline
    ? html`<textarea${attributes(common)}>${field.value ?? ''}</textarea>`
    : html`<input${attributes({ type: field.type ?? 'text', value: field.value ?? undefined, ...common })}></input${attributes({ type: field.type ?? 'text', value: field.value ?? undefined, ...common })}>`;
  return html`<div class="field">
    <label for="${id}">${field.label}</label>
    ${field.hint ? html`<span class="hint" id="${id}-hint">${field.hint}</span>` : ''}
    ${field.error ? html`<span class="field-error" id="${id}-error">${field.error}</span>` : ''} ${control}
  </div>`;
}

/** The hidden CSRF field every POST form carries (`_csrf`, checked by requirePrincipal). */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** A summary at the top of a form listing each problem as a link to its field. */
export function errorSummary(language: string, errors: Readonly<Record<string, string>>): SafeHtml {
  const entries = Object.entries(errors);
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1">
    <p><strong>${t(language, 'common.errorSummary', { count: entries.length })}</strong></p>
    <ul>
      ${entries.map(([name, message]) => html`<li><a href="#field-${name}">${message}</a></li>`)}
    </ul>
  </div>`;
}

/** Field errors from a VALIDATION_FAILED AppError's details, keyed by top-level field name. */
export function fieldErrors(details: readonly { path?: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of details) {
    const field = detail.path?.split('.')[0];
    if (field && !(field in errors)) errors[field] = detail.message;
  }
  return errors;
}
