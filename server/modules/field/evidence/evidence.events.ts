import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { areaIdsOfIncident, incidentRooms } from '../../intake/index.ts';
import type { IncidentRow } from '../../intake/index.ts';
import type { EvidenceRow } from './evidence.repository.ts';
import type { EvidenceEventType } from './evidence.contract.ts';

/** `evidence.received` to the incident's dispatcher and coordinator rooms: ids, kind and hash only. */
export async function emitEvidenceReceived(
  uow: UnitOfWork,
  incident: Pick<IncidentRow, 'network_id' | 'lat' | 'lon'>,
  item: EvidenceRow,
): Promise<void> {
  const areaIds = await areaIdsOfIncident(uow.trx, incident);
  uow.emit({
    type: 'evidence.received' satisfies EvidenceEventType,
    networkId: item.network_id,
    rooms: incidentRooms(item.network_id, areaIds),
    data: {
      evidenceId: item.id,
      incidentId: item.incident_id,
      offerId: item.offer_id,
      kind: item.kind,
      sha256: item.sha256,
    },
    occurredAt: item.received_at,
  });
}
