import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import {
  findAreaIdsInNetwork,
  listAreaNames,
  recordAudit,
  requireRole,
  requireStepUp,
} from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { AreaSwitchInput, AreaSwitchState } from './alert.contract.ts';
import type { AlertDeps } from './alert.deps.ts';
import { stopSwitchRoles } from './alert.policy.ts';
import { findAreaSwitch, listAreaSwitches, upsertAreaSwitch } from './area-stop.repository.ts';
import type { AlertAreaSwitchesTable } from './area-stop.tables.ts';
import { enqueueResume, stopReasonContexts } from './stop-switch.service.ts';

/**
 * One area's stop switch: a coordinator whose role covers the area (or an admin, or an unlimited
 * coordinator) stops alerts there, with a short reason. Approvals of alerts in the area are refused
 * and their deliveries held, exactly as under the network's switch; other areas go on. As for the
 * network's switch, stopping needs no step-up and resuming (which sends what was held) does.
 */
export async function setAreaSwitch(
  deps: AlertDeps,
  principal: Principal,
  input: AreaSwitchInput,
): Promise<AreaSwitchState> {
  requireRole(principal, stopSwitchRoles, [input.areaId]);
  if (!(await findAreaIdsInNetwork(deps.db, principal.networkId, [input.areaId])).has(input.areaId)) {
    throw new AppError('NOT_FOUND', 'Not found.');
  }
  if (!input.isStopped) requireStepUp(principal, deps.clock);
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const before = await findAreaSwitch(uow.trx, principal.networkId, input.areaId);
    await upsertAreaSwitch(uow.trx, {
      id: before?.id ?? newId(),
      network_id: principal.networkId,
      area_id: input.areaId,
      is_stopped: input.isStopped ? 1 : 0,
      reason_enc: deps.crypto.encrypt(input.reason, stopReasonContexts.area),
      changed_by: principal.memberId,
      changed_at: now,
    });
    // The reason stays out of the audit entry (free text); the entry names who, which area and when.
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: input.isStopped ? 'alert.areaSwitchOn' : 'alert.areaSwitchOff',
      objectType: 'area',
      objectId: input.areaId,
      metadata: { wasStopped: before?.is_stopped === 1 },
    });
    if (!input.isStopped && before?.is_stopped === 1) {
      await enqueueResume(deps, uow, principal.networkId, now);
    }
  });
  const areaName = (await listAreaNames(deps.db, principal.networkId)).find(
    (area) => area.id === input.areaId,
  );
  return {
    areaId: input.areaId,
    areaName: areaName?.name ?? '',
    isStopped: input.isStopped,
    changedBy: principal.memberId,
    changedAt: now,
    reason: input.reason,
  };
}

/** Every area switch set by hand in the network (areas deleted since are left out). */
export async function readAreaSwitches(
  deps: Pick<AlertDeps, 'db' | 'crypto'>,
  networkId: string,
): Promise<AreaSwitchState[]> {
  const [rows, areas] = await Promise.all([
    listAreaSwitches(deps.db, networkId),
    listAreaNames(deps.db, networkId),
  ]);
  const names = new Map(areas.map((area) => [area.id, area.name]));
  return rows.flatMap((row) => {
    const areaName = names.get(row.area_id);
    return areaName === undefined ? [] : [presentAreaSwitch(deps, row, areaName)];
  });
}

function presentAreaSwitch(
  deps: Pick<AlertDeps, 'crypto'>,
  row: AlertAreaSwitchesTable,
  areaName: string,
): AreaSwitchState {
  return {
    areaId: row.area_id,
    areaName,
    isStopped: row.is_stopped === 1,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
    reason: row.reason_enc ? deps.crypto.decrypt(row.reason_enc, stopReasonContexts.area) : null,
  };
}
