import { renderContent } from '../../../server/modules/alerting/alerts/alert-content.service.ts';
import type { AlertsTable } from '../../../server/modules/alerting/alerts/alert.tables.ts';
import { findNetworkById } from '../../../server/modules/identity/index.ts';
import { newId, newSecretToken } from '../../../server/platform/ids/ids.ts';
import type { FactoryContext } from '../../support/factories.ts';
import { buildIncident, pilsen } from './alert-world.ts';

export interface BuiltAlert {
  id: string;
  publicId: string;
  incidentId: string;
  /** SHA-256 of its frozen content: what an approval names. */
  contentHash: string;
}

/**
 * An alert row as drafting (and approval) write it, its content rendered and frozen by the real
 * renderer, for tests that need one in a given state
 * without going through the API. Exercises by default: they count against no hourly cap.
 */
export async function buildAlert(
  context: FactoryContext,
  options: {
    networkId: string;
    draftedBy: string;
    areaIds?: string[];
    state?: 'draft' | 'approved';
    status?: 'actual' | 'exercise';
    isOverride?: boolean;
    /** The incident's category (default workplace); `home` alerts are coarsened (issue 15 §5). */
    category?: 'workplace' | 'home';
    areaNames?: string[];
  },
): Promise<BuiltAlert> {
  const category = options.category ?? 'workplace';
  const incidentId = await buildIncident(context, options.networkId, {
    status: options.isOverride ? 'verifying' : 'confirmed',
    category,
  });
  const id = newId();
  const publicId = newSecretToken(12);
  const now = context.clock.now();
  const isApproved = options.state === 'approved';
  const row: AlertsTable = {
    id,
    network_id: options.networkId,
    public_id: publicId,
    thread_id: id,
    references_alert_id: null,
    kind: 'alert',
    status: options.status ?? 'exercise',
    state: isApproved ? 'approved' : 'draft',
    urgency: 'urgent',
    incident_id: incidentId,
    category,
    template_key: `alert.${category}`,
    lat: pilsen.lat,
    lon: pilsen.lon,
    radius_meters: 1000,
    zip: '60608',
    area_ids: JSON.stringify(options.areaIds ?? []),
    area_names: JSON.stringify(options.areaNames ?? ['Pilsen']),
    observed_at: now,
    free_text: '{}',
    messages: null,
    content: null,
    content_hash: null,
    rendered_at: null,
    rendered_by: null,
    template_versions: null,
    is_override: options.isOverride ? 1 : 0,
    override_confirmed_by: null,
    override_confirmed_at: null,
    drafted_by: options.draftedBy,
    drafted_at: now,
    approved_by: isApproved ? options.draftedBy : null,
    approved_at: isApproved ? now : null,
    superseded_at: null,
    cancelled_at: null,
    plan_state: isApproved ? 'planned' : null,
    plan_cursor: null,
    planned_at: isApproved ? now : null,
    created_at: now,
    updated_at: now,
  };
  const network = await findNetworkById(context.database.db, options.networkId);
  if (!network) throw new Error('buildAlert: no such network');
  const frozen = await renderContent(
    { publicUrl: 'https://amparo.example.org', clock: context.clock },
    context.database.db,
    network,
    row,
    options.draftedBy,
  );
  await context.database.db
    .insertInto('alerts')
    .values({ ...row, ...frozen })
    .execute();
  return { id, publicId, incidentId, contentHash: frozen.content_hash ?? '' };
}

/**
 * A one-person retraction of an approved alert, as retractAlert writes it: the retraction row and
 * the stop of each of the alert's areas, waiting for a second coordinator's review.
 */
export async function buildRetraction(
  context: FactoryContext,
  options: { networkId: string; retractedBy: string; areaIds: string[] },
): Promise<BuiltAlert> {
  const original = await buildAlert(context, {
    networkId: options.networkId,
    draftedBy: options.retractedBy,
    areaIds: options.areaIds,
    state: 'approved',
  });
  const db = context.database.db;
  const originalRow = await db
    .selectFrom('alerts')
    .selectAll()
    .where('id', '=', original.id)
    .executeTakeFirstOrThrow();
  const now = context.clock.now();
  const id = newId();
  const row: AlertsTable = {
    ...originalRow,
    id,
    public_id: newSecretToken(12),
    references_alert_id: original.id,
    kind: 'cancellation',
    template_key: 'retraction',
    drafted_by: options.retractedBy,
    approved_by: options.retractedBy,
    approved_at: now,
    created_at: now,
    updated_at: now,
  };
  const network = await findNetworkById(db, options.networkId);
  if (!network) throw new Error('buildRetraction: no such network');
  const frozen = await renderContent(
    { publicUrl: 'https://amparo.example.org', clock: context.clock },
    db,
    network,
    row,
    options.retractedBy,
  );
  await db
    .insertInto('alerts')
    .values({ ...row, ...frozen })
    .execute();
  await db.updateTable('alerts').set({ cancelled_at: now }).where('id', '=', original.id).execute();
  await db
    .insertInto('alert_area_stops')
    .values(
      (options.areaIds.length > 0 ? options.areaIds : ['']).map((areaKey) => ({
        id: newId(),
        network_id: options.networkId,
        area_key: areaKey,
        retraction_id: id,
        stopped_by: options.retractedBy,
        stopped_at: now,
        lifted_by: null,
        lifted_at: null,
      })),
    )
    .execute();
  return { id, publicId: row.public_id, incidentId: row.incident_id, contentHash: frozen.content_hash ?? '' };
}

/** A pending template proposal, diffed against the text in use now. */
export async function buildTemplateProposal(
  context: FactoryContext,
  options: { networkId: string; proposedBy: string; key?: string; body?: string },
): Promise<{ id: string }> {
  const db = context.database.db;
  const key = options.key ?? 'update';
  const active = await db
    .selectFrom('alert_templates')
    .selectAll()
    .where('network_id', '=', options.networkId)
    .where('template_key', '=', key)
    .where('language', '=', 'en')
    .executeTakeFirst();
  const id = newId();
  await db
    .insertInto('alert_template_proposals')
    .values({
      id,
      network_id: options.networkId,
      template_key: key,
      texts: JSON.stringify({ en: options.body ?? `UPDATE ${id} near {place}: {details}` }),
      base_versions: JSON.stringify({
        en: {
          version: active ? (active.version_id ?? 'unversioned') : 'default',
          body: active?.body ?? 'UPDATE on the activity near {place}: {details}',
        },
      }),
      state: 'pending',
      proposed_by: options.proposedBy,
      proposed_at: context.clock.now(),
      decided_by: null,
      decided_at: null,
    })
    .execute();
  return { id };
}
