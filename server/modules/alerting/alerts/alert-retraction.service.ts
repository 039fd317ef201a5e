import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit, requirePasskeyStepUp, requireRole, requireStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { enqueuePlan } from './alert-approval.service.ts';
import { renderContent } from './alert-content.service.ts';
import { requireNetwork } from './alert-drafting.service.ts';
import { followUpRow, requireLiveAlert } from './alert-follow-up.service.ts';
import type { AlertDeps } from './alert.deps.ts';
import { alertApprovers, requireAlertOfNetwork, requireAreaCovered } from './alert.policy.ts';
import { presentAlert } from './alert-presenter.ts';
import type { PresentedAlert } from './alert-presenter.ts';
import { findAlertById, insertAlert, updateThread } from './alert.repository.ts';
import { retractionTemplateKey } from './alert-rendering.ts';
import { insertAreaStops, liftAreaStopsOf } from './area-stop.repository.ts';
import { areaKeysOf, readAreaStops, resumeHeldJobName } from './stop-switch.service.ts';
import type { AreaStop } from './stop-switch.service.ts';

/**
 * The one public word one person may send: when a false alert is out, a coordinator for its area
 * (with a fresh second factor) withdraws it at once with a text shipped in every language ("This
 * alert was withdrawn; details to follow" and the link to the public page), never a network
 * template and never free text. It goes only to people who got the alert (CAP Cancel referencing
 * the thread), and it stops every area of the alert: nothing else is approved or delivered there
 * until a second coordinator reviews the retraction. Any explanation follows through the
 * two-person path.
 */
export async function retractAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<{ alert: PresentedAlert; areaStops: AreaStop[] }> {
  requireRole(principal, alertApprovers);
  const original = await requireLiveAlert(deps, principal, alertId);
  requireAreaCovered(principal, alertApprovers, original);
  requireStepUp(principal, deps.clock);
  const network = await requireNetwork(deps, principal.networkId);
  const now = deps.clock.now();
  const draft = {
    ...followUpRow(original, principal, 'cancellation', {}, now),
    template_key: retractionTemplateKey,
  };
  const retraction = await inTransaction(deps, async (uow) => {
    const current = await findAlertById(uow.trx, original.id);
    if (current?.cancelled_at !== null)
      throw new AppError('ALERT_NOT_LIVE', 'This alert was already cancelled.');
    const row = {
      ...draft,
      ...(await renderContent(deps, uow.trx, network, draft, principal.memberId)),
      state: 'approved' as const,
      approved_by: principal.memberId,
      approved_at: now,
      plan_state: 'waiting' as const,
    };
    await insertAlert(uow.trx, row);
    await updateThread(uow.trx, original.thread_id, row.id, { cancelled_at: now, updated_at: now });
    const areaKeys = areaKeysOf(original);
    await insertAreaStops(
      uow.trx,
      areaKeys.map((areaKey) => ({
        id: newId(),
        network_id: network.id,
        area_key: areaKey,
        retraction_id: row.id,
        stopped_by: principal.memberId,
        stopped_at: now,
        lifted_by: null,
        lifted_at: null,
      })),
    );
    await enqueuePlan(deps, uow, row.id);
    await recordAudit(deps, uow.trx, {
      networkId: network.id,
      actorMemberId: principal.memberId,
      action: 'alert.retracted',
      objectType: 'alert',
      objectId: row.id,
      metadata: {
        threadId: row.thread_id,
        retractedAlertId: original.id,
        contentHash: row.content_hash,
        stoppedAreaIds: areaKeys,
      },
    });
    return row;
  });
  return { alert: presentAlert(retraction), areaStops: await readAreaStops(deps.db, network.id) };
}

/**
 * The second person after a retraction: another coordinator for the area, with a fresh second
 * factor, reviews it and lifts the areas it stopped; held deliveries of other alerts resume.
 */
export async function reviewRetraction(
  deps: AlertDeps,
  principal: Principal,
  retractionId: string,
): Promise<{ areaStops: AreaStop[] }> {
  requireRole(principal, alertApprovers);
  const retraction = await requireAlertOfNetwork(deps, principal, retractionId);
  if (retraction.template_key !== retractionTemplateKey) {
    throw new AppError('ALERT_NOT_RETRACTION', 'Only a retraction is reviewed this way.');
  }
  if (retraction.drafted_by === principal.memberId) {
    throw new AppError(
      'ALERT_RETRACTION_SELF_REVIEW',
      'A different coordinator must review a retraction you sent.',
    );
  }
  requireAreaCovered(principal, alertApprovers, retraction);
  requirePasskeyStepUp(principal, deps.clock);
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const lifted = await liftAreaStopsOf(uow.trx, retraction.id, principal.memberId, now);
    if (lifted === 0)
      throw new AppError('ALERT_RETRACTION_REVIEWED', 'This retraction was already reviewed.');
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'alert.retractionReviewed',
      objectType: 'alert',
      objectId: retraction.id,
      metadata: { threadId: retraction.thread_id, liftedAreaIds: areaKeysOf(retraction) },
    });
    await enqueueJobInUnitOfWork(uow, deps, {
      name: resumeHeldJobName,
      payload: { networkId: principal.networkId },
      idempotencyKey: `${resumeHeldJobName}:${principal.networkId}:${retraction.id}`,
    });
  });
  return { areaStops: await readAreaStops(deps.db, principal.networkId) };
}
