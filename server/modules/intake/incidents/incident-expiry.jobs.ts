import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';
import { recordIncidentChange } from './incident-changes.service.ts';
import { findExpiredIncidents, updateIncidentIfStatus } from './incident.repository.ts';

export interface ExpiryDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  events: EventBus;
}

/**
 * Closes incidents nobody verified within the network's expiry time (counted from their latest
 * report) as unconfirmed, each in its own transaction, audited and pushed like a dispatcher's
 * change. Safe to run concurrently: each close is a compare-and-set on the status.
 */
export async function expireUnverifiedIncidents(
  deps: ExpiryDeps,
  options: { batchSize?: number; maximum?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const maximum = options.maximum ?? 10_000;
  let expired = 0;
  while (expired < maximum) {
    const now = deps.clock.now();
    const due = await findExpiredIncidents(deps.db, now, batchSize);
    let closedThisBatch = 0;
    for (const incident of due) {
      const closed = await inTransaction(deps, async (uow) => {
        const won = await updateIncidentIfStatus(uow.trx, incident.id, incident.status, {
          status: 'closed',
          outcome: 'unconfirmed',
          closed_reason: 'expired',
          closed_at: now,
          status_changed_at: now,
          expires_at: null,
          updated_at: now,
        });
        if (!won) return false;
        await recordIncidentChange(deps, uow, {
          incidentId: incident.id,
          actorMemberId: null,
          history: { kind: 'expired', fromStatus: incident.status, toStatus: 'closed' },
          audit: 'incident.expired',
          realtime: 'incident.statusChanged',
          metadata: { fromStatus: incident.status, toStatus: 'closed', reason: 'expired' },
        });
        return true;
      });
      if (closed) closedThisBatch += 1;
    }
    expired += closedThisBatch;
    if (due.length < batchSize || closedThisBatch === 0) break;
  }
  return expired;
}

export const expireUnverifiedEveryMs = 5 * 60 * 1000;

/**
 * The recurring job `incidents.expireUnverified`. Built with the event bus because the job context
 * carries no bus, and dispatchers must see the incidents leave their queue live.
 */
export function createExpireUnverifiedIncidentsJob(deps: { events: EventBus }) {
  return defineJob({
    name: 'incidents.expireUnverified',
    lane: 'intake',
    payload: z.object({}),
    maxAttempts: 3,
    handle: async (_payload, context) => {
      const expired = await expireUnverifiedIncidents({
        db: context.db,
        dialect: context.dialect,
        clock: context.clock,
        events: deps.events,
      });
      if (expired > 0) context.logger.info({ expired }, 'expired unverified incidents');
    },
  });
}
