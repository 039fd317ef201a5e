import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';

export interface SubscriptionDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  events: EventBus;
  jobs: JobWaker;
  /** Links in confirmation emails and unsubscribe pages. */
  publicUrl: string;
}

export function subscriptionDepsFrom(context: PlatformContext): SubscriptionDeps {
  return {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: context.events,
    jobs: context.jobs,
    publicUrl: context.config.publicUrl,
  };
}
