import { randomInt, timingSafeEqual } from 'node:crypto';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { t } from '../../../platform/i18n/i18n.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import type { SmsSender } from '../../../platform/sms/sms.ts';
import { findNetworkById, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { OwnResponderProfile } from './responder.contract.ts';
import type { ResponderDeps } from './responder.deps.ts';
import { pagedRoles, responderFields } from './responder.deps.ts';
import { parseLanguages } from './responder-presenter.ts';
import {
  findProfile,
  findResponderMember,
  isPhoneIndexTakenByOther,
  updateProfile,
} from './responder.repository.ts';
import { ensureProfile, getOwnResponderProfile } from './responder.service.ts';
import type { TestPageDeps } from './responder-test-page.service.ts';

export const contactCodeJobName = 'responders.sendContactCode';

/** How long a texted code holds, how many wrong tries end it, and how soon another may be texted. */
export const contactCodeLifetimeMs = 10 * 60_000;
export const contactCodeMaxAttempts = 5;
const contactCodeSpacingMs = 60_000;

const clearedPending = {
  pending_sms_phone_enc: null,
  pending_sms_code_enc: null,
  pending_sms_expires_at: null,
  pending_sms_attempts: 0,
} as const;

/**
 * Null removes the number at once. A number is not used for offers until the responder types
 * back the six-digit code texted to it: a typo, or someone else's phone, never receives offers.
 * One code a minute per responder, so the form cannot be used to text strangers in bulk.
 */
export async function setOwnContact(
  deps: TestPageDeps,
  principal: Principal,
  input: { smsPhone: string | null },
): Promise<OwnResponderProfile> {
  requireRole(principal, pagedRoles);
  await inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    await ensureProfile(uow.trx, principal, now);
    if (input.smsPhone === null) {
      await updateProfile(uow.trx, principal.memberId, {
        sms_phone_enc: null,
        sms_phone_index: null,
        ...clearedPending,
        updated_at: now,
      });
      return;
    }
    const index = deps.crypto.blindIndex(input.smsPhone, responderFields.smsPhoneIndex);
    if (await isPhoneIndexTakenByOther(uow.trx, index, principal.memberId)) {
      throw new AppError('RESPONDER_PHONE_TAKEN', 'Another responder uses this number.');
    }
    const current = await findProfile(uow.trx, principal.memberId);
    const sentAt = (current?.pending_sms_expires_at ?? 0) - contactCodeLifetimeMs;
    if (current?.pending_sms_code_enc && now - sentAt < contactCodeSpacingMs) {
      throw new AppError('RATE_LIMITED', 'A code was texted less than a minute ago.');
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await updateProfile(uow.trx, principal.memberId, {
      pending_sms_phone_enc: deps.crypto.encrypt(input.smsPhone, responderFields.pendingSmsPhone),
      pending_sms_code_enc: deps.crypto.encrypt(code, responderFields.pendingSmsCode),
      pending_sms_expires_at: now + contactCodeLifetimeMs,
      pending_sms_attempts: 0,
      updated_at: now,
    });
    await enqueueJobInUnitOfWork(uow, deps, {
      name: contactCodeJobName,
      payload: { memberId: principal.memberId },
      idempotencyKey: `${contactCodeJobName}:${principal.memberId}:${now}`,
    });
  });
  return getOwnResponderProfile(deps, principal);
}

/** The code texted to the pending number: right, the number is used for offers from now on. */
export async function verifyOwnContact(
  deps: ResponderDeps,
  principal: Principal,
  input: { code: string },
): Promise<OwnResponderProfile> {
  requireRole(principal, pagedRoles);
  const outcome = await inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    const profile = await findProfile(uow.trx, principal.memberId);
    if (!profile?.pending_sms_phone_enc || !profile.pending_sms_code_enc) return 'expired' as const;
    if ((profile.pending_sms_expires_at ?? 0) <= now) {
      await updateProfile(uow.trx, principal.memberId, { ...clearedPending, updated_at: now });
      return 'expired' as const;
    }
    const expected = deps.crypto.decrypt(profile.pending_sms_code_enc, responderFields.pendingSmsCode);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(input.code))) {
      const attempts = profile.pending_sms_attempts + 1;
      await updateProfile(
        uow.trx,
        principal.memberId,
        attempts >= contactCodeMaxAttempts
          ? { ...clearedPending, updated_at: now }
          : { pending_sms_attempts: attempts, updated_at: now },
      );
      return attempts >= contactCodeMaxAttempts ? ('expired' as const) : ('wrong' as const);
    }
    const phone = deps.crypto.decrypt(profile.pending_sms_phone_enc, responderFields.pendingSmsPhone);
    const index = deps.crypto.blindIndex(phone, responderFields.smsPhoneIndex);
    if (await isPhoneIndexTakenByOther(uow.trx, index, principal.memberId)) return 'taken' as const;
    await updateProfile(uow.trx, principal.memberId, {
      sms_phone_enc: deps.crypto.encrypt(phone, responderFields.smsPhone),
      sms_phone_index: index,
      ...clearedPending,
      updated_at: now,
    });
    return 'verified' as const;
  });
  // Thrown after the transaction so a wrong try is counted (committed), not rolled back.
  if (outcome === 'wrong') throw new AppError('RESPONDER_CODE_WRONG', 'That code is not the one we texted.');
  if (outcome === 'expired')
    throw new AppError('RESPONDER_CODE_EXPIRED', 'No code is waiting: ask for a new one.');
  if (outcome === 'taken') throw new AppError('RESPONDER_PHONE_TAKEN', 'Another responder uses this number.');
  return getOwnResponderProfile(deps, principal);
}

/** The job: texts the pending code to the pending number, in the responder's language. */
export async function deliverContactCode(
  deps: ResponderDeps & { sms: SmsSender | null },
  memberId: string,
): Promise<boolean> {
  const profile = await findProfile(deps.db, memberId);
  if (!deps.sms || !profile?.pending_sms_phone_enc || !profile.pending_sms_code_enc) return false;
  if ((profile.pending_sms_expires_at ?? 0) <= deps.clock.now()) return false;
  const [network, member] = await Promise.all([
    findNetworkById(deps.db, profile.network_id),
    findResponderMember(deps.db, profile.network_id, memberId),
  ]);
  const language = parseLanguages(member?.languages ?? '[]')[0] ?? network?.languages[0] ?? 'en';
  await deps.sms.send({
    to: deps.crypto.decrypt(profile.pending_sms_phone_enc, responderFields.pendingSmsPhone),
    body: t(language, 'dispatch.contactCodeSms', {
      networkName: network?.name ?? 'Amparo',
      code: deps.crypto.decrypt(profile.pending_sms_code_enc, responderFields.pendingSmsCode),
    }),
  });
  return true;
}
