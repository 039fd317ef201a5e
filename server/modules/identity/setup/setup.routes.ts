import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import { t } from '../../../platform/i18n/index.ts';
import { requestLanguage, sendPage } from '../../../platform/web/index.ts';
import { setSessionCookie } from '../auth/index.ts';
import {
  hasValidFormToken,
  isFormPost,
  isJsonPost,
  issueFormToken,
  memberDepsFrom,
} from '../members/index.ts';
import {
  setupDonePage,
  setupErrorPage,
  setupFieldErrors,
  setupFormPage,
  setupMessagePage,
} from './setup.pages.ts';
import type { SetupPageContext } from './setup.pages.ts';
import { createFirstNetwork, hashSetupToken, requireUsableSetupToken } from './setup.service.ts';
import { createNetworkAdmin, findNetworkAdminSetup } from './network-admin-setup.service.ts';

type TokenRequest = FastifyRequest<{ Params: { setupToken: string } }>;

const echoedFields = ['networkName', 'slug', 'timezone', 'adminDisplayName', 'email'] as const;

/** The one-time setup link printed on the console of a fresh deployment. */
export function registerSetupRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = memberDepsFrom(context);
  const formScope = (request: TokenRequest) => `setup:${hashSetupToken(request.params.setupToken)}`;
  const pageContext = (request: TokenRequest, reply: FastifyReply): SetupPageContext => ({
    language: requestLanguage(request, reply),
    currentUrl: request.url,
  });

  async function sendForm(
    request: TokenRequest,
    reply: FastifyReply,
    status: number,
    state: { values?: Record<string, string | undefined>; error?: AppError },
  ) {
    // A link for the first admin of a network the operator made (ADR 0032), else the first network's.
    const adminSetup = await findNetworkAdminSetup(deps, request.params.setupToken);
    if (!adminSetup) await requireUsableSetupToken(deps, request.params.setupToken);
    const page = pageContext(request, reply);
    const isFieldError = state.error?.code === 'VALIDATION_FAILED';
    const document = setupFormPage({
      ...page,
      csrfToken: issueFormToken(request, reply, formScope(request)),
      values: state.values,
      errors: isFieldError ? setupFieldErrors(page.language, state.error?.details ?? []) : undefined,
      formError: state.error && !isFieldError ? state.error.message : undefined,
      networkName: adminSetup?.networkName,
    });
    return sendPage(reply, document, status);
  }

  function sendErrorPage(request: TokenRequest, reply: FastifyReply, error: unknown) {
    if (!isAppError(error)) throw error;
    return sendPage(reply, setupErrorPage(pageContext(request, reply), error.code), error.status);
  }

  app.get('/setup/:setupToken', async (request: TokenRequest, reply) => {
    try {
      return await sendForm(request, reply, 200, {});
    } catch (error) {
      return sendErrorPage(request, reply, error);
    }
  });

  app.post('/setup/:setupToken', async (request: TokenRequest, reply) => {
    const setupToken = request.params.setupToken;
    if (isJsonPost(request)) {
      // JSON needs a CORS preflight cross-site, and the token in the path is itself the secret.
      const create = (await findNetworkAdminSetup(deps, setupToken))
        ? createNetworkAdmin
        : createFirstNetwork;
      const created = await create(deps, { setupToken, input: request.body, startSession: true });
      setSessionCookie(reply, created.session!.token);
      return reply.status(201).send({
        networkId: created.networkId,
        memberId: created.memberId,
        csrfToken: created.session!.csrfToken,
        next: 'enroll-second-factor',
      });
    }
    if (!isFormPost(request)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send a form or JSON.');
    if (!hasValidFormToken(request, formScope(request))) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        setupMessagePage(page, 'setup.formExpiredTitle', t(page.language, 'setup.formExpired')),
        403,
      );
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      echoedFields.map((name) => [name, typeof body[name] === 'string' ? body[name] : undefined]),
    );
    try {
      const input = { ...values, password: body.password };
      const create = (await findNetworkAdminSetup(deps, setupToken))
        ? createNetworkAdmin
        : createFirstNetwork;
      const created = await create(deps, { setupToken, input, startSession: true });
      setSessionCookie(reply, created.session!.token);
      return sendPage(reply, setupDonePage(pageContext(request, reply)), 201);
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'EMAIL_TAKEN')) {
        return sendErrorPage(request, reply, error);
      }
      try {
        return await sendForm(request, reply, error.status, { values, error });
      } catch (pageError) {
        return sendErrorPage(request, reply, pageError);
      }
    }
  });
}
