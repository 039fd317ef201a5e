import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import { requireRole, requireStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { lockNetworkRow } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { findIncidentForAlert } from './alert-sources.repository.ts';
import type { AlertDeps } from './alert.deps.ts';
import {
  audit,
  followUpRow,
  requireAlertable,
  requireLiveAlert,
  requireNetwork,
} from './alert-drafting.service.ts';
import { alertApprovers, requireAlertOfNetwork, requireAreaCovered } from './alert.policy.ts';
import { presentAlert } from './alert-presenter.ts';
import type { PresentedAlert } from './alert-presenter.ts';
import {
  findAlertById,
  insertAlert,
  listApprovedAlertsSince,
  listTemplateOverrides,
  updateAlertIfState,
  updateThread,
} from './alert.repository.ts';
import { parseList, renderAlertMessages } from './alert-rendering.ts';
import type { RenderContext } from './alert-rendering.ts';
import type { FollowUpInput } from './alert.contract.ts';
import type { AlertsTable } from './alert.tables.ts';
import { validateFreeText } from './alert-templates.ts';
import { alertsStopped, readStopSwitch } from './stop-switch.service.ts';

export const planJobName = 'alerts.plan';
const hourMs = 60 * 60 * 1000;

/**
 * The second person: a coordinator who did not draft it, whose role covers the alert's area, with
 * a fresh second factor. Approval freezes the messages and writes the alert and its planner job in
 * one transaction (outbox), under the stop switch and the hourly cap per area.
 */
export async function approveAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<PresentedAlert> {
  requireRole(principal, alertApprovers);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  if (alert.state !== 'draft') throw new AppError('ALERT_NOT_DRAFT', 'This alert was already approved.');
  if (alert.drafted_by === principal.memberId) {
    throw new AppError('ALERT_SELF_APPROVAL', 'A different coordinator must approve an alert you drafted.');
  }
  requireAreaCovered(principal, alertApprovers, alert);
  requireStepUp(principal, deps.clock);
  await requireStillAlertable(deps, alert);
  const network = await requireNetwork(deps, principal.networkId);
  const approved = await inTransaction(deps, async (uow) => {
    // Serializes approvals per network for the cap check.
    await lockNetworkRow(uow.trx, deps.dialect, network.id);
    if ((await readStopSwitch(uow.trx, network.id)).isStopped) throw alertsStopped();
    if (alert.kind === 'alert' && alert.status === 'actual')
      await requireUnderCap(deps, uow.trx, network, alert);
    const row = await approveRow(deps, uow, network, alert, principal);
    if (!(await updateAlertIfState(uow.trx, alert.id, 'draft', row))) {
      throw new AppError('ALERT_NOT_DRAFT', 'This alert was already approved.');
    }
    if (alert.kind === 'correction') {
      const now = row.approved_at ?? deps.clock.now();
      await updateThread(uow.trx, alert.thread_id, alert.id, { superseded_at: now, updated_at: now });
    }
    await audit(deps, uow.trx, principal, 'alert.approved', alert);
    return { ...alert, ...row };
  });
  return presentAlert(approved);
}

/**
 * Cancels a live alert in one step: one coordinator for the area, with a fresh second factor, no
 * second approver. Why one person: a cancellation goes only to people who already received the
 * alert and can only lower alarm, and every minute a false alert stands does harm (the 2018 Hawaii
 * alert took 38 minutes to retract). It is audited, works while the stop switch is on, and a
 * wrongly cancelled alert is re-issued through the normal two-person path.
 */
export async function cancelAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
  input: FollowUpInput,
): Promise<PresentedAlert> {
  requireRole(principal, alertApprovers);
  const original = await requireLiveAlert(deps, principal, alertId);
  requireAreaCovered(principal, alertApprovers, original);
  requireStepUp(principal, deps.clock);
  const network = await requireNetwork(deps, principal.networkId);
  const now = deps.clock.now();
  const draft = followUpRow(
    original,
    principal,
    'cancellation',
    validateFreeText(input.freeText, network.languages),
    now,
  );
  const cancelled = await inTransaction(deps, async (uow) => {
    const current = await findAlertById(uow.trx, original.id);
    if (current?.cancelled_at !== null)
      throw new AppError('ALERT_NOT_LIVE', 'This alert was already cancelled.');
    const row = { ...draft, ...(await approveRow(deps, uow, network, draft, principal)) };
    await insertAlert(uow.trx, row);
    await updateThread(uow.trx, original.thread_id, row.id, { cancelled_at: now, updated_at: now });
    await audit(deps, uow.trx, principal, 'alert.cancelled', row);
    return row;
  });
  return presentAlert(cancelled);
}

async function approveRow(
  deps: AlertDeps,
  uow: UnitOfWork,
  network: Network,
  alert: AlertsTable,
  principal: Principal,
): Promise<
  Pick<AlertsTable, 'state' | 'approved_by' | 'approved_at' | 'messages' | 'plan_state' | 'updated_at'>
> {
  const now = deps.clock.now();
  const context = await renderContextFor(deps, uow.trx, network, alert);
  await enqueueJobInUnitOfWork(uow, deps, {
    name: planJobName,
    payload: { alertId: alert.id },
    idempotencyKey: `${planJobName}:${alert.id}`,
  });
  return {
    state: 'approved',
    approved_by: principal.memberId,
    approved_at: now,
    messages: JSON.stringify(renderAlertMessages(alert, context)),
    plan_state: 'waiting',
    updated_at: now,
  };
}

export async function renderContextFor(
  deps: Pick<AlertDeps, 'publicUrl'>,
  db: Transaction<Database> | AlertDeps['db'],
  network: Network,
  alert: Pick<AlertsTable, 'references_alert_id'>,
): Promise<RenderContext> {
  const overrides = await listTemplateOverrides(db, network.id);
  const referenced = alert.references_alert_id
    ? await findAlertById(db, alert.references_alert_id)
    : undefined;
  return {
    network,
    publicUrl: deps.publicUrl,
    overrides: new Map(overrides.map((row) => [`${row.template_key}\u0000${row.language}`, row.body])),
    referencedAt: referenced?.approved_at ?? null,
  };
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
