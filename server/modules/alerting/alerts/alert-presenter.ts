import { frozenContentOf, publishedMessagesOf } from './alert-content.ts';
import type { FrozenLanguage } from './alert-content.ts';
import { parseList } from './alert-rendering.ts';
import type { AlertMessages } from './alert-rendering.ts';
import type { AlertsTable } from './alert.tables.ts';

export interface PresentedAlert {
  id: string;
  publicId: string;
  threadId: string;
  referencesAlertId: string | null;
  kind: AlertsTable['kind'];
  status: AlertsTable['status'];
  state: AlertsTable['state'];
  urgency: AlertsTable['urgency'];
  incidentId: string;
  category: string;
  templateKey: string;
  area: {
    lat: number;
    lon: number;
    radiusMeters: number;
    zip: string | null;
    areaIds: string[];
    areaNames: string[];
  };
  freeText: Record<string, string>;
  isOverride: boolean;
  overrideConfirmedBy: string | null;
  draftedBy: string;
  draftedAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
  supersededAt: number | null;
  cancelledAt: number | null;
  planState: AlertsTable['plan_state'];
  /** Headline, text and SMS per language, from the frozen content (drafts included). */
  messages: AlertMessages;
  /** SHA-256 of the frozen content: what an approval must name. Null: re-render before approval. */
  contentHash: string | null;
  renderedAt: number | null;
  renderedBy: string | null;
  /** Language → template version the content used (`default`: shipped text; `shipped`: a retraction). */
  templateVersions: Record<string, string>;
}

/** Every public text of an alert as frozen, for the approver's preview (GET /api/alerts/:id). */
export interface PresentedContent {
  hash: string;
  renderedAt: number | null;
  renderedBy: string | null;
  languages: Record<string, FrozenLanguage>;
  cap: string;
}

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
