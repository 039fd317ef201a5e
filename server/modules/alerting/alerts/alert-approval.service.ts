import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import { requireCooledOff, requireRole, requirePasskeyStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { lockNetworkRow } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { findIncidentForAlert } from './alert-sources.repository.ts';
import type { AlertDeps } from './alert.deps.ts';
import { frozenContentOf } from './alert-content.ts';
import { audit, requireAlertable, requireNetwork } from './alert-drafting.service.ts';
import { alertApprovers, requireAlertOfNetwork, requireAreaCovered } from './alert.policy.ts';
import { presentAlert } from './alert-presenter.ts';
import type { PresentedAlert } from './alert-presenter.ts';
import {
  approveDraftIfContent,
  findAlertById,
  listApprovedAlertsSince,
  updateThread,
} from './alert.repository.ts';
import { parseList } from './alert-rendering.ts';
import type { ApproveAlertInput } from './alert.contract.ts';
import type { AlertsTable } from './alert.tables.ts';
import { alertsStopped, findAreaStopOf, isStopSwitchOn } from './stop-switch.service.ts';

export const planJobName = 'alerts.plan';
const hourMs = 60 * 60 * 1000;

/**
 * The second person: a coordinator who neither drafted nor rendered it, whose role covers the
 * alert's area and is past its cooling-off, with a fresh second factor, naming the hash of the frozen content they previewed.
 * Approval publishes exactly that content (nothing is rendered now) and writes the alert and its
 * planner job in one transaction (outbox), under the stop switches and the hourly cap per area.
 */
export async function approveAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
  input: ApproveAlertInput,
): Promise<PresentedAlert> {
  requireRole(principal, alertApprovers);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  if (alert.state !== 'draft') throw new AppError('ALERT_NOT_DRAFT', 'This alert was already approved.');
  if (alert.drafted_by === principal.memberId || alert.rendered_by === principal.memberId) {
    throw new AppError('ALERT_SELF_APPROVAL', 'A different coordinator must approve an alert you drafted.');
  }
  requireAreaCovered(principal, alertApprovers, alert);
  requirePasskeyStepUp(principal, deps.clock);
  // A coordinator granted moments ago (by two admins) does not approve yet (ADR 0019).
  await requireCooledOff(deps, principal, alertApprovers, parseList(alert.area_ids));
  if (alert.content_hash !== input.contentHash || frozenContentOf(alert) === null) throw contentChanged();
  await requireStillAlertable(deps, alert);
  const network = await requireNetwork(deps, principal.networkId);
  const approved = await inTransaction(deps, async (uow) => {
    // Serializes approvals per network for the cap check.
    await lockNetworkRow(uow.trx, deps.dialect, network.id);
    if (await isStopSwitchOn(uow.trx, network.id)) throw alertsStopped();
    const areaStop = await findAreaStopOf(uow.trx, network.id, alert);
    if (areaStop === 'retraction') throw areaStopped();
    if (areaStop === 'switch') throw areaSwitchedOff();
    if (alert.kind === 'alert' && alert.status === 'actual')
      await requireUnderCap(deps, uow.trx, network, alert);
    if (alert.kind !== 'alert') await requireThreadLive(uow.trx, alert);
    const now = deps.clock.now();
    const row = {
      state: 'approved' as const,
      approved_by: principal.memberId,
      approved_at: now,
      plan_state: 'waiting' as const,
      updated_at: now,
    };
    // Compare-and-set on the hash too: a re-render that committed meanwhile wins, this approval fails.
    if (!(await approveDraftIfContent(uow.trx, alert.id, input.contentHash, row))) {
      const current = await findAlertById(uow.trx, alert.id);
      if (current?.state === 'draft') throw contentChanged();
      throw new AppError('ALERT_NOT_DRAFT', 'This alert was already approved.');
    }
    if (alert.kind === 'correction') {
      await updateThread(uow.trx, alert.thread_id, alert.id, { superseded_at: now, updated_at: now });
    } else if (alert.kind === 'cancellation') {
      await updateThread(uow.trx, alert.thread_id, alert.id, { cancelled_at: now, updated_at: now });
    }
    await enqueuePlan(deps, uow, alert.id);
    await audit(deps, uow.trx, principal, 'alert.approved', alert, { contentHash: input.contentHash });
    return { ...alert, ...row };
  });
  return presentAlert(approved);
}

export function contentChanged(): AppError {
  return new AppError(
    'ALERT_CONTENT_CHANGED',
    'The text of this alert changed after the preview you approved: review it again.',
  );
}

function areaStopped(): AppError {
  return new AppError(
    'ALERT_AREA_STOPPED',
    'An alert in this area was retracted: nothing is approved there until a second coordinator reviews it.',
  );
}

function areaSwitchedOff(): AppError {
  return new AppError(
    'ALERT_AREA_SWITCHED_OFF',
    'A coordinator stopped alerts in this area: nothing is approved there until it is resumed.',
  );
}

/** The fan-out planner of an approved alert, in the approval's transaction (outbox). */
export async function enqueuePlan(deps: AlertDeps, uow: UnitOfWork, alertId: string): Promise<void> {
  await enqueueJobInUnitOfWork(uow, deps, {
    name: planJobName,
    payload: { alertId },
    idempotencyKey: `${planJobName}:${alertId}`,
  });
}

/** A follow-up of a thread that was cancelled (or retracted) meanwhile is never published. */
async function requireThreadLive(trx: Transaction<Database>, alert: AlertsTable): Promise<void> {
  const original = alert.references_alert_id
    ? await findAlertById(trx, alert.references_alert_id)
    : undefined;
  if (!original || original.cancelled_at !== null)
    throw new AppError('ALERT_NOT_LIVE', 'The alert this follows was cancelled.');
}

/** The incident may have been re-judged since drafting: a false alarm now stops the approval. */
async function requireStillAlertable(deps: AlertDeps, alert: AlertsTable): Promise<void> {
  if (alert.kind !== 'alert') {
    const original = alert.references_alert_id
      ? await findAlertById(deps.db, alert.references_alert_id)
      : undefined;
    if (!original || original.cancelled_at !== null)
      throw new AppError('ALERT_NOT_LIVE', 'The alert this corrects was cancelled.');
    return;
  }
  if (alert.is_override === 1 && alert.override_confirmed_by === null) {
    throw new AppError('ALERT_OVERRIDE_UNCONFIRMED', 'A second coordinator must confirm the override first.');
  }
  const incident = await findIncidentForAlert(deps.db, alert.incident_id);
  if (!incident) throw new AppError('INCIDENT_NOT_FOUND', 'Incident not found.');
  requireAlertable(incident, alert.is_override === 1);
}

/** Live alerts per area per hour (network setting); alerts outside every area share one bucket. */
async function requireUnderCap(
  deps: AlertDeps,
  trx: Transaction<Database>,
  network: Network,
  alert: AlertsTable,
): Promise<void> {
  const cap = network.settings.alertCapPerAreaPerHour;
  const recent = await listApprovedAlertsSince(trx, network.id, deps.clock.now() - hourMs);
  const buckets = (row: Pick<AlertsTable, 'area_ids'>) => {
    const ids = parseList(row.area_ids);
    return ids.length > 0 ? ids : [''];
  };
  for (const bucket of buckets(alert)) {
    const count = recent.filter((row) => buckets(row).includes(bucket)).length;
    if (count >= cap) {
      throw new AppError('ALERT_CAP_REACHED', `At most ${cap} live alerts per area per hour.`, [], {
        'retry-after': String(retryAfterSeconds(deps.clock.now(), recent, bucket, buckets)),
      });
    }
  }
}

function retryAfterSeconds(
  now: number,
  recent: AlertsTable[],
  bucket: string,
  buckets: (row: AlertsTable) => string[],
): number {
  const oldest = Math.min(
    ...recent.filter((row) => buckets(row).includes(bucket)).map((row) => row.approved_at ?? now),
  );
  return Math.max(1, Math.ceil((oldest + hourMs - now) / 1000));
}
