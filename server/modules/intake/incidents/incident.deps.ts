import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import { networkIncidentSettings } from './incident-settings.ts';
import type { IncidentSettingsSource } from './incident-settings.ts';

export interface IncidentDeps extends ServiceDeps {
  settingsFor: IncidentSettingsSource;
}

export function incidentDepsFrom(context: PlatformContext): IncidentDeps {
  return {
    ...serviceDepsFrom(context),
    settingsFor: networkIncidentSettings(context.database.db),
  };
}
