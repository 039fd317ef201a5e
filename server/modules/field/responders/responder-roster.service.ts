import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../../identity/index.ts';
import { areasFor, requireRole, requireSecondFactorEnrolled } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { memberFieldContexts } from '../../identity/index.ts';
import type { ResponderDeps } from './responder.deps.ts';
import { parseLanguages, presentAvailability, presentTrainings } from './responder-presenter.ts';
import type { PresentedTraining } from './responder-presenter.ts';
import {
  countVettingsOf,
  findResponderMember,
  listResponderGrants,
  listRosterPage,
  listTrainingsOf,
  replaceTrainings,
} from './responder.repository.ts';
import type { RosterPage, TrainingInput } from './responder.contract.ts';
import { timeZoneOf } from './responder.service.ts';

/** Who reads the roster and other responders' locations (never responders themselves). */
export const rosterRoles = ['dispatcher', 'coordinator'] as const;

export type { RosterEntry, RosterPage } from './responder.contract.ts';

/**
 * A page of responders for dispatchers and coordinators. A grant limited to areas lists the
 * responders whose responder grant is network-wide or in one of those areas.
 */
export async function listRoster(
  deps: ResponderDeps,
  principal: Principal,
  query: { cursor?: string; limit?: number; onCall?: 'true' | 'false' },
): Promise<RosterPage> {
  requireRole(principal, rosterRoles);
  const limit = query.limit ?? 50;
  const now = deps.clock.now();
  const timeZone = await timeZoneOf(deps, principal.networkId);
  const rows = await listRosterPage(deps.db, {
    networkId: principal.networkId,
    areaIds: areasFor(principal, rosterRoles),
    afterMemberId: query.cursor,
    limit,
    onCallOnly: query.onCall === 'true',
  });
  const ids = rows.map((row) => row.id);
  const [grants, vettings, trainings] = await Promise.all([
    listResponderGrants(deps.db, ids),
    countVettingsOf(deps.db, ids),
    listTrainingsOf(deps.db, ids),
  ]);
  const responders = rows
    .map((row) => ({
      memberId: row.id,
      displayName: deps.crypto.decrypt(row.display_name_enc, memberFieldContexts.displayName),
      vettingStatus: row.status,
      vettingCount: Number(vettings.find((vetting) => vetting.member_id === row.id)?.count ?? 0),
      languages: parseLanguages(row.languages),
      areaIds: grants.filter((grant) => grant.member_id === row.id).map((grant) => grant.area_id),
      trainings: presentTrainings(trainings.filter((training) => training.member_id === row.id)),
      hasSmsPhone: row.sms_phone_index !== null,
      ...presentAvailability(row, timeZone, now),
    }))
    .filter((entry) => query.onCall !== 'true' || entry.isOnCallNow);
  return { responders, nextCursor: rows.length === limit ? (rows.at(-1)?.id ?? null) : null };
}

/** Replaces a responder's training records (coordinators keep them); audited. */
export async function setResponderTrainings(
  deps: ResponderDeps,
  principal: Principal,
  memberId: string,
  input: TrainingInput,
): Promise<{ memberId: string; trainings: PresentedTraining[] }> {
  requireRole(principal, ['coordinator']);
  requireSecondFactorEnrolled(principal);
  return inTransaction(deps, async (uow) => {
    const member = await findResponderMember(uow.trx, principal.networkId, memberId);
    if (!member) throw new AppError('RESPONDER_NOT_FOUND', 'Responder not found.');
    const now = deps.clock.now();
    const rows = input.trainings.map((training) => ({
      id: newId(),
      network_id: principal.networkId,
      member_id: memberId,
      kind: training.kind,
      completed_on: training.completedOn,
      expires_on: training.expiresOn ?? null,
      recorded_by: principal.memberId,
      created_at: now,
    }));
    await replaceTrainings(uow.trx, memberId, rows);
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'responder.trainingRecorded',
      objectType: 'member',
      objectId: memberId,
      metadata: { kinds: input.trainings.map((training) => training.kind) },
    });
    return { memberId, trainings: presentTrainings(rows) };
  });
}
