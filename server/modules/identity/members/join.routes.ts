import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { isAppError } from '../../../platform/errors/app-error.ts';
import { t } from '../../../platform/i18n/index.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { sendPage } from '../../../platform/web/index.ts';
import { setSessionCookie } from '../auth/index.ts';
import { findNetworkById } from '../networks/index.ts';
import { hasValidFormToken, isFormPost, issueFormToken } from './form-token.ts';
import { findUsableInvitation, grantsStillValid, hashInvitationToken } from './invitation.service.ts';
import type { JoinAttemptLimit } from './join-limits.ts';
import { acceptInvitation } from './join.service.ts';
import {
  joinErrorText,
  joinFieldErrors,
  joinFormPage,
  joinMessagePage,
  pageContext,
  welcomePage,
} from './join.pages.ts';
import type { JoinFormView } from './join.pages.ts';
import { newMemberSchema } from './member.contract.ts';
import { memberDepsFrom } from './member.service.ts';

type TokenRequest = FastifyRequest<{ Params: { invitationToken: string } }>;
/** What to show again after a failed post; translated once the page language is known. */
interface FormState {
  values?: JoinFormView['values'];
  invalidFields?: readonly { path?: string }[];
  formErrorCode?: string;
}

/** The no-JavaScript page a new member opens from their invitation link. */
export function registerJoinRoutes(
  app: FastifyInstance,
  context: PlatformContext,
  limitJoinAttempt: JoinAttemptLimit,
): void {
  const deps = memberDepsFrom(context);
  const formScope = (request: TokenRequest) => `join:${hashInvitationToken(request.params.invitationToken)}`;

  /** The form for a usable invitation, in one of the network's languages. */
  async function sendForm(request: TokenRequest, reply: FastifyReply, status: number, state: FormState) {
    const invitation = await findUsableInvitation(deps, request.params.invitationToken);
    const [network, roles] = await Promise.all([
      findNetworkById(deps.db, invitation.network_id),
      grantsStillValid(deps, invitation),
    ]);
    const page = pageContext(request, reply, network?.languages);
    const view: JoinFormView = {
      ...page,
      networkName: network?.name ?? 'Amparo',
      roles,
      csrfToken: issueFormToken(request, reply, formScope(request)),
      values: state.values,
      errors: joinFieldErrors(page.language, state.invalidFields ?? []),
      formError: state.formErrorCode ? joinErrorText(page.language, state.formErrorCode) : undefined,
    };
    return sendPage(reply, joinFormPage(view), status);
  }

  /**
   * Expected failures (and rate limits) become a short page with the right status, naming the code
   * in `x-amparo-error`; anything else is a real error.
   */
  function sendErrorPage(request: TokenRequest, reply: FastifyReply, error: unknown) {
    if (!isAppError(error)) throw error;
    const page = pageContext(request, reply);
    for (const [name, value] of Object.entries(error.headers ?? {})) void reply.header(name, value);
    void reply.header('x-amparo-error', error.code);
    const title = t(page.language, 'members.linkUnusableTitle');
    return sendPage(
      reply,
      joinMessagePage(page, title, joinErrorText(page.language, error.code)),
      error.status,
    );
  }

  app.get('/join/:invitationToken', async (request: TokenRequest, reply) => {
    try {
      await limitJoinAttempt(request, false);
      return await sendForm(request, reply, 200, {});
    } catch (error) {
      return sendErrorPage(request, reply, error);
    }
  });

  app.post('/join/:invitationToken', async (request: TokenRequest, reply) => {
    try {
      await limitJoinAttempt(request, true);
    } catch (error) {
      return sendErrorPage(request, reply, error);
    }
    if (!isFormPost(request) || !hasValidFormToken(request, formScope(request))) {
      const page = pageContext(request, reply);
      const document = joinMessagePage(
        page,
        t(page.language, 'members.formExpiredTitle'),
        t(page.language, 'members.formExpired'),
      );
      return sendPage(reply, document, 403);
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      displayName: typeof body.displayName === 'string' ? body.displayName : undefined,
      email: typeof body.email === 'string' ? body.email : undefined,
    };
    try {
      const input = parseInput(newMemberSchema, body);
      const joined = await acceptInvitation(deps, request.params.invitationToken, input);
      setSessionCookie(reply, joined.session.token);
      return sendPage(reply, welcomePage(pageContext(request, reply), joined.pendingGrants.length > 0), 201);
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'EMAIL_TAKEN')) {
        return sendErrorPage(request, reply, error);
      }
      const state: FormState =
        error.code === 'EMAIL_TAKEN'
          ? { values: { displayName: values.displayName }, formErrorCode: error.code }
          : { values, invalidFields: error.details };
      try {
        return await sendForm(request, reply, error.status, state);
      } catch (pageError) {
        return sendErrorPage(request, reply, pageError);
      }
    }
  });
}
