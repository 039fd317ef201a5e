import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';
import { networkIncidentSettings } from './incident-settings.ts';
import type { IncidentSettingsSource } from './incident-settings.ts';

export interface IncidentDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  events: EventBus;
  settingsFor: IncidentSettingsSource;
}

export function incidentDepsFrom(context: PlatformContext): IncidentDeps {
  return {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: context.events,
    settingsFor: networkIncidentSettings(context.database.db),
  };
}
