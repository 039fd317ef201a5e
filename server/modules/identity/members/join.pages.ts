import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, t } from '../../../platform/i18n/index.ts';
import {
  csrfField,
  errorSummary,
  formField,
  html,
  renderPage,
  requestLanguage,
} from '../../../platform/web/index.ts';
import type { SafeHtml } from '../../../platform/web/index.ts';
import type { RoleGrant } from '../auth/index.ts';

const roleKeys: Record<RoleGrant['role'], string> = {
  admin: 'members.roleAdmin',
  coordinator: 'members.roleCoordinator',
  dispatcher: 'members.roleDispatcher',
  responder: 'members.roleResponder',
  advocate: 'members.roleAdvocate',
  housing_coordinator: 'members.roleHousingCoordinator',
  viewer: 'members.roleViewer',
};

/** Messages for the codes a join can end with; anything else uses the shared error catalog. */
const errorKeys: Record<string, string> = {
  INVITATION_INVALID: 'members.invitationInvalid',
  INVITATION_USED: 'members.invitationUsed',
  INVITATION_EXPIRED: 'members.invitationExpired',
  EMAIL_TAKEN: 'members.emailTaken',
};

const fieldKeys: Record<string, string> = {
  displayName: 'members.displayNameError',
  email: 'members.emailError',
  password: 'members.passwordError',
};

export interface PageContext {
  language: string;
  /** The languages the switcher offers (the network's, when known). */
  languages?: readonly string[];
  currentUrl: string;
}

/** What a page of a token link needs from its request: the language (and its cookie) and the URL. */
export function pageContext(
  request: FastifyRequest,
  reply: FastifyReply,
  languages?: readonly string[],
): PageContext {
  return { language: requestLanguage(request, reply, languages), languages, currentUrl: request.url };
}

export function joinErrorText(language: string, code: string): string {
  const key = errorKeys[code];
  return key ? t(language, key) : errorMessage(language, code);
}

/** Translated messages for the fields a VALIDATION_FAILED names (the schema's text is English). */
export function joinFieldErrors(
  language: string,
  details: readonly { path?: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of details) {
    const field = detail.path?.split('.')[0] ?? '';
    const key = fieldKeys[field];
    if (key && !(field in errors)) errors[field] = t(language, key);
  }
  return errors;
}

export interface JoinFormView extends PageContext {
  networkName: string;
  roles: RoleGrant[];
  csrfToken: string;
  values?: { displayName?: string; email?: string };
  errors?: Record<string, string>;
  /** A problem with the whole form (for example the email already has an account). */
  formError?: string;
}

export function joinFormPage(view: JoinFormView): string {
  const { language } = view;
  const errors = view.errors ?? {};
  const roleNames = [...new Set(view.roles.map((grant) => t(language, roleKeys[grant.role])))];
  const title = t(language, 'members.joinTitle', { network: view.networkName });
  const body = html`<h1>${title}</h1>
    <p>
      ${t(language, 'members.joinInvitedAs', { roles: roleNames.join(', ') || t(language, 'members.roleMember') })}
    </p>
    <p>${t(language, 'members.joinProbation')}</p>
    ${errorSummary(language, errors)}
    ${view.formError ? html`<p class="form-error" role="alert"><strong>${view.formError}</strong></p>` : ''}
    <form method="post" novalidate>
      ${csrfField(view.csrfToken)}
      ${formField({
        name: 'displayName',
        label: t(language, 'members.displayNameLabel'),
        value: view.values?.displayName,
        error: errors.displayName,
        input: { autocomplete: 'nickname', maxlength: 80 },
      })}
      ${formField({
        name: 'email',
        label: t(language, 'members.emailLabel'),
        type: 'email',
        value: view.values?.email,
        error: errors.email,
        input: { autocomplete: 'email', maxlength: 254 },
      })}
      ${formField({
        name: 'password',
        label: t(language, 'members.passwordLabel'),
        type: 'password',
        hint: t(language, 'members.passwordHint'),
        error: errors.password,
        input: { autocomplete: 'new-password', minlength: 12, maxlength: 256 },
      })}
      <p><button type="submit">${t(language, 'members.joinButton')}</button></p>
    </form>`;
  return renderPage({ ...pageBase(view), title, siteName: view.networkName, body });
}

export function joinMessagePage(
  context: PageContext,
  title: string,
  message: string,
  extra?: SafeHtml,
): string {
  const body = html`<h1>${title}</h1>
    <p>${message}</p>
    ${extra ?? ''}`;
  return renderPage({ ...pageBase(context), title, body });
}

/** After joining: the very next step is a second factor. */
/** `hasPendingPrivilege`: the invitation's coordinator or admin role waits for a second admin. */
export function welcomePage(context: PageContext, hasPendingPrivilege = false): string {
  const { language } = context;
  return joinMessagePage(
    context,
    t(language, 'members.welcomeTitle'),
    t(language, 'members.welcomeText'),
    html`${hasPendingPrivilege ? html`<p id="pending-privilege">${t(language, 'members.privilegePending')}</p>` : ''}
      <p>${t(language, 'members.nextStep')}</p>
      <p><a href="/">${t(language, 'members.openAmparo')}</a></p>`,
  );
}

function pageBase(context: PageContext) {
  return {
    language: context.language,
    languages: context.languages,
    currentUrl: context.currentUrl,
    isPrivate: true,
  };
}
