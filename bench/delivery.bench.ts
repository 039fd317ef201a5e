import { zipArea } from '../server/modules/alerting/subscriptions/subscription-areas.ts';
import { contactIndexOf, subscriberContactContext } from '../server/modules/alerting/subscriptions/index.ts';
import type { DialectName } from '../server/platform/database/database.ts';
import { newId } from '../server/platform/ids/ids.ts';
import {
  buildAlertWorld,
  buildIncident,
  pilsenZip,
  startTestWorker,
  testAdapters,
  waitFor,
} from '../test/alerts/support/alert-world.ts';
import { approve, call } from '../test/alerts/support/api.ts';
import { createTestApp } from '../test/support/app.ts';
import type { TestApp } from '../test/support/app.ts';
import { startFakeTwilio } from '../test/support/fake-twilio.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';

/**
 * SMS deliveries per second through the whole path (approve → planner job → delivery jobs with
 * the account's send slots → Twilio adapter) against the local Twilio stand-in, at a configured
 * account rate: the achieved rate should meet it, and no one-second window may exceed it.
 */
export async function benchSmsDelivery(
  dialect: DialectName,
  sizes: { recipients: number; ratePerSecond: number },
): Promise<BenchRow[]> {
  const twilio = await startFakeTwilio();
  const testApp = await createTestApp(dialect, {
    AMPARO_PUBLIC_URL: 'https://amparo.example.org',
    TWILIO_API_BASE: twilio.url,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: '+13125550100',
    AMPARO_SMS_RATE_PER_SECOND: String(sizes.ratePerSecond),
  });
  // When each text is handed to the Twilio adapter (it leaves Amparo's code): the pace Amparo
  // keeps. Arrival times at the stand-in add the jitter of this busy process's event loop.
  const handedAt: number[] = [];
  const adapters = testAdapters(testApp, null);
  const sms = adapters.sms!;
  adapters.sms = {
    send: (message) => {
      handedAt.push(Date.now());
      return sms.send(message);
    },
  };
  const worker = await startTestWorker(testApp, adapters, 8);
  try {
    const world = await buildAlertWorld(testApp);
    await insertSmsSubscribers(testApp, world.network.id, sizes.recipients);
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    const approval = await approve(testApp, alertId, world.approver);
    if (approval.statusCode !== 200) throw new Error(`approval failed: ${approval.statusCode}`);
    const expectedSeconds = sizes.recipients / sizes.ratePerSecond;
    await waitFor(
      () => twilio.messages.length,
      (count) => count >= sizes.recipients,
      (expectedSeconds * 3 + 30) * 1000,
    );
    const times = twilio.messages.map((message) => message.receivedAt).sort((a, b) => a - b);
    const spanSeconds = (times.at(-1)! - times[0]!) / 1000;
    // n messages paced at r/s span (n - 1) / r seconds.
    const perSecond = spanSeconds > 0 ? (times.length - 1) / spanSeconds : Number.NaN;
    const busiestSecond = maximumInWindow(times, 1000);
    const busiestHandedSecond = maximumInWindow(
      [...handedAt].sort((a, b) => a - b),
      1000,
    );
    const recipients = new Set(twilio.messages.map((message) => message.to)).size;
    return [
      {
        section: 'delivery (SMS)',
        database: dialect,
        figure: 'SMS deliveries/s',
        value: formatNumber(perSecond, 2),
        baseline: `${sizes.ratePerSecond}/s configured`,
        ratio: ratioOf(perSecond, sizes.ratePerSecond),
        note: `${times.length} sent to ${recipients} recipients; busiest 1-s window ${busiestHandedSecond} as sent, ${busiestSecond} as received (limit ${sizes.ratePerSecond})`,
      },
    ];
  } finally {
    await worker.stop();
    await testApp.close();
    await twilio.close();
  }
}

/** The most timestamps inside any window of `windowMs` (a sliding window over sorted times). */
function maximumInWindow(sorted: readonly number[], windowMs: number): number {
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/** Confirmed SMS subscribers in the alert's ZIP, stored as the subscription module stores them. */
async function insertSmsSubscribers(testApp: TestApp, networkId: string, count: number): Promise<void> {
  const { crypto, database } = testApp.context;
  const now = Date.now();
  for (let index = 0; index < count; index += 1) {
    const id = newId();
    const phone = `+1773555${String(index).padStart(4, '0')}`;
    await database.db
      .insertInto('subscribers')
      .values({
        id,
        network_id: networkId,
        channel: 'sms',
        contact_enc: crypto.encrypt(phone, subscriberContactContext),
        contact_index: contactIndexOf(crypto, 'sms', phone),
        language: 'en',
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
      })
      .execute();
    await database.db
      .insertInto('subscriber_areas')
      .values({
        ...zipArea(pilsenZip),
        id: newId(),
        subscriber_id: id,
        network_id: networkId,
        created_at: now,
      })
      .execute();
  }
}
