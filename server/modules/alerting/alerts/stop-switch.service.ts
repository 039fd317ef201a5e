import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import { recordAudit } from '../../identity/index.ts';
import { requireRole, requireStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { StopSwitchState } from './alert.contract.ts';
import type { AlertDeps } from './alert.deps.ts';
import { stopSwitchRoles } from './alert.policy.ts';
import { findStopSwitch, upsertStopSwitch } from './alert.repository.ts';

export const resumeHeldJobName = 'alerts.resumeHeld';

export type { StopSwitchState } from './alert.contract.ts';

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
