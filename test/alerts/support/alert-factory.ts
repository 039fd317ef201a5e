import { newId, newSecretToken } from '../../../server/platform/ids/ids.ts';
import type { FactoryContext } from '../../support/factories.ts';
import { buildIncident, pilsen } from './alert-world.ts';

export interface BuiltAlert {
  id: string;
  publicId: string;
  incidentId: string;
}

/**
 * An alert row as drafting (and approval) write it, for tests that need one in a given state
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
  },
): Promise<BuiltAlert> {
  const incidentId = await buildIncident(context, options.networkId, {
    status: options.isOverride ? 'verifying' : 'confirmed',
  });
  const id = newId();
  const publicId = newSecretToken(12);
  const now = context.clock.now();
  const isApproved = options.state === 'approved';
  const message = {
    language: 'en',
    headline: 'Verified alert near Pilsen',
    text: 'VERIFIED: test alert.',
    sms: 'Net: VERIFIED: test alert.',
  };
  await context.database.db
    .insertInto('alerts')
    .values({
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
      category: 'workplace',
      template_key: 'alert.workplace',
      lat: pilsen.lat,
      lon: pilsen.lon,
      radius_meters: 1000,
      zip: '60608',
      area_ids: JSON.stringify(options.areaIds ?? []),
      area_names: JSON.stringify(['Pilsen']),
      observed_at: now,
      free_text: '{}',
      messages: isApproved ? JSON.stringify({ en: message }) : null,
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
    })
    .execute();
  return { id, publicId, incidentId };
}
