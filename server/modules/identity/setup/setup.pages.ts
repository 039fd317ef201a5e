import { errorMessage, t } from '../../../platform/i18n/index.ts';
import { csrfField, errorSummary, formField, html, renderPage } from '../../../platform/web/index.ts';
import type { FormFieldOptions } from '../../../platform/web/index.ts';

export interface SetupPageContext {
  language: string;
  currentUrl: string;
}

const fieldNames = ['networkName', 'slug', 'timezone', 'adminDisplayName', 'email', 'password'] as const;
const fieldErrorKeys: Record<(typeof fieldNames)[number], string> = {
  networkName: 'setup.networkNameError',
  slug: 'setup.slugError',
  timezone: 'setup.timezoneError',
  adminDisplayName: 'setup.displayNameError',
  email: 'setup.emailError',
  password: 'setup.passwordError',
};

/** Translated messages for the fields a VALIDATION_FAILED names (the schemas' text is English). */
export function setupFieldErrors(
  language: string,
  details: readonly { path?: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of details) {
    const field = fieldNames.find((name) => name === detail.path?.split('.')[0]);
    if (field && !(field in errors)) errors[field] = t(language, fieldErrorKeys[field]);
  }
  return errors;
}

export interface SetupFormView extends SetupPageContext {
  csrfToken: string;
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
  formError?: string;
  /** Set for the first admin of a network the operator made: the network's fields are not asked. */
  networkName?: string;
}

export function setupFormPage(view: SetupFormView): string {
  const { language } = view;
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const field = (name: (typeof fieldNames)[number], options: Partial<FormFieldOptions> & { label: string }) =>
    formField({ name, value: values[name], error: errors[name], ...options });
  const isAdminOnly = view.networkName !== undefined;
  const title = isAdminOnly
    ? t(language, 'setup.adminOnlyTitle', { networkName: view.networkName ?? '' })
    : t(language, 'setup.title');
  const networkFields = html`<h2>${t(language, 'setup.networkHeading')}</h2>
    ${field('networkName', { label: t(language, 'setup.networkNameLabel'), input: { maxlength: 120 } })}
    ${field('slug', {
      label: t(language, 'setup.slugLabel'),
      hint: t(language, 'setup.slugHint'),
      input: { maxlength: 40, autocapitalize: 'none', spellcheck: 'false' },
    })}
    ${field('timezone', {
      label: t(language, 'setup.timezoneLabel'),
      hint: t(language, 'setup.timezoneHint'),
      value: values.timezone ?? 'America/Chicago',
    })}`;
  const body = html`<h1>${title}</h1>
    <p>${t(language, isAdminOnly ? 'setup.adminOnlyIntro' : 'setup.intro')}</p>
    ${errorSummary(language, errors)}
    ${view.formError ? html`<p class="form-error" role="alert"><strong>${view.formError}</strong></p>` : ''}
    <form method="post" novalidate>
      ${csrfField(view.csrfToken)} ${isAdminOnly ? '' : networkFields}
      <h2>${t(language, 'setup.adminHeading')}</h2>
      ${field('adminDisplayName', {
        label: t(language, 'setup.displayNameLabel'),
        input: { autocomplete: 'nickname', maxlength: 80 },
      })}
      ${field('email', {
        label: t(language, 'setup.emailLabel'),
        type: 'email',
        input: { autocomplete: 'email', maxlength: 254 },
      })}
      ${formField({
        name: 'password',
        label: t(language, 'setup.passwordLabel'),
        type: 'password',
        hint: t(language, 'setup.passwordHint'),
        error: errors.password,
        input: { autocomplete: 'new-password', minlength: 12, maxlength: 256 },
      })}
      <p>
        <button type="submit">
          ${t(language, isAdminOnly ? 'setup.createAccountButton' : 'setup.createButton')}
        </button>
      </p>
    </form>`;
  return renderPage({ language, title, body, currentUrl: view.currentUrl, isPrivate: true });
}

export function setupMessagePage(context: SetupPageContext, titleKey: string, message: string): string {
  const title = t(context.language, titleKey);
  const body = html`<h1>${title}</h1>
    <p>${message}</p>`;
  return renderPage({
    language: context.language,
    title,
    body,
    currentUrl: context.currentUrl,
    isPrivate: true,
  });
}

/** Why a setup link cannot be used, from the shared error catalog (SETUP_* codes live there). */
export function setupErrorPage(context: SetupPageContext, code: string): string {
  return setupMessagePage(context, 'setup.linkUnusableTitle', errorMessage(context.language, code));
}

export function setupDonePage(context: SetupPageContext): string {
  const { language } = context;
  const title = t(language, 'setup.readyTitle');
  const body = html`<h1>${title}</h1>
    <p>${t(language, 'setup.readyText')}</p>
    <p>${t(language, 'setup.nextStep')}</p>
    <p><a href="/">${t(language, 'setup.openAmparo')}</a></p>`;
  return renderPage({ language, title, body, currentUrl: context.currentUrl, isPrivate: true });
}
