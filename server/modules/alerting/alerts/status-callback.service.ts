import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { findDeliveryByProviderId, updateProviderStatus } from './delivery.repository.ts';

/** Twilio's message statuses in the order they happen; a late callback never moves one back. */
const statusRank: Record<string, number> = {
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 2,
  sent: 3,
  failed: 4,
  undelivered: 4,
  delivered: 5,
  read: 6,
  canceled: 4,
};

/**
 * Records a Twilio status callback on the delivery it belongs to (by MessageSid). Unknown
 * messages (replies sent by other modules) are ignored. Returns whether a delivery changed.
 */
export async function recordSmsStatus(
  deps: { db: Kysely<Database>; clock: Clock },
  input: { messageSid: string; status: string; errorCode: string | null },
): Promise<boolean> {
  const rank = statusRank[input.status];
  if (rank === undefined) return false;
  const delivery = await findDeliveryByProviderId(deps.db, input.messageSid);
  if (!delivery) return false;
  if ((statusRank[delivery.provider_status ?? ''] ?? 0) > rank) return false;
  await updateProviderStatus(deps.db, delivery.id, {
    provider_status: input.status,
    updated_at: deps.clock.now(),
    ...(input.errorCode ? { error_code: `sms_${input.errorCode}` } : {}),
  });
  return true;
}
