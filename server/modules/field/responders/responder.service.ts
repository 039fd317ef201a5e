import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { findNetworkById } from '../../identity/index.ts';
import type { ResponderDeps } from './responder.deps.ts';
import { pagedRoles, responderFields } from './responder.deps.ts';
import { availabilityChangedEvent } from './responder.events.ts';
import { onCallSourceAt, parseWindows } from './responder-availability.ts';
import { coarsenLocation, locationLifetimeMs } from './responder-location.ts';
import { parseLanguages, presentAvailability, presentTrainings } from './responder-presenter.ts';
import {
  findProfile,
  findResponderMember,
  insertProfileIfMissing,
  listResponderGrants,
  listTrainingsOf,
  updateProfile,
} from './responder.repository.ts';
import type { AvailabilityInput, OwnResponderProfile } from './responder.contract.ts';

export type { OwnResponderProfile } from './responder.contract.ts';

/** The responder's own profile: availability, coarse location, training and contact. */
export async function getOwnResponderProfile(
  deps: ResponderDeps,
  principal: Principal,
): Promise<OwnResponderProfile> {
  requireRole(principal, pagedRoles);
  const timeZone = await timeZoneOf(deps, principal.networkId);
  const member = await findResponderMember(deps.db, principal.networkId, principal.memberId);
  const [profile, grants, trainings] = await Promise.all([
    findProfile(deps.db, principal.memberId),
    listResponderGrants(deps.db, [principal.memberId]),
    listTrainingsOf(deps.db, [principal.memberId]),
  ]);
  const phone = profile?.sms_phone_enc
    ? deps.crypto.decrypt(profile.sms_phone_enc, responderFields.smsPhone)
    : null;
  return {
    memberId: principal.memberId,
    timeZone,
    ...presentAvailability(profile, timeZone, deps.clock.now()),
    languages: parseLanguages(member?.languages ?? '[]'),
    areaIds: grants.map((grant) => grant.area_id),
    trainings: presentTrainings(trainings),
    smsPhoneEnding: phone ? phone.slice(-4) : null,
    pendingSmsPhoneEnding: pendingEndingOf(deps, profile, deps.clock.now()),
    hasPushSubscription: profile?.push_subscription_enc != null,
  };
}

/**
 * Sets the on-call toggle (and the recurring windows when given). Going off call deletes the
 * shared location at once: it is kept only while the responder is on call.
 */
export async function setOwnAvailability(
  deps: ResponderDeps,
  principal: Principal,
  input: AvailabilityInput,
): Promise<OwnResponderProfile> {
  requireRole(principal, ['responder']);
  const timeZone = await timeZoneOf(deps, principal.networkId);
  await inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    await ensureProfile(uow.trx, principal, now);
    const current = await findProfile(uow.trx, principal.memberId);
    const windows = input.windows ?? parseWindows(current?.on_call_windows ?? '[]');
    const isOnCallNow = onCallSourceAt({ isOnCall: input.isOnCall, windows }, timeZone, now) !== null;
    await updateProfile(uow.trx, principal.memberId, {
      is_on_call: input.isOnCall ? 1 : 0,
      on_call_windows: JSON.stringify(windows),
      has_windows: windows.length > 0 ? 1 : 0,
      updated_at: now,
      ...(isOnCallNow ? {} : forgottenLocation),
    });
    const hasLocation = isOnCallNow && presentAvailability(current, timeZone, now).location !== null;
    const grants = await listResponderGrants(uow.trx, [principal.memberId]);
    uow.emit(
      availabilityChangedEvent({
        networkId: principal.networkId,
        memberId: principal.memberId,
        areaIds: grants.map((grant) => grant.area_id),
        isOnCallNow,
        hasLocation,
        occurredAt: now,
      }),
    );
  });
  return getOwnResponderProfile(deps, principal);
}

/** Keeps a coarse cell of the phone's position for 30 minutes; only while on call. */
export async function shareOwnLocation(
  deps: ResponderDeps,
  principal: Principal,
  point: { lat: number; lon: number },
): Promise<{ location: { lat: number; lon: number }; expiresAt: number }> {
  requireRole(principal, ['responder']);
  const timeZone = await timeZoneOf(deps, principal.networkId);
  const now = deps.clock.now();
  const profile = await findProfile(deps.db, principal.memberId);
  if (!presentAvailability(profile, timeZone, now).isOnCallNow) {
    throw new AppError('RESPONDER_NOT_ON_CALL', 'Go on call before sharing your location.');
  }
  const location = coarsenLocation(point);
  const expiresAt = now + locationLifetimeMs;
  await updateProfile(deps.db, principal.memberId, {
    location_lat: location.lat,
    location_lon: location.lon,
    location_updated_at: now,
    location_expires_at: expiresAt,
    updated_at: now,
  });
  return { location, expiresAt };
}

export async function forgetOwnLocation(deps: ResponderDeps, principal: Principal): Promise<void> {
  requireRole(principal, ['responder']);
  await updateProfile(deps.db, principal.memberId, { ...forgottenLocation, updated_at: deps.clock.now() });
}

/** The last four digits of a number still waiting for its code (null once expired). */
function pendingEndingOf(
  deps: ResponderDeps,
  profile: { pending_sms_phone_enc: string | null; pending_sms_expires_at: number | null } | undefined,
  now: number,
): string | null {
  if (!profile?.pending_sms_phone_enc || (profile.pending_sms_expires_at ?? 0) <= now) return null;
  return deps.crypto.decrypt(profile.pending_sms_phone_enc, responderFields.pendingSmsPhone).slice(-4);
}

const forgottenLocation = {
  location_lat: null,
  location_lon: null,
  location_updated_at: null,
  location_expires_at: null,
} as const;

export async function ensureProfile(
  trx: Parameters<typeof insertProfileIfMissing>[0],
  principal: Principal,
  now: number,
) {
  await insertProfileIfMissing(trx, {
    member_id: principal.memberId,
    network_id: principal.networkId,
    is_on_call: 0,
    on_call_windows: '[]',
    has_windows: 0,
    sms_phone_enc: null,
    sms_phone_index: null,
    push_subscription_enc: null,
    ...forgottenLocation,
    created_at: now,
    updated_at: now,
  });
}

export async function timeZoneOf(deps: Pick<ResponderDeps, 'db'>, networkId: string): Promise<string> {
  return (await findNetworkById(deps.db, networkId))?.timezone ?? 'UTC';
}
