import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import { recordAudit } from '../../identity/index.ts';
import { requireRole, requireStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { AreaStop, StopSwitchState } from './alert.contract.ts';
import type { AlertDeps } from './alert.deps.ts';
import { stopSwitchRoles } from './alert.policy.ts';
import { findStopSwitch, upsertStopSwitch } from './alert.repository.ts';
import { parseList } from './alert-rendering.ts';
import type { AlertsTable } from './alert.tables.ts';
import { listActiveAreaStops, listActiveAreaStopsWithRetractions } from './area-stop.repository.ts';

export const resumeHeldJobName = 'alerts.resumeHeld';

export type { AreaStop, StopSwitchState } from './alert.contract.ts';

/** The buckets an alert belongs to for area stops (and caps): its areas, or '' outside every area. */
export function areaKeysOf(alert: Pick<AlertsTable, 'area_ids'>): string[] {
  const ids = parseList(alert.area_ids);
  return ids.length > 0 ? ids : [''];
}

/** Every area a retraction stopped and no second coordinator reviewed yet, oldest first. */
export async function readAreaStops(db: Kysely<Database>, networkId: string): Promise<AreaStop[]> {
  return (await listActiveAreaStopsWithRetractions(db, networkId)).map((row) => {
    const ids = parseList(row.area_ids);
    const name = parseList(row.area_names)[ids.indexOf(row.area_key)];
    return {
      areaId: row.area_key === '' ? null : row.area_key,
      areaName: row.area_key === '' ? null : (name ?? null),
      retractionId: row.retraction_id,
      retractedAlertId: row.references_alert_id,
      stoppedBy: row.stopped_by,
      stoppedAt: row.stopped_at,
    };
  });
}

/** True when a retraction stopped one of the alert's areas and no second person reviewed it yet. */
export async function isAnyAreaStopped(
  db: Kysely<Database>,
  networkId: string,
  alert: Pick<AlertsTable, 'area_ids'>,
): Promise<boolean> {
  const stopped = new Set((await listActiveAreaStops(db, networkId)).map((row) => row.area_key));
  return areaKeysOf(alert).some((key) => stopped.has(key));
}

export async function readStopSwitch(db: Kysely<Database>, networkId: string): Promise<StopSwitchState> {
  const row = await findStopSwitch(db, networkId);
  return {
    isStopped: row?.is_stopped === 1,
    changedBy: row?.changed_by ?? null,
    changedAt: row?.changed_at ?? null,
  };
}

export function alertsStopped(): AppError {
  return new AppError(
    'ALERTS_STOPPED',
    'The stop switch is on: no alert is approved or delivered until it is turned off.',
  );
}

/**
 * The network-wide stop switch. Turning it ON needs no step-up (speed matters when something is
 * going wrong); turning it OFF resumes held deliveries, so it needs a fresh second factor.
 */
export async function setStopSwitch(
  deps: AlertDeps,
  principal: Principal,
  input: { isStopped: boolean },
): Promise<StopSwitchState> {
  requireRole(principal, stopSwitchRoles);
  if (!input.isStopped) requireStepUp(principal, deps.clock);
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const before = await readStopSwitch(uow.trx, principal.networkId);
    await upsertStopSwitch(uow.trx, {
      network_id: principal.networkId,
      is_stopped: input.isStopped ? 1 : 0,
      changed_by: principal.memberId,
      changed_at: now,
    });
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: input.isStopped ? 'alert.stopSwitchOn' : 'alert.stopSwitchOff',
      objectType: 'network',
      objectId: principal.networkId,
      metadata: { wasStopped: before.isStopped },
    });
    if (!input.isStopped && before.isStopped) {
      await enqueueJobInUnitOfWork(uow, deps, {
        name: resumeHeldJobName,
        payload: { networkId: principal.networkId },
        idempotencyKey: `${resumeHeldJobName}:${principal.networkId}:${now}`,
      });
    }
  });
  return { isStopped: input.isStopped, changedBy: principal.memberId, changedAt: now };
}
