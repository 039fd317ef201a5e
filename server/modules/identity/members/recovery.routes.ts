import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { isAppError } from '../../../platform/errors/app-error.ts';
import { t } from '../../../platform/i18n/index.ts';
import { addressPrefixKey, createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import { createSharedRateLimiter } from '../../../platform/limits/index.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { sendPage } from '../../../platform/web/index.ts';
import { createAuthenticator, enforceLimits } from '../auth/index.ts';
import type { AttemptLimiter } from '../auth/index.ts';
import { findNetworkById } from '../networks/index.ts';
import { hasValidFormToken, isFormPost, issueFormToken } from './form-token.ts';
import { pageContext } from './join.pages.ts';
import { memberIdSchema, passwordSchema } from './member.contract.ts';
import { memberDepsFrom } from './member.service.ts';
import { recoveredPage, recoveryErrorText, recoveryFormPage, recoveryMessagePage } from './recovery.pages.ts';
import {
  approveRecoveryLink,
  createRecoveryLink,
  findUsableRecoveryLink,
  hashRecoveryToken,
  recoverWithLink,
} from './recovery.service.ts';

const minuteMs = 60 * 1000;
/**
 * Opening or posting a recovery link, per client address prefix; posts also in total. The 256-bit
 * token cannot be guessed; the limits bound the Argon2 work a flood of posts could cause, and
 * opening pages does not count toward the total, so a flood of bogus links cannot lock everyone out.
 */
export const recoveryLimits = {
  perAddressPrefix: { limit: 20, windowMs: 10 * minuteMs },
  global: { limit: 60, windowMs: 10 * 1000 },
} as const;

const memberParamsSchema = z.object({ memberId: memberIdSchema });
const approveParamsSchema = z.object({ memberId: memberIdSchema, linkId: z.uuid() });
const recoveryFormSchema = z.object({ password: passwordSchema });

type TokenRequest = FastifyRequest<{ Params: { recoveryToken: string } }>;

/** Admin-assisted recovery: the admin API and the no-JavaScript page the member opens. */
export function registerRecoveryRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = memberDepsFrom(context);
  const authenticator = createAuthenticator(context);
  const limiters = {
    // Shared by every app process (ADR 0027); the total protects this process's Argon2 work.
    perAddressPrefix: createSharedRateLimiter({
      ...recoveryLimits.perAddressPrefix,
      db: context.database.db,
      clock: context.clock,
      crypto: context.crypto,
      name: 'recovery.perAddressPrefix',
    }),
    global: createRateLimiter({ ...recoveryLimits.global, clock: context.clock }),
  };

  app.post('/api/members/:memberId/recovery-links', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    const created = await createRecoveryLink(
      { ...deps, publicUrl: context.config.publicUrl },
      principal,
      memberId,
    );
    return reply.code(201).send(created);
  });

  app.post('/api/members/:memberId/recovery-links/:linkId/approve', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(approveParamsSchema, request.params);
    return approveRecoveryLink(deps, principal, input);
  });

  const formScope = (request: TokenRequest) => `recover:${hashRecoveryToken(request.params.recoveryToken)}`;

  async function sendForm(request: TokenRequest, reply: FastifyReply, status: number, hasError: boolean) {
    const link = await findUsableRecoveryLink(deps, request.params.recoveryToken);
    const network = await findNetworkById(deps.db, link.network_id);
    const page = pageContext(request, reply, network?.languages);
    const document = recoveryFormPage({
      ...page,
      networkName: network?.name ?? 'Amparo',
      csrfToken: issueFormToken(request, reply, formScope(request)),
      passwordError: hasError ? t(page.language, 'recovery.passwordError') : undefined,
    });
    return sendPage(reply, document, status);
  }

  /** Expected failures (and rate limits) become a short page with the right status and code. */
  function sendErrorPage(request: TokenRequest, reply: FastifyReply, error: unknown) {
    if (!isAppError(error)) throw error;
    const page = pageContext(request, reply);
    for (const [name, value] of Object.entries(error.headers ?? {})) void reply.header(name, value);
    void reply.header('x-amparo-error', error.code);
    const document = recoveryMessagePage(
      page,
      'recovery.linkUnusableTitle',
      recoveryErrorText(page.language, error.code),
    );
    return sendPage(reply, document, error.status);
  }

  /** Every attempt counts per address prefix; only posts (Argon2 work) count toward the global cap. */
  async function limitAttempt(request: FastifyRequest, isPost: boolean): Promise<void> {
    const perPrefix: [AttemptLimiter, string] = [limiters.perAddressPrefix, addressPrefixKey(request.ip)];
    await enforceLimits(isPost ? [perPrefix, [limiters.global, 'all']] : [perPrefix]);
  }

  app.get('/recover/:recoveryToken', async (request: TokenRequest, reply) => {
    try {
      await limitAttempt(request, false);
      return await sendForm(request, reply, 200, false);
    } catch (error) {
      return sendErrorPage(request, reply, error);
    }
  });

  app.post('/recover/:recoveryToken', async (request: TokenRequest, reply) => {
    try {
      await limitAttempt(request, true);
    } catch (error) {
      return sendErrorPage(request, reply, error);
    }
    if (!isFormPost(request) || !hasValidFormToken(request, formScope(request))) {
      const page = pageContext(request, reply);
      void reply.header('x-amparo-error', 'CSRF_FAILED');
      const document = recoveryMessagePage(
        page,
        'recovery.formExpiredTitle',
        t(page.language, 'recovery.formExpired'),
      );
      return sendPage(reply, document, 403);
    }
    try {
      const { password } = parseInput(recoveryFormSchema, request.body ?? {});
      await recoverWithLink(deps, request.params.recoveryToken, password);
      return sendPage(reply, recoveredPage(pageContext(request, reply)), 200);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION_FAILED')
        return sendErrorPage(request, reply, error);
      try {
        return await sendForm(request, reply, error.status, true);
      } catch (pageError) {
        return sendErrorPage(request, reply, pageError);
      }
    }
  });
}
