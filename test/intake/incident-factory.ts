import { defaultIncidentSettings } from '../../server/modules/intake/incidents/index.ts';
import type { ReportCategory } from '../../server/modules/intake/incidents/index.ts';
import { submitReport } from '../../server/modules/intake/reports/index.ts';
import { createLocalEventBus } from '../../server/platform/realtime/local-event-bus.ts';
import type { FactoryContext } from '../support/factories.ts';

export interface BuiltIncident {
  id: string;
  publicId: string;
  reportIds: string[];
}

/**
 * An incident of `networkId` made through the real intake (operator channel), with `reports`
 * reports at one random spot far from any other incident, so it never joins an existing one.
 */
export async function buildIncident(
  context: FactoryContext,
  networkId: string,
  options: { reports?: number; category?: ReportCategory; location?: { lat: number; lon: number } } = {},
): Promise<BuiltIncident> {
  const deps = intakeDeps(context);
  const location = options.location ?? { lat: 30 + Math.random() * 15, lon: -120 + Math.random() * 45 };
  const reportIds: string[] = [];
  let incident = { id: '', publicId: '' };
  for (let index = 0; index < (options.reports ?? 1); index += 1) {
    const stored = await submitReport(deps, {
      networkId,
      networkLanguages: ['en'],
      channel: 'operator',
      category: options.category ?? 'street_stop',
      location,
      description: 'Test report',
      source: null,
    });
    reportIds.push(stored.reportId);
    incident = { id: stored.incidentId, publicId: stored.incidentPublicId };
  }
  return { ...incident, reportIds };
}

/**
 * A weaponized tip of `networkId` (it names a private person at an address) made through the real
 * intake, so tip screening keeps it out of the queue; returns the flagged report's id.
 */
export async function buildFlaggedTip(
  context: FactoryContext,
  networkId: string,
  locationText = 'Kedzie and 21st',
): Promise<string> {
  const stored = await submitReport(intakeDeps(context), {
    networkId,
    networkLanguages: ['es'],
    channel: 'web',
    category: 'other',
    locationText,
    description: 'Quiero denunciar a mi vecino, es ilegal y vive en 2100 S Kedzie Ave',
    language: 'es',
    source: null,
  });
  if (!stored.isFlagged) throw new Error('the tip was not flagged');
  return stored.reportId;
}

function intakeDeps(context: FactoryContext) {
  return {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: createLocalEventBus(),
    lookupZip: { centroidOf: () => null, zipNear: () => null },
    settingsFor: () => Promise.resolve(defaultIncidentSettings),
  };
}
