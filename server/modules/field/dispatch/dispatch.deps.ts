import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import type { Logger } from '../../../platform/log/logger.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';
import type { PushSender } from '../../../platform/push/index.ts';
import type { SmsSender } from '../../../platform/sms/sms.ts';
import { incidentRoles } from '../../intake/index.ts';

export interface DispatchDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  events: EventBus;
  jobs: JobWaker;
}

/** What the notification job needs besides the database: Web Push, and SMS (null: not configured). */
export interface NotifyDeps extends DispatchDeps {
  push: PushSender | null;
  sms: SmsSender | null;
  logger: Logger;
}

export function dispatchDepsFrom(context: PlatformContext): DispatchDeps {
  return {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: context.events,
    jobs: context.jobs,
  };
}

export function notifyDepsFrom(context: PlatformContext): NotifyDeps {
  return {
    ...dispatchDepsFrom(context),
    push: context.senders.push,
    sms: context.senders.sms,
    logger: context.logger,
  };
}

/** Field-crypto contexts of dispatch columns. */
export const offerFields = {
  outcomeNotes: 'dispatch_offers.outcome_notes',
  livestreamUrl: 'dispatch_offers.livestream_url',
} as const;

/** Who sends offers and reads suggestions: the people who work incidents. */
export const dispatcherRoles = incidentRoles;
