import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { AuthDeps } from '../auth/auth.deps.ts';
import { enforceLimits } from '../auth/auth.deps.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password.ts';
import { csrfTokenFor, hashSessionToken, sessionPolicy } from '../auth/session.service.ts';
import { matchTotpStep, newTotpSecret, totpQrSvg, totpUri } from '../auth/totp.ts';
import { normalizeEmail } from '../members/member-contact.ts';
import { operatorCreateSchema, operatorSetupSchema, operatorSignInSchema } from './operator.contract.ts';
import type { OperatorSetupView } from './operator.contract.ts';
import {
  claimOperatorTotpStep,
  completeOperatorSetupRow,
  findOperatorByEmailIndex,
  findOperatorById,
  findOperatorBySetupToken,
  insertOperator,
  insertOperatorSession,
  setOperatorSetupToken,
} from './operator.repository.ts';
import type { OperatorsTable } from './operator.tables.ts';

/** Encryption contexts and the blind-index purpose of operators' fields. */
export const operatorFieldContexts = {
  email: 'operators.email',
  totpSecret: 'operators.totp_secret',
} as const;
const operatorEmailIndexPurpose = 'operators.email';
const setupLinkLifetimeMs = 24 * 60 * 60 * 1000;
const tokenFormat = /^[A-Za-z0-9_-]{43}$/;

export function hashOperatorToken(token: string): string {
  return createHash('sha256').update(`operator:${token}`).digest('hex');
}

export interface OperatorSetupLink {
  operatorId: string;
  /** The path of the setup screen (the token in the fragment never reaches a server log). */
  path: string;
  expiresAt: number;
}

/**
 * `amparo operator create`: an operator (no network) and their one-time setup link. The same
 * email again gives a fresh link while the first was not used (older links stop working);
 * OPERATOR_EXISTS once that operator has set a password.
 */
export async function createOperator(deps: ServiceDeps, input: unknown): Promise<OperatorSetupLink> {
  const { email } = parseInput(operatorCreateSchema, input);
  const emailIndex = deps.crypto.blindIndex(normalizeEmail(email), operatorEmailIndexPurpose);
  const token = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = now + setupLinkLifetimeMs;
  const totpSecretEnc = deps.crypto.encrypt(newTotpSecret(), operatorFieldContexts.totpSecret);
  const operatorId = await inTransaction(deps, async ({ trx }) => {
    const existing = await findOperatorByEmailIndex(trx, emailIndex);
    if (existing?.password_hash) throw new AppError('OPERATOR_EXISTS', 'This operator already exists.');
    const id = existing?.id ?? newId();
    if (!existing) {
      await insertOperator(trx, {
        id,
        email_index: emailIndex,
        email_enc: deps.crypto.encrypt(email, operatorFieldContexts.email),
        password_hash: null,
        totp_secret_enc: null,
        totp_last_step: null,
        setup_token_hash: null,
        setup_expires_at: null,
        created_at: now,
      });
    }
    await setOperatorSetupToken(trx, id, { hash: hashOperatorToken(token), expiresAt, totpSecretEnc });
    await recordAudit(deps, trx, {
      networkId: null,
      actorMemberId: null,
      action: 'operator.created',
      objectType: 'operator',
      objectId: id,
      metadata: { via: 'command-line', isNewLink: existing !== undefined },
    });
    return id;
  });
  return { operatorId, path: `/app/#/operator/setup/${token}`, expiresAt };
}

async function requireUsableSetup(deps: AuthDeps, token: string): Promise<OperatorsTable> {
  const row = tokenFormat.test(token)
    ? await findOperatorBySetupToken(deps.db, hashOperatorToken(token))
    : undefined;
  if (!row || row.totp_secret_enc === null || (row.setup_expires_at ?? 0) <= deps.clock.now()) {
    throw new AppError('SETUP_TOKEN_INVALID', 'This setup link is not valid.');
  }
  return row;
}

/** The authenticator secret to add to an app, shown only while the setup link is unused. */
export async function showOperatorSetup(deps: AuthDeps, token: string): Promise<OperatorSetupView> {
  const row = await requireUsableSetup(deps, token);
  const secret = deps.crypto.decrypt(row.totp_secret_enc!, operatorFieldContexts.totpSecret);
  const uri = totpUri(secret, 'operator');
  return { totpSecret: secret, totpUri: uri, qrSvg: await totpQrSvg(uri) };
}

/** Sets the password and proves the authenticator app, using the link up; audited. */
export async function completeOperatorSetup(
  deps: AuthDeps,
  token: string,
  input: unknown,
): Promise<{ operatorId: string }> {
  const { password, code } = parseInput(operatorSetupSchema, input);
  const row = await requireUsableSetup(deps, token);
  const secret = deps.crypto.decrypt(row.totp_secret_enc!, operatorFieldContexts.totpSecret);
  const step = matchTotpStep(secret, code, deps.clock.now());
  if (step === null) throw new AppError('SECOND_FACTOR_FAILED', 'That code did not work. Try again.');
  const passwordHash = await hashPassword(password);
  await inTransaction(deps, async ({ trx }) => {
    const change = { tokenHash: hashOperatorToken(token), passwordHash, totpStep: step };
    if (!(await completeOperatorSetupRow(trx, row.id, change))) {
      throw new AppError('SETUP_TOKEN_INVALID', 'This setup link is not valid.');
    }
    await recordAudit(deps, trx, {
      networkId: null,
      actorMemberId: null,
      action: 'operator.setUp',
      objectType: 'operator',
      objectId: row.id,
    });
  });
  return { operatorId: row.id };
}

/** Proves a fresh authenticator code of the operator (sign-in and step-up): each code works once. */
export async function proveOperatorCode(deps: AuthDeps, operatorId: string, code: string): Promise<void> {
  await enforceLimits([[deps.limits.secondFactorPerMember, `operator:${operatorId}`]]);
  const row = await findOperatorById(deps.db, operatorId);
  if (!row?.totp_secret_enc || !row.password_hash) throw secondFactorFailed();
  const secret = deps.crypto.decrypt(row.totp_secret_enc, operatorFieldContexts.totpSecret);
  const step = matchTotpStep(secret, code, deps.clock.now());
  if (step === null) throw secondFactorFailed();
  if (!(await claimOperatorTotpStep(deps.db, operatorId, step))) {
    throw new AppError('TOTP_REPLAYED', 'That code was already used. Wait for the next one.');
  }
}

/**
 * Email, password and authenticator code in one step. Every failure spends the same argon2 work
 * and answers SIGN_IN_FAILED (or a code error after a right password), as for members.
 */
export async function signInOperator(
  deps: AuthDeps,
  input: unknown,
  context: { addressKey: string },
): Promise<{ operatorId: string; token: string; csrfToken: string }> {
  const { email, password, code } = parseInput(operatorSignInSchema, input);
  const emailIndex = deps.crypto.blindIndex(normalizeEmail(email), operatorEmailIndexPurpose);
  await enforceLimits([
    [deps.limits.signInPerAddressPrefix, context.addressKey],
    [deps.limits.signInPerEmail, emailIndex],
    [deps.limits.signInGlobal, 'all'],
  ]);
  const row = await findOperatorByEmailIndex(deps.db, emailIndex);
  const isRight = row?.password_hash
    ? await verifyPassword(row.password_hash, password)
    : await verifyAgainstDummy(password);
  if (!row || !isRight) {
    await recordAudit(deps, deps.db, {
      networkId: null,
      actorMemberId: null,
      action: 'operator.signInFailed',
      ...(row ? { objectType: 'operator', objectId: row.id } : {}),
    });
    throw new AppError('SIGN_IN_FAILED', 'The email or password is not right.');
  }
  await proveOperatorCode(deps, row.id, code);
  const token = newSecretToken(32);
  const now = deps.clock.now();
  await inTransaction(deps, async ({ trx }) => {
    const sessionId = newId();
    await insertOperatorSession(trx, {
      id: sessionId,
      token_hash: hashSessionToken(token),
      operator_id: row.id,
      created_at: now,
      last_seen_at: now,
      expires_at: now + sessionPolicy.absoluteTimeoutMs,
      revoked_at: null,
    });
    await recordAudit(deps, trx, {
      networkId: null,
      actorMemberId: null,
      action: 'operator.signedIn',
      objectType: 'operator',
      objectId: row.id,
      metadata: { sessionId },
    });
  });
  return { operatorId: row.id, token, csrfToken: csrfTokenFor(token) };
}

function secondFactorFailed(): AppError {
  return new AppError('SECOND_FACTOR_FAILED', 'That code did not work. Try again.');
}
