import { frozenContentOf, publishedMessagesOf } from './alert-content.ts';
import { parseList } from './alert-rendering.ts';
import type { PresentedAlert, PresentedContent } from './alert.contract.ts';
import type { AlertsTable } from './alert.tables.ts';

export type { PresentedAlert, PresentedContent } from './alert.contract.ts';

export function presentAlert(row: AlertsTable): PresentedAlert {
  return {
    id: row.id,
    publicId: row.public_id,
    threadId: row.thread_id,
    referencesAlertId: row.references_alert_id,
    kind: row.kind,
    status: row.status,
    state: row.state,
    urgency: row.urgency,
    incidentId: row.incident_id,
    category: row.category,
    templateKey: row.template_key,
    area: {
      lat: row.lat,
      lon: row.lon,
      radiusMeters: row.radius_meters,
      zip: row.zip,
      areaIds: parseList(row.area_ids),
      areaNames: parseList(row.area_names),
    },
    freeText: JSON.parse(row.free_text) as Record<string, string>,
    isOverride: row.is_override === 1,
    overrideConfirmedBy: row.override_confirmed_by,
    draftedBy: row.drafted_by,
    draftedAt: row.drafted_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    supersededAt: row.superseded_at,
    cancelledAt: row.cancelled_at,
    planState: row.plan_state,
    messages: publishedMessagesOf(row),
    contentHash: frozenContentOf(row) ? row.content_hash : null,
    renderedAt: row.rendered_at,
    renderedBy: row.rendered_by,
    templateVersions: parseVersions(row.template_versions),
  };
}

export function presentContent(row: AlertsTable): PresentedContent | null {
  const content = frozenContentOf(row);
  if (!content || row.content_hash === null) return null;
  return {
    hash: row.content_hash,
    renderedAt: row.rendered_at,
    renderedBy: row.rendered_by,
    languages: content.languages,
    cap: content.cap,
  };
}

function parseVersions(stored: string | null): Record<string, string> {
  if (!stored) return {};
  try {
    return JSON.parse(stored) as Record<string, string>;
  } catch {
    return {};
  }
}
