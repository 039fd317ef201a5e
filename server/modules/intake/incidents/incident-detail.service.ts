import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import { recordSensitiveRead } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { memberNamesById } from './incident-names.service.ts';
import { requireIncidentAccess } from './incident-access.policy.ts';
import { canSeeFlaggedReports } from './incident.policy.ts';
import { presentIncident } from './incident-presenter.ts';
import { listIncidentReports } from './incident-reports.repository.ts';
import { listIncidentEvents } from './incident.repository.ts';
import { reportFieldContexts } from './report-fields.ts';
import type { IncidentDetail } from './incident.contract.ts';
import { presentWithholding } from './incident-publication.service.ts';

/**
 * An incident with its report timeline (descriptions and addresses decrypted for the dispatcher)
 * and its status history. Reporter contacts are included only on request, and that read is
 * audited in the same transaction before anything is returned.
 */
export async function getIncidentDetail(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  options: { includeContact: boolean },
) {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  const reports = await listIncidentReports(deps.db, incident.id, {
    includeFlagged: canSeeFlaggedReports(principal),
  });
  const events = await listIncidentEvents(deps.db, incident.id);
  const hasContact = reports.some((report) => report.callback_contact_enc !== null);
  if (options.includeContact && hasContact) {
    await recordSensitiveRead(deps, deps.db, {
      networkId: incident.network_id,
      actorMemberId: principal.memberId,
      objectType: 'incident',
      objectId: incident.id,
      field: 'reporterContact',
      action: 'report.contactRead',
    });
  }
  const names = await memberNamesById(deps, incident.network_id, [incident.claimed_by]);
  const read = (envelope: string | null, context: string) => decryptOrNull(deps.crypto, envelope, context);

  return {
    incident: presentIncident(
      incident,
      incident.claimed_by
        ? { memberId: incident.claimed_by, displayName: names.get(incident.claimed_by) ?? null }
        : null,
    ),
    reports: reports.map((report) => ({
      id: report.id,
      channel: report.channel,
      category: report.category,
      occurredAt: report.occurred_at,
      receivedAt: report.created_at,
      language: report.language,
      location: report.lat === null || report.lon === null ? null : { lat: report.lat, lon: report.lon },
      locationPrecision: report.location_precision,
      exactLocation: parsePoint(read(report.location_point_enc, reportFieldContexts.locationPoint)),
      locationText: read(report.location_text_enc, reportFieldContexts.locationText),
      zip: report.zip,
      description: read(report.description_enc, reportFieldContexts.description),
      hasCallbackContact: report.callback_contact_enc !== null,
      contactConsent: report.contact_consent === 1,
      ...(options.includeContact
        ? { callbackContact: read(report.callback_contact_enc, reportFieldContexts.callbackContact) }
        : {}),
      enteredBy: report.entered_by,
      isFlagged: report.flagged_reason !== null,
      isTextPurged: report.text_purged_at !== null,
    })),
    history: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      fromStatus: event.from_status,
      toStatus: event.to_status,
      actorMemberId: event.actor_member_id,
      metadata: JSON.parse(event.metadata) as Record<string, unknown>,
      at: event.created_at,
    })),
    publicWithholding: await presentWithholding(deps, incident),
  } satisfies IncidentDetail;
}

function decryptOrNull(crypto: FieldCrypto, envelope: string | null, context: string): string | null {
  if (envelope === null) return null;
  try {
    return crypto.decrypt(envelope, context);
  } catch {
    // An unreadable value (a retired key) must not hide the rest of the incident.
    return null;
  }
}

function parsePoint(value: string | null): { lat: number; lon: number } | null {
  if (value === null) return null;
  const [lat, lon] = value.split(',').map(Number);
  return lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon)
    ? null
    : { lat, lon };
}
