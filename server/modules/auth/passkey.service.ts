import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { inTransaction } from '../../platform/database/unit-of-work.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { newId } from '../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
// The leaf file, not members' index.ts: that index imports auth, and a cycle would leave one side
// half-initialized at start-up.
import { memberFieldContexts } from '../members/member.contact.ts';
import type { AuthDeps } from './auth.deps.ts';
import {
  consumeChallenge,
  deletePasskeyOf,
  findPasskey,
  insertChallenge,
  insertPasskey,
  listPasskeysOf,
} from './credential.repository.ts';
import { requireStepUp } from './policy.ts';
import type { Principal } from './principal.ts';
import { challengeLifetimeMs, challengeOf, parseTransports } from './second-factor.service.ts';
import { markSecondFactor } from './session.repository.ts';
import { findMemberContact } from './sign-in.repository.ts';

export interface PasskeyView {
  id: string;
  createdAt: number;
  lastUsedAt: number | null;
}

function registrationFailed(): AppError {
  return new AppError('PASSKEY_REGISTRATION_FAILED', 'The passkey could not be added. Try again.');
}

/**
 * Registration options for a new passkey of the signed-in member (discoverable when the
 * authenticator can, so it also works for passwordless sign-in). Adding a factor next to an
 * existing one needs a fresh step-up.
 */
export async function startPasskeyRegistration(
  deps: AuthDeps,
  principal: Principal,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  if (principal.hasSecondFactor) requireStepUp(principal, deps.clock);
  const [existing, contact] = await Promise.all([
    listPasskeysOf(deps.db, principal.memberId),
    findMemberContact(deps.db, principal.memberId),
  ]);
  const options = await generateRegistrationOptions({
    rpName: deps.relyingParty.name,
    rpID: deps.relyingParty.id,
    // Shown only by the member's own authenticator, to tell their accounts apart.
    userName: deps.crypto.decrypt(contact.emailEnc, memberFieldContexts.email),
    userDisplayName: deps.crypto.decrypt(contact.displayNameEnc, memberFieldContexts.displayName),
    userID: new TextEncoder().encode(principal.memberId),
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.id,
      transports: parseTransports(passkey.transports),
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: challengeLifetimeMs,
  });
  const now = deps.clock.now();
  await insertChallenge(
    deps.db,
    {
      id: newId(),
      member_id: principal.memberId,
      challenge: options.challenge,
      purpose: 'register',
      expires_at: now + challengeLifetimeMs,
    },
    now,
  );
  return options;
}

/** Verifies the authenticator's attestation ('none' is enough: we trust the key, not the maker). */
export async function finishPasskeyRegistration(
  deps: AuthDeps,
  principal: Principal,
  response: RegistrationResponseJSON,
): Promise<PasskeyView> {
  if (principal.hasSecondFactor) requireStepUp(principal, deps.clock);
  const now = deps.clock.now();
  const challenge = challengeOf(response.response.clientDataJSON);
  if (
    challenge === null ||
    !(await consumeChallenge(deps.db, { challenge, purpose: 'register', memberId: principal.memberId, now }))
  ) {
    throw registrationFailed();
  }
  let credential;
  try {
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: deps.relyingParty.origin,
      expectedRPID: deps.relyingParty.id,
      requireUserVerification: false,
    });
    if (!verification.verified) throw registrationFailed();
    credential = verification.registrationInfo.credential;
  } catch {
    throw registrationFailed();
  }
  if (credential.id.length > 1024 || (await findPasskey(deps.db, credential.id))) {
    throw new AppError('PASSKEY_ALREADY_REGISTERED', 'This passkey is already registered.');
  }
  return inTransaction(deps, async ({ trx }) => {
    await insertPasskey(trx, {
      id: credential.id,
      member_id: principal.memberId,
      public_key: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      created_at: now,
      last_used_at: null,
    });
    await markSecondFactor(trx, principal.sessionId, now);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'auth.secondFactorEnrolled',
      objectType: 'member',
      objectId: principal.memberId,
      metadata: { method: 'passkey' },
    });
    return { id: credential.id, createdAt: now, lastUsedAt: null };
  });
}

export async function listOwnPasskeys(
  deps: AuthDeps,
  principal: Principal,
): Promise<{ passkeys: PasskeyView[] }> {
  const passkeys = await listPasskeysOf(deps.db, principal.memberId);
  return {
    passkeys: passkeys.map((passkey) => ({
      id: passkey.id,
      createdAt: passkey.created_at,
      lastUsedAt: passkey.last_used_at,
    })),
  };
}

/**
 * Deletes one of the member's own passkeys (fresh step-up). Idempotent: an id that is not theirs
 * answers the same as one already deleted, so no one learns which credential ids exist.
 */
export async function deleteOwnPasskey(
  deps: AuthDeps,
  principal: Principal,
  passkeyId: string,
): Promise<void> {
  requireStepUp(principal, deps.clock);
  await inTransaction(deps, async ({ trx }) => {
    if (!(await deletePasskeyOf(trx, principal.memberId, passkeyId))) return;
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'auth.secondFactorRemoved',
      objectType: 'member',
      objectId: principal.memberId,
      metadata: { method: 'passkey' },
    });
  });
}
