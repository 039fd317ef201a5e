import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { findIncidentById, requireIncidentAccess } from '../../intake/index.ts';
import type { IncidentRow } from '../../intake/index.ts';
import type { Role } from '../../identity/index.ts';
import { findEvidenceItem } from './evidence.repository.ts';
import type { EvidenceRow } from './evidence.repository.ts';

export async function findIncidentForEvidence(
  db: Kysely<Database>,
  incidentId: string,
): Promise<IncidentRow> {
  const incident = await findIncidentById(db, incidentId);
  if (!incident) throw new Error('the offer names an incident that does not exist');
  return incident;
}

/** The incident, if the principal holds one of `roles` for it (network-wide or in its area). */
export async function requireEvidenceIncident(
  db: Kysely<Database>,
  principal: Principal,
  incidentId: string,
  roles: readonly Role[],
): Promise<IncidentRow> {
  return (await requireIncidentAccess(db, { principal, incidentId, roles })).incident;
}

/** The evidence item, if the principal may see its incident; otherwise not found. */
export async function requireVisibleEvidence(
  db: Kysely<Database>,
  principal: Principal,
  evidenceId: string,
  roles: readonly Role[],
): Promise<{ item: EvidenceRow; incident: IncidentRow }> {
  requireRole(principal, roles);
  const item = await findEvidenceItem(db, evidenceId);
  if (!item || item.network_id !== principal.networkId) throw evidenceNotFound();
  const incident = await requireEvidenceIncident(db, principal, item.incident_id, roles).catch(
    (error: unknown) => {
      throw error instanceof AppError && error.code === 'INCIDENT_NOT_FOUND' ? evidenceNotFound() : error;
    },
  );
  return { item, incident };
}

export function evidenceNotFound(): AppError {
  return new AppError('EVIDENCE_NOT_FOUND', 'Evidence not found.');
}
