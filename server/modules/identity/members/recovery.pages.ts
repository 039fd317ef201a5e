import { errorMessage, t } from '../../../platform/i18n/index.ts';
import { csrfField, errorSummary, formField, html, renderPage } from '../../../platform/web/index.ts';
import type { PageContext } from './join.pages.ts';

export interface RecoveryFormView extends PageContext {
  networkName: string;
  csrfToken: string;
  passwordError?: string;
}

/** The no-JavaScript page a member opens from a recovery link: one new-password field. */
export function recoveryFormPage(view: RecoveryFormView): string {
  const { language } = view;
  const errors: Record<string, string> = view.passwordError ? { password: view.passwordError } : {};
  const title = t(language, 'recovery.title', { network: view.networkName });
  const body = html`<h1>${title}</h1>
    <p>${t(language, 'recovery.intro')}</p>
    <p>${t(language, 'recovery.factorsRemoved')}</p>
    ${errorSummary(language, errors)}
    <form method="post" novalidate>
      ${csrfField(view.csrfToken)}
      ${formField({
        name: 'password',
        label: t(language, 'recovery.passwordLabel'),
        type: 'password',
        hint: t(language, 'recovery.passwordHint'),
        error: errors.password,
        input: { autocomplete: 'new-password', minlength: 12, maxlength: 256 },
      })}
      <p><button type="submit">${t(language, 'recovery.submit')}</button></p>
    </form>`;
  return renderPage({ ...pageBase(view), title, siteName: view.networkName, body });
}

export function recoveryMessagePage(context: PageContext, titleKey: string, message: string): string {
  const title = t(context.language, titleKey);
  const body = html`<h1>${title}</h1>
    <p>${message}</p>`;
  return renderPage({ ...pageBase(context), title, body });
}

/** Codes with a message written for the member holding the link (recovery.json). */
const memberFacingCodes = new Set([
  'RECOVERY_LINK_INVALID',
  'RECOVERY_LINK_USED',
  'RECOVERY_LINK_NOT_APPROVED',
  'RECOVERY_LINK_EXPIRED',
  'RECOVERY_LINK_VOIDED',
]);

/**
 * Why a link cannot be used, in the page's language. The member's wording comes from this page's
 * own catalog (the admin screens word the same codes for the admin); anything else (rate limits)
 * uses the shared error messages.
 */
export function recoveryErrorText(language: string, code: string): string {
  return memberFacingCodes.has(code) ? t(language, `recovery.error.${code}`) : errorMessage(language, code);
}

export function recoveredPage(context: PageContext): string {
  const { language } = context;
  const title = t(language, 'recovery.doneTitle');
  const body = html`<h1>${title}</h1>
    <p>${t(language, 'recovery.doneText')}</p>
    <p>${t(language, 'recovery.nextStep')}</p>
    <p><a href="/app/">${t(language, 'recovery.signIn')}</a></p>`;
  return renderPage({ ...pageBase(context), title, body });
}

function pageBase(context: PageContext) {
  return {
    language: context.language,
    languages: context.languages,
    currentUrl: context.currentUrl,
    isPrivate: true,
  };
}
