import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { SecondFactorMethod } from './auth.contract.ts';
import type { AuthDeps } from './auth.deps.ts';
import { enforceLimits } from './auth.deps.ts';
import type { WebauthnChallengesTable } from './auth.tables.ts';
import {
  claimTotpStep,
  consumeChallenge,
  findPasskey,
  findTotpCredential,
  insertChallenge,
  listPasskeysOf,
  recordPasskeyUse,
} from './credential.repository.ts';
import { matchTotpStep } from './totp.ts';

/** The encryption context of TOTP secrets (a ciphertext moved to another column will not open). */
export const totpSecretContext = 'totp_credentials.secret';

/** How long a WebAuthn challenge can be answered. */
export const challengeLifetimeMs = 5 * 60 * 1000;

export type { SecondFactorMethod } from './auth.contract.ts';

export function secondFactorFailed(): AppError {
  return new AppError('SECOND_FACTOR_FAILED', 'That code or passkey did not work. Try again.');
}

function totpReplayed(): AppError {
  return new AppError('TOTP_REPLAYED', 'That code was already used. Wait for the next one.');
}

export async function listSecondFactorMethods(
  deps: Pick<AuthDeps, 'db'>,
  memberId: string,
): Promise<SecondFactorMethod[]> {
  const [totp, passkeys] = await Promise.all([
    findTotpCredential(deps.db, memberId),
    listPasskeysOf(deps.db, memberId),
  ]);
  const methods: SecondFactorMethod[] = [];
  if (totp?.confirmed_at != null) methods.push('totp');
  if (passkeys.length > 0) methods.push('passkey');
  return methods;
}

/**
 * Checks an authenticator code of the member's confirmed TOTP and marks its step used: the same
 * code (or an older one) never works twice. SECOND_FACTOR_FAILED, TOTP_REPLAYED or RATE_LIMITED.
 */
export async function proveTotp(deps: AuthDeps, memberId: string, code: string): Promise<void> {
  await enforceLimits([[deps.limits.secondFactorPerMember, memberId]]);
  const credential = await findTotpCredential(deps.db, memberId);
  if (!credential || credential.confirmed_at === null) throw secondFactorFailed();
  const secret = deps.crypto.decrypt(credential.secret_enc, totpSecretContext);
  const step = matchTotpStep(secret, code, deps.clock.now());
  if (step === null) throw secondFactorFailed();
  if (credential.last_used_step !== null && step <= credential.last_used_step) throw totpReplayed();
  if (!(await claimTotpStep(deps.db, memberId, step))) throw totpReplayed();
}

/** Issues and stores a single-use assertion challenge for `memberId` (null: passwordless sign-in). */
export async function issueAssertionChallenge(
  deps: AuthDeps,
  input: {
    purpose: WebauthnChallengesTable['purpose'];
    memberId: string | null;
    userVerification: 'required' | 'preferred' | 'discouraged';
  },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = input.memberId === null ? [] : await listPasskeysOf(deps.db, input.memberId);
  const options = await generateAuthenticationOptions({
    rpID: deps.relyingParty.id,
    // Empty for a passwordless sign-in: the browser offers the discoverable passkeys it holds.
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.id,
      transports: parseTransports(passkey.transports),
    })),
    userVerification: input.userVerification,
    timeout: challengeLifetimeMs,
  });
  const now = deps.clock.now();
  await insertChallenge(
    deps.db,
    {
      id: newId(),
      member_id: input.memberId,
      challenge: options.challenge,
      purpose: input.purpose,
      expires_at: now + challengeLifetimeMs,
    },
    now,
  );
  return options;
}

/**
 * Verifies a passkey assertion against a challenge this server issued (consumed first, so it is
 * single use even when verification fails), the stored public key and its signature counter.
 * With `memberId`, the passkey must be that member's. Throws `failureCode` on any mismatch.
 */
export async function provePasskey(
  deps: AuthDeps,
  input: {
    response: AuthenticationResponseJSON;
    purpose: WebauthnChallengesTable['purpose'];
    memberId: string | null;
    requireUserVerification: boolean;
    failureCode: 'SIGN_IN_FAILED' | 'SECOND_FACTOR_FAILED';
  },
): Promise<{ memberId: string; credentialId: string }> {
  const fail = () =>
    input.failureCode === 'SIGN_IN_FAILED'
      ? new AppError('SIGN_IN_FAILED', 'That passkey did not work.')
      : secondFactorFailed();
  const now = deps.clock.now();
  const challenge = challengeOf(input.response.response.clientDataJSON);
  const isChallengeLive =
    challenge !== null &&
    (await consumeChallenge(deps.db, { challenge, purpose: input.purpose, memberId: input.memberId, now }));
  const passkey = await findPasskey(deps.db, input.response.id);
  if (!isChallengeLive || !passkey || (input.memberId !== null && passkey.member_id !== input.memberId))
    throw fail();
  await enforceLimits([[deps.limits.secondFactorPerMember, passkey.member_id]]);
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: deps.relyingParty.origin,
      expectedRPID: deps.relyingParty.id,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.public_key),
        counter: passkey.counter,
        transports: parseTransports(passkey.transports),
      },
      requireUserVerification: input.requireUserVerification,
    });
    if (!verification.verified) throw fail();
    newCounter = verification.authenticationInfo.newCounter;
  } catch {
    // Any malformed response or bad signature, and a signature counter that did not advance (a
    // sign of a cloned authenticator), is the same failure to the caller.
    throw fail();
  }
  await recordPasskeyUse(deps.db, passkey.id, newCounter, now);
  return { memberId: passkey.member_id, credentialId: passkey.id };
}

/** The challenge the browser says it signed, read from clientDataJSON (checked again by the library). */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as unknown;
    const challenge = (clientData as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === 'string' && challenge.length > 0 && challenge.length <= 512
      ? challenge
      : null;
  } catch {
    return null;
  }
}

export function parseTransports(stored: string): string[] {
  try {
    const parsed = JSON.parse(stored) as unknown;
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
