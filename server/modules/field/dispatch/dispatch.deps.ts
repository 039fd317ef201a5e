import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import type { Logger } from '../../../platform/log/logger.ts';
import type { PushSender } from '../../../platform/push/index.ts';
import type { SmsSender } from '../../../platform/sms/sms.ts';
import { incidentRoles } from '../../intake/index.ts';

export interface DispatchDeps extends ServiceDeps {
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
    ...serviceDepsFrom(context),
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
