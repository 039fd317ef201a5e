import { t } from '../../../platform/i18n/index.ts';
import { attributes, errorSummary, html, renderPage } from '../../../platform/web/index.ts';
import type { SafeHtml } from '../../../platform/web/index.ts';
import { categoryMessageKeys, reportCategories } from '../incidents/index.ts';
import { reportLocationScriptVersion } from './report-location-script.ts';
import { minutesAgoChoices } from './report.contract.ts';

export interface IntakeNetworkView {
  name: string;
  slug: string;
  languages: readonly string[];
}

export interface ReportFormView {
  language: string;
  network: IntakeNetworkView;
  currentUrl: string;
  /** What the reporter typed, shown again after an error. */
  values?: Readonly<Record<string, string>>;
  /** Translated messages keyed by field name. */
  errors?: Readonly<Record<string, string>>;
}

/** Script for "use my location" (the form works the same without it), versioned by its content. */
export const locationScriptPath = '/assets/report-location.js';
const locationScriptUrl = `${locationScriptPath}?v=${reportLocationScriptVersion}`;

/**
 * The public report form: plain HTML that works without JavaScript on a cheap phone. The pin
 * fields stay empty unless the optional script fills them; the honeypot is hidden from people
 * (and from screen readers) by the `hidden` attribute, so only bots fill it.
 */
export function reportFormPage(view: ReportFormView): string {
  const { language, network } = view;
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const text = (key: string, values?: Record<string, string | number>) =>
    t(language, `report.${key}`, values);
  const body = html`<h1>${text('formTitle')}</h1>
    <p>${text('formIntro', { network: network.name })}</p>
    <p class="notice" id="reminder"><strong>${text('reminder')}</strong></p>
    ${errorSummary(language, errors)}
    <form method="post" action="/r/${network.slug}" accept-charset="utf-8">
      <input type="hidden" name="language" value="${language}" />
      <fieldset${attributes({ 'aria-describedby': errors.category ? 'field-category-error' : undefined })}>
        <legend>${text('categoryLegend')}</legend>
        ${fieldError('category', errors.category)}
        ${reportCategories.map(
          (category, index) =>
            html`<div class="choice">
              <input${attributes({
                type: 'radio',
                name: 'category',
                id: index === 0 ? 'field-category' : `field-category-${category}`,
                value: category,
                required: true,
                checked: values.category === category,
              })} />
              <label for="${index === 0 ? 'field-category' : `field-category-${category}`}"
                >${t(language, categoryMessageKeys[category])}</label
              >
            </div>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${text('whereLegend')}</legend>
        <p class="hint" id="where-hint">${text('whereHint')}</p>
        ${textField('locationText', text('locationTextLabel'), values, errors, { maxlength: 300, autocomplete: 'street-address', 'aria-describedby': 'where-hint' })}
        ${textField('zip', text('zipLabel'), values, errors, { inputmode: 'numeric', maxlength: 10, autocomplete: 'postal-code', pattern: '[0-9]{5}(-?[0-9]{4})?' })}
        <input type="hidden" name="lat" id="field-lat" value="${values.lat ?? ''}" />
        <input type="hidden" name="lon" id="field-lon" value="${values.lon ?? ''}" />
        <p>
          <button type="button" class="button-secondary" id="use-location" hidden data-added="${text('locationAdded')}">${text('useMyLocation')}</button>
          <span id="location-status" role="status"></span>
        </p>
      </fieldset>
      <div class="field">
        <label for="field-minutesAgo">${text('whenLabel')}</label>
        <select id="field-minutesAgo" name="minutesAgo">
          ${minutesAgoChoices.map(
            (minutes) =>
              html`<option${attributes({ value: minutes, selected: values.minutesAgo === String(minutes) })}>${whenLabel(language, minutes)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="field-description">${text('descriptionLabel')}</label>
        <span class="hint" id="field-description-hint">${text('descriptionHint')} ${text('reminder')}</span>
        ${fieldError('description', errors.description)}
        <textarea${attributes({ id: 'field-description', name: 'description', rows: 5, maxlength: 2000, 'aria-describedby': 'field-description-hint' })}>${values.description ?? ''}</textarea>
      </div>
      <fieldset>
        <legend>${text('contactLegend')}</legend>
        ${textField('callbackContact', text('contactLabel'), values, errors, { type: 'tel', maxlength: 100, autocomplete: 'tel' })}
        ${fieldError('contactConsent', errors.contactConsent)}
        <div class="choice">
          <input${attributes({ type: 'checkbox', id: 'field-contactConsent', name: 'contactConsent', value: 'yes', checked: values.contactConsent === 'yes' })} />
          <label for="field-contactConsent">${text('contactConsent')}</label>
        </div>
      </fieldset>
      <div hidden>
        <label for="field-website">${text('honeypotLabel')}</label>
        <input type="text" id="field-website" name="website" value="" tabindex="-1" autocomplete="off" />
      </div>
      <p><button type="submit" class="button">${text('submit')}</button></p>
    </form>
    <script src="${locationScriptUrl}" defer></script>`;
  return renderPage({
    language,
    title: text('formTitle'),
    body,
    siteName: network.name,
    languages: network.languages,
    currentUrl: view.currentUrl,
    isPrivate: false,
  });
}

/** Shown only once the report has been committed to the database. */
export function reportConfirmationPage(view: {
  language: string;
  network: IntakeNetworkView;
  statusUrl: string;
}): string {
  const text = (key: string) => t(view.language, `report.${key}`);
  const body = html`<div class="success" role="status">
      <h1>${text('confirmationTitle')}</h1>
      <p>${text('confirmationBody')}</p>
    </div>
    <p><a href="${view.statusUrl}">${text('confirmationStatusLink')}</a></p>
    <p>${text('confirmationSafety')}</p>
    <p><a href="/r/${view.network.slug}?lang=${view.language}">${text('reportAnother')}</a></p>`;
  return renderPage({
    language: view.language,
    title: text('confirmationTitle'),
    body,
    siteName: view.network.name,
    languages: [view.language],
  });
}

/** A short page for a failure that is not about a field (unknown network, cross-site post, save failed). */
export function reportMessagePage(view: {
  language: string;
  titleKey: string;
  messageKey: string;
  siteName?: string;
}): string {
  const body = html`<h1>${t(view.language, view.titleKey)}</h1>
    <p>${t(view.language, view.messageKey)}</p>`;
  return renderPage({
    language: view.language,
    title: t(view.language, view.titleKey),
    body,
    siteName: view.siteName,
  });
}

function whenLabel(language: string, minutes: number): string {
  if (minutes === 0) return t(language, 'report.whenNow');
  if (minutes < 60) return t(language, 'report.whenMinutes', { minutes });
  return t(language, 'report.whenHours', { hours: minutes / 60 });
}

function fieldError(name: string, error: string | undefined): SafeHtml {
  return error ? html`<span class="field-error" id="field-${name}-error">${error}</span>` : html``;
}

function textField(
  name: string,
  label: string,
  values: Readonly<Record<string, string>>,
  errors: Readonly<Record<string, string>>,
  input: Record<string, string | number>,
): SafeHtml {
  const error = errors[name];
  const describedBy = [input['aria-describedby'], error ? `field-${name}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
    <label for="field-${name}">${label}</label>
    ${fieldError(name, error)}
    <input${attributes({
      type: 'text',
      ...input,
      id: `field-${name}`,
      name,
      value: values[name] ?? '',
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': describedBy || undefined,
    })} />
  </div>`;
}
