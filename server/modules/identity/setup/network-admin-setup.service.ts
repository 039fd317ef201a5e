import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { newSecretToken } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { csrfTokenFor, hashPassword, startSession } from '../auth/index.ts';
import { createMemberRecord, displayNameSchema, emailSchema, passwordSchema } from '../members/index.ts';
import type { MemberDeps } from '../members/index.ts';
import { findNetworkName } from '../networks/index.ts';
import type { FirstNetwork } from './setup.service.ts';
import { hashSetupToken } from './setup.service.ts';
import { consumeSetupToken, findSetupToken, insertSetupToken } from './setup.repository.ts';

/** The first admin of a network a deployment operator created (ADR 0032). */
export const networkAdminSchema = z.object({
  adminDisplayName: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});

const linkLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const tokenFormat = /^[A-Za-z0-9_-]{43}$/;

/** A one-time link (in the caller's transaction) for the first admin of `networkId`. */
export async function issueNetworkAdminSetupToken(
  deps: { clock: Clock },
  trx: Kysely<Database>,
  networkId: string,
): Promise<{ token: string; expiresAt: number }> {
  const token = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = now + linkLifetimeMs;
  await insertSetupToken(trx, {
    token_hash: hashSetupToken(token),
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
    network_id: networkId,
  });
  return { token, expiresAt };
}

/**
 * The network (id and name) a setup link makes the first admin of, or null when the token is not
 * such a link (it may be the first network's). SETUP_TOKEN_INVALID for a used or expired one.
 */
export async function findNetworkAdminSetup(
  deps: { db: Kysely<Database>; clock: Clock },
  token: string,
): Promise<{ networkId: string; networkName: string } | null> {
  const row = tokenFormat.test(token) ? await findSetupToken(deps.db, hashSetupToken(token)) : undefined;
  if (!row?.network_id) return null;
  if (row.used_at !== null || deps.clock.now() >= row.expires_at) throw setupTokenInvalid();
  const networkName = await findNetworkName(deps.db, row.network_id);
  if (networkName === null) throw setupTokenInvalid();
  return { networkId: row.network_id, networkName };
}

/** Creates the network's first admin (active, every area) and uses the link up, in one transaction. */
export async function createNetworkAdmin(
  deps: MemberDeps,
  request: { setupToken: string; input: unknown; startSession: boolean },
): Promise<FirstNetwork> {
  const input = parseInput(networkAdminSchema, request.input);
  const setup = await findNetworkAdminSetup(deps, request.setupToken);
  if (!setup) throw setupTokenInvalid();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps, async ({ trx }) => {
    const now = deps.clock.now();
    if (!(await consumeSetupToken(trx, hashSetupToken(request.setupToken), now))) throw setupTokenInvalid();
    const memberId = await createMemberRecord(deps, trx, {
      networkId: setup.networkId,
      displayName: input.adminDisplayName,
      email: input.email,
      passwordHash,
      status: 'active',
      roles: [{ role: 'admin', areaId: null }],
      grantedBy: null,
    });
    await recordAudit(deps, trx, {
      networkId: setup.networkId,
      actorMemberId: memberId,
      action: 'member.joined',
      objectType: 'member',
      objectId: memberId,
      metadata: { roles: ['admin'], via: 'operator-setup-link' },
    });
    if (!request.startSession) return { networkId: setup.networkId, memberId, session: null };
    const session = await startSession(
      deps,
      trx,
      { id: memberId, networkId: setup.networkId },
      { secondFactor: null },
    );
    return {
      networkId: setup.networkId,
      memberId,
      session: { token: session.token, expiresAt: session.expiresAt, csrfToken: csrfTokenFor(session.token) },
    };
  });
}

function setupTokenInvalid(): AppError {
  return new AppError('SETUP_TOKEN_INVALID', 'This setup link is not valid. Ask the operator for a new one.');
}
