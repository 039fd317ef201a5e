import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';
import { recordAudit } from '../../identity/index.ts';
import { areasFor, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { Role } from '../../identity/index.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import type { FloodModeState } from './flood-mode.contract.ts';
import { findFloodMode, saveFloodMode } from './flood-mode.repository.ts';

export interface FloodModeDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  events: EventBus;
  /** Called after a change commits, so this process's intake guard sees it at once. */
  onChanged?: (networkId: string, isOn: boolean) => void;
}

export type { FloodModeState } from './flood-mode.contract.ts';

/** Who switches flood mode: the people watching the queue, for the whole network. */
const floodModeRoles: readonly Role[] = ['dispatcher', 'coordinator'];
const floodModeReaders: readonly Role[] = ['dispatcher', 'coordinator', 'admin'];

export async function getFloodMode(deps: FloodModeDeps, principal: Principal): Promise<FloodModeState> {
  requireRole(principal, floodModeReaders);
  return readFloodMode(deps.db, principal.networkId);
}

export async function readFloodMode(db: Kysely<Database>, networkId: string): Promise<FloodModeState> {
  const row = await findFloodMode(db, networkId);
  return row
    ? { isOn: row.is_on === 1, changedAt: row.changed_at, changedBy: row.changed_by }
    : { isOn: false, changedAt: null, changedBy: null };
}

/**
 * Switches the network's flood mode: unknown sources get tight limits while known reporters and
 * operators keep their own. A grant limited to some areas cannot change the whole network's
 * intake. Audited; every member's console hears of it in realtime.
 */
export async function setFloodMode(
  deps: FloodModeDeps,
  principal: Principal,
  isOn: boolean,
): Promise<FloodModeState> {
  requireRole(principal, floodModeRoles);
  if (areasFor(principal, floodModeRoles) !== 'all') {
    throw new AppError('FORBIDDEN', 'Only a dispatcher or coordinator of the whole network can do this.');
  }
  const now = deps.clock.now();
  const { networkId, memberId } = principal;
  await inTransaction(deps, async (uow) => {
    await saveFloodMode(uow.trx, {
      network_id: networkId,
      is_on: isOn ? 1 : 0,
      changed_by: memberId,
      changed_at: now,
    });
    await recordAudit(deps, uow.trx, {
      networkId,
      actorMemberId: memberId,
      action: 'intake.floodModeChanged',
      objectType: 'network',
      objectId: networkId,
      metadata: { isOn },
    });
    uow.emit({
      type: 'intake.floodModeChanged',
      networkId,
      rooms: [rooms.network(networkId)],
      data: { isOn, changedAt: now, changedBy: memberId },
      occurredAt: now,
    });
  });
  deps.onChanged?.(networkId, isOn);
  return { isOn, changedAt: now, changedBy: memberId };
}
