import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';

export interface ResponderDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  events: EventBus;
}

export function responderDepsFrom(context: PlatformContext): ResponderDeps {
  return {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: context.events,
  };
}

/** Field-crypto contexts and blind-index purposes of responder columns. */
export const responderFields = {
  smsPhone: 'responder_profiles.sms_phone',
  smsPhoneIndex: 'responder_profiles.sms_phone',
  pushSubscription: 'responder_profiles.push_subscription',
} as const;
