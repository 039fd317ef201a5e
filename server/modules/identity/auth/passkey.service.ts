import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
// The leaf file, not members' index.ts: that index imports auth, and a cycle would leave one side
// half-initialized at start-up.
import { memberFieldContexts } from '../members/member-contact.ts';
import type { PasskeyList, PasskeyView } from './auth.contract.ts';
import type { AuthDeps } from './auth.deps.ts';
import type { WebauthnCredentialsTable } from './auth.tables.ts';
import {
  consumeChallenge,
  deletePasskeyOf,
  findPasskey,
  insertChallenge,
  insertPasskey,
  listPasskeysOf,
  renamePasskeyOf,
} from './credential.repository.ts';
import { requireStepUp } from './auth.policy.ts';
import type { Principal } from './principal.ts';
import { challengeLifetimeMs, challengeOf, parseTransports } from './second-factor.service.ts';
import { markSecondFactor } from './session.repository.ts';

/** The field-crypto context of a passkey's name: it can identify a person's device. */
export const passkeyNameContext = 'webauthn_credentials.name';

function viewOf(deps: AuthDeps, passkey: WebauthnCredentialsTable): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name_enc === null ? null : deps.crypto.decrypt(passkey.name_enc, passkeyNameContext),
    createdAt: passkey.created_at,
    lastUsedAt: passkey.last_used_at,
  };
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
    deps.accounts.findContact(deps.db, principal.memberId),
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

/**
 * Verifies the authenticator's attestation ('none' is enough: we trust the key, not the maker) and
 * stores the passkey under the member's name for it (encrypted), when they gave one.
 */
export async function finishPasskeyRegistration(
  deps: AuthDeps,
  principal: Principal,
  response: RegistrationResponseJSON,
  name?: string,
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
    const row: WebauthnCredentialsTable = {
      id: credential.id,
      member_id: principal.memberId,
      public_key: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      name_enc: name === undefined ? null : deps.crypto.encrypt(name, passkeyNameContext),
      created_at: now,
      last_used_at: null,
    };
    await insertPasskey(trx, row);
    await markSecondFactor(trx, principal.sessionId, now, 'passkey');
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'auth.secondFactorEnrolled',
      objectType: 'member',
      objectId: principal.memberId,
      metadata: { method: 'passkey' },
    });
    return viewOf(deps, row);
  });
}

export async function listOwnPasskeys(deps: AuthDeps, principal: Principal): Promise<PasskeyList> {
  const passkeys = await listPasskeysOf(deps.db, principal.memberId);
  return { passkeys: passkeys.map((passkey) => viewOf(deps, passkey)) };
}

/**
 * Renames one of the member's own passkeys. No step-up: a name changes no way of signing in. An id
 * that is not theirs is PASSKEY_NOT_FOUND, the same answer as one that does not exist.
 */
export async function renameOwnPasskey(
  deps: AuthDeps,
  principal: Principal,
  passkeyId: string,
  name: string,
): Promise<PasskeyView> {
  return inTransaction(deps, async ({ trx }) => {
    const nameEnc = deps.crypto.encrypt(name, passkeyNameContext);
    const passkey = (await renamePasskeyOf(trx, principal.memberId, passkeyId, nameEnc))
      ? await findPasskey(trx, passkeyId)
      : undefined;
    if (!passkey) throw new AppError('PASSKEY_NOT_FOUND', 'This passkey does not exist.');
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'auth.passkeyRenamed',
      objectType: 'member',
      objectId: principal.memberId,
      metadata: { method: 'passkey' },
    });
    return viewOf(deps, passkey);
  });
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
