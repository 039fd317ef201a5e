import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { newSecretToken } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { csrfTokenFor, hashPassword, startSession } from '../auth/index.ts';
import { createMemberRecord } from '../members/index.ts';
import type { MemberDeps } from '../members/index.ts';
import { createNetwork, hasAnyNetwork } from '../networks/index.ts';
import { firstNetworkSchema } from './setup.contract.ts';
import {
  consumeSetupToken,
  deleteUnusedSetupTokens,
  findSetupToken,
  lockSetup,
  replaceUnusedSetupTokens,
} from './setup.repository.ts';

export { hasAnyNetwork };

const setupLinkLifetimeMs = 24 * 60 * 60 * 1000;
const tokenFormat = /^[A-Za-z0-9_-]{43}$/;

export function hashSetupToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * While no network exists, makes a fresh one-time setup token (older unused ones stop working)
 * and returns it; returns null once the deployment is set up. Only the hash is stored.
 */
export async function issueSetupTokenIfNeeded(deps: {
  db: Kysely<Database>;
  clock: Clock;
}): Promise<string | null> {
  if (await hasAnyNetwork(deps.db)) return null;
  const token = newSecretToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await replaceUnusedSetupTokens(trx, {
      token_hash: hashSetupToken(token),
      created_at: now,
      expires_at: now + setupLinkLifetimeMs,
      used_at: null,
    });
  });
  return token;
}

/**
 * Whether a setup link can still be used: SETUP_ALREADY_DONE once any network exists, else
 * SETUP_TOKEN_INVALID for an unknown, used, replaced or expired token.
 */
export async function requireUsableSetupToken(deps: { db: Kysely<Database>; clock: Clock }, token: string) {
  if (await hasAnyNetwork(deps.db)) throw setupAlreadyDone();
  const row = tokenFormat.test(token) ? await findSetupToken(deps.db, hashSetupToken(token)) : undefined;
  if (!row || row.used_at !== null || deps.clock.now() >= row.expires_at) throw setupTokenInvalid();
}

export interface FirstNetwork {
  networkId: string;
  memberId: string;
  /** Present when asked for: the admin's first session (cookie token and CSRF token). */
  session: { token: string; expiresAt: number; csrfToken: string } | null;
}

/**
 * Creates the deployment's first network and its admin, in one transaction: the setup token is
 * consumed, the network (networks module, which audits `network.created`) and an active admin
 * with no area limit created, and the admin's joining audited.
 * `setupToken` is null for the command line, where shell access to the server is the proof.
 * `input` is validated here with firstNetworkSchema (a FirstNetworkInput).
 */
export async function createFirstNetwork(
  deps: MemberDeps,
  request: { setupToken: string | null; input: unknown; startSession: boolean },
): Promise<FirstNetwork> {
  const input = parseInput(firstNetworkSchema, request.input);
  const tokenHash = request.setupToken === null ? null : hashSetupToken(request.setupToken);
  // Cheap checks first, so a bad link never costs an Argon2 hash.
  if (request.setupToken === null) {
    if (await hasAnyNetwork(deps.db)) throw setupAlreadyDone();
  } else {
    await requireUsableSetupToken(deps, request.setupToken);
  }
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps, async ({ trx }) => {
    await lockSetup(trx, deps.dialect);
    if (await hasAnyNetwork(trx)) throw setupAlreadyDone();
    const now = deps.clock.now();
    if (tokenHash !== null && !(await consumeSetupToken(trx, tokenHash, now))) throw setupTokenInvalid();
    await deleteUnusedSetupTokens(trx);
    const via = tokenHash === null ? 'command-line' : 'setup-link';
    const { id: networkId } = await createNetwork(
      deps,
      trx,
      { name: input.networkName, slug: input.slug, timezone: input.timezone, languages: input.languages },
      { actorMemberId: null, via },
    );
    const memberId = await createMemberRecord(deps, trx, {
      networkId,
      displayName: input.adminDisplayName,
      email: input.email,
      passwordHash,
      status: 'active',
      roles: [{ role: 'admin', areaId: null }],
      grantedBy: null,
    });
    await recordAudit(deps, trx, {
      networkId,
      actorMemberId: memberId,
      action: 'member.joined',
      objectType: 'member',
      objectId: memberId,
      metadata: { roles: ['admin'], via },
    });
    await recordAudit(deps, trx, {
      networkId: null,
      actorMemberId: memberId,
      action: 'setup.completed',
      objectType: 'network',
      objectId: networkId,
      metadata: { via },
    });
    if (!request.startSession) return { networkId, memberId, session: null };
    const session = await startSession(deps, trx, { id: memberId, networkId }, { secondFactor: null });
    return {
      networkId,
      memberId,
      session: { token: session.token, expiresAt: session.expiresAt, csrfToken: csrfTokenFor(session.token) },
    };
  });
}

function setupAlreadyDone(): AppError {
  return new AppError('SETUP_ALREADY_DONE', 'Amparo is already set up. Sign in instead.');
}

function setupTokenInvalid(): AppError {
  return new AppError(
    'SETUP_TOKEN_INVALID',
    'This setup link is not valid. Restart Amparo to print a new one.',
  );
}
