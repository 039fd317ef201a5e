import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { getNetworkSettings } from '../../identity/index.ts';
import { defaultClusteringSettings } from './clustering.ts';
import type { ClusteringSettings } from './clustering.ts';

/** Per-network intake and triage settings. */
export interface IncidentSettings {
  clustering: ClusteringSettings;
  /** An incident still new or verifying this long after its latest report closes as unconfirmed. */
  unverifiedExpiryMs: number;
}

export const defaultIncidentSettings: IncidentSettings = {
  clustering: defaultClusteringSettings,
  unverifiedExpiryMs: 12 * 60 * 60 * 1000,
};

/** Reads a network's settings. */
export type IncidentSettingsSource = (networkId: string) => Promise<IncidentSettings>;

export const defaultSettingsSource: IncidentSettingsSource = () => Promise.resolve(defaultIncidentSettings);

const minuteMs = 60 * 1000;

/** The settings an admin set for the network (defaults where unset). */
export function networkIncidentSettings(db: Kysely<Database>): IncidentSettingsSource {
  return async (networkId) => {
    const settings = await getNetworkSettings(db, networkId);
    return {
      clustering: {
        distanceMeters: settings.clusteringRadiusMeters,
        windowMs: settings.clusteringWindowMinutes * minuteMs,
      },
      unverifiedExpiryMs: settings.unverifiedIncidentExpiryHours * 60 * minuteMs,
    };
  };
}
