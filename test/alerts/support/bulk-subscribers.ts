import { randomInt } from 'node:crypto';
import { zipArea } from '../../../server/modules/alerting/subscriptions/subscription-areas.ts';
import {
  contactIndexOf,
  subscriberContactContext,
} from '../../../server/modules/alerting/subscriptions/index.ts';
import type {
  SubscriberAreasTable,
  SubscribersTable,
} from '../../../server/modules/alerting/subscriptions/index.ts';
import { boundingBoxAround } from '../../../server/platform/geo/index.ts';
import { newId } from '../../../server/platform/ids/ids.ts';
import type { FactoryContext } from '../../support/factories.ts';

/**
 * Writes many active subscribers at once (for planner and scale tests), the way the services store
 * them: encrypted contact, blind index, one area each. `matching` get the ZIP or a circle around
 * `point`; the others a ZIP far away.
 */
export async function insertSubscribers(
  context: FactoryContext,
  input: {
    networkId: string;
    matching: number;
    others: number;
    point: { lat: number; lon: number };
    zip: string;
    farZip: string;
  },
): Promise<void> {
  const now = context.clock.now();
  const total = input.matching + input.others;
  const batch = 500;
  for (let start = 0; start < total; start += batch) {
    const subscribers: SubscribersTable[] = [];
    const areas: SubscriberAreasTable[] = [];
    for (let index = start; index < Math.min(total, start + batch); index += 1) {
      const id = newId();
      const channel = (['sms', 'push', 'email'] as const)[index % 3]!;
      const contact =
        channel === 'sms'
          ? `+1773${randomInt(1_000_000, 9_999_999)}${index}`
          : `${channel}-${index}-${id}@example.test`;
      subscribers.push({
        id,
        network_id: input.networkId,
        channel,
        contact_enc: context.crypto.encrypt(contact, subscriberContactContext),
        contact_index: contactIndexOf(context.crypto, channel, contact),
        language: ['en', 'es', 'ar'][index % 3]!,
        preference: 'urgent',
        status: 'active',
        is_exercise_recipient: 0,
        pending_settings: null,
        confirmation_hash: null,
        confirmation_expires_at: null,
        created_at: now,
        updated_at: now,
        confirmed_at: now,
        unsubscribed_at: null,
        bounce_count: 0,
      });
      const isMatching = index < input.matching;
      const isCircle = isMatching && index % 2 === 1;
      const box = boundingBoxAround(input.point, 1500);
      areas.push({
        ...(isCircle
          ? {
              kind: 'circle' as const,
              zip: null,
              lat: input.point.lat,
              lon: input.point.lon,
              radius_meters: 1500,
              min_lat: box.minLat,
              min_lon: box.minLon,
              max_lat: box.maxLat,
              max_lon: box.maxLon,
            }
          : zipArea(isMatching ? input.zip : input.farZip)),
        id: newId(),
        subscriber_id: id,
        network_id: input.networkId,
        created_at: now,
      });
    }
    await context.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('subscribers').values(subscribers).execute();
      await trx.insertInto('subscriber_areas').values(areas).execute();
    });
  }
}
