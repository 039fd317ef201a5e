import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
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
import {
  listActiveAreaStops,
  listActiveAreaStopsWithRetractions,
  listStoppedAreaIds,
} from './area-stop.repository.ts';

export const resumeHeldJobName = 'alerts.resumeHeld';

/** Field-crypto contexts of the stop switches' reasons (listed in encrypted-columns.ts). */
export const stopReasonContexts = {
  network: 'alert_stop_switches.reason',
  area: 'alert_area_switches.reason',
} as const;

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

/**
 * What stops one of the alert's areas, if anything: a retraction no second person reviewed yet,
 * or a coordinator's area switch.
 */
export async function findAreaStopOf(
  db: Kysely<Database>,
  networkId: string,
  alert: Pick<AlertsTable, 'area_ids'>,
): Promise<'retraction' | 'switch' | null> {
  const keys = areaKeysOf(alert);
  const byRetraction = await listActiveAreaStops(db, networkId);
  if (byRetraction.some((row) => keys.includes(row.area_key))) return 'retraction';
  const byHand = await listStoppedAreaIds(db, networkId);
  return byHand.some((areaId) => keys.includes(areaId)) ? 'switch' : null;
}

/** True when one of the alert's areas is stopped (by a retraction or by an area switch). */
export async function isAnyAreaStopped(
  db: Kysely<Database>,
  networkId: string,
  alert: Pick<AlertsTable, 'area_ids'>,
): Promise<boolean> {
  return (await findAreaStopOf(db, networkId, alert)) !== null;
}

/** Whether the network's stop switch is on (what approvals, deliveries and resumes check). */
export async function isStopSwitchOn(db: Kysely<Database>, networkId: string): Promise<boolean> {
  return (await findStopSwitch(db, networkId))?.is_stopped === 1;
}

/** The network's stop switch as the screens show it: on or off, who changed it, when and why. */
export async function readStopSwitch(
  deps: Pick<AlertDeps, 'db' | 'crypto'>,
  networkId: string,
): Promise<StopSwitchState> {
  const row = await findStopSwitch(deps.db, networkId);
  return {
    isStopped: row?.is_stopped === 1,
    changedBy: row?.changed_by ?? null,
    changedAt: row?.changed_at ?? null,
    reason: row?.reason_enc ? deps.crypto.decrypt(row.reason_enc, stopReasonContexts.network) : null,
  };
}

export function alertsStopped(): AppError {
  return new AppError(
    'ALERTS_STOPPED',
    'The stop switch is on: no alert is approved or delivered until it is turned off.',
  );
}

/**
 * The network-wide stop switch, with a short reason shown to everyone beside it. Turning it ON
 * needs no step-up (speed matters when something is going wrong); turning it OFF resumes held
 * deliveries, so it needs a fresh second factor.
 */
export async function setStopSwitch(
  deps: AlertDeps,
  principal: Principal,
  input: { isStopped: boolean; reason: string },
): Promise<StopSwitchState> {
  requireRole(principal, stopSwitchRoles);
  if (!input.isStopped) requireStepUp(principal, deps.clock);
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const wasStopped = await isStopSwitchOn(uow.trx, principal.networkId);
    await upsertStopSwitch(uow.trx, {
      network_id: principal.networkId,
      is_stopped: input.isStopped ? 1 : 0,
      changed_by: principal.memberId,
      changed_at: now,
      reason_enc: deps.crypto.encrypt(input.reason, stopReasonContexts.network),
    });
    // The reason stays out of the audit entry (free text); the entry names who, what and when.
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: input.isStopped ? 'alert.stopSwitchOn' : 'alert.stopSwitchOff',
      objectType: 'network',
      objectId: principal.networkId,
      metadata: { wasStopped },
    });
    if (!input.isStopped && wasStopped) await enqueueResume(deps, uow, principal.networkId, now);
  });
  return { isStopped: input.isStopped, changedBy: principal.memberId, changedAt: now, reason: input.reason };
}

/** Held deliveries of the network go out again (each checks every switch again when it runs). */
export async function enqueueResume(
  deps: AlertDeps,
  uow: UnitOfWork,
  networkId: string,
  now: number,
): Promise<void> {
  await enqueueJobInUnitOfWork(uow, deps, {
    name: resumeHeldJobName,
    payload: { networkId },
    idempotencyKey: `${resumeHeldJobName}:${networkId}:${now}`,
  });
}
