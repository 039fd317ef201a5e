import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../../identity/index.ts';
import type { AuditAction, AuditMetadata } from '../../identity/index.ts';
import { findAreaIdsContaining } from './incident-areas.service.ts';
import { incidentEvent } from './incident.events.ts';
import type { IncidentEventType } from './incident.events.ts';
import { findIncidentById, insertIncidentEvent } from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';
import type { IncidentEventKind, IncidentStatus } from './incident.tables.ts';

export interface IncidentChange {
  incidentId: string;
  actorMemberId: string | null;
  /** The history entry; omitted for changes that are not part of the status history (notes). */
  history?: { kind: IncidentEventKind; fromStatus?: IncidentStatus | null; toStatus?: IncidentStatus | null };
  audit: AuditAction;
  realtime: IncidentEventType;
  /** Ids and internal values only: it goes to the history, the audit trail and realtime clients. */
  metadata?: AuditMetadata;
}

/**
 * The three records every dispatcher action leaves, in the action's transaction: a history entry
 * on the incident, an audit entry, and a realtime event (published after commit) with the
 * incident as it now is. Returns that incident.
 */
export async function recordIncidentChange(
  deps: { dialect: DialectName; clock: Clock },
  uow: UnitOfWork,
  change: IncidentChange,
): Promise<IncidentRow> {
  const now = deps.clock.now();
  const incident = await findIncidentById(uow.trx, change.incidentId);
  if (!incident) throw new Error('incident vanished inside its transaction');
  const metadata = change.metadata ?? {};
  if (change.history) {
    await insertIncidentEvent(uow.trx, {
      id: newId(),
      network_id: incident.network_id,
      incident_id: incident.id,
      kind: change.history.kind,
      from_status: change.history.fromStatus ?? null,
      to_status: change.history.toStatus ?? null,
      actor_member_id: change.actorMemberId,
      metadata: JSON.stringify(metadata),
      created_at: now,
    });
  }
  await recordAudit(deps, uow.trx, {
    networkId: incident.network_id,
    actorMemberId: change.actorMemberId,
    action: change.audit,
    objectType: 'incident',
    objectId: incident.id,
    metadata,
  });
  const areaIds =
    incident.lat === null || incident.lon === null
      ? []
      : await findAreaIdsContaining(uow.trx, incident.network_id, { lat: incident.lat, lon: incident.lon });
  uow.emit(incidentEvent(change.realtime, incident, areaIds, now, metadata));
  return incident;
}
