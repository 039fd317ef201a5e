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
  const deps = {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: createLocalEventBus(),
    lookupZip: { centroidOf: () => null, zipNear: () => null },
    settingsFor: () => Promise.resolve(defaultIncidentSettings),
  };
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
