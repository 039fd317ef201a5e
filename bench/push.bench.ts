import https from 'node:https';
import { zipArea } from '../server/modules/alerting/subscriptions/subscription-areas.ts';
import { contactIndexOf, subscriberContactContext } from '../server/modules/alerting/subscriptions/index.ts';
import type { DialectName } from '../server/platform/database/database.ts';
import { newId } from '../server/platform/ids/ids.ts';
import { createWebPushSender, loadVapidKeys } from '../server/platform/push/index.ts';
import type { PushSender } from '../server/platform/push/index.ts';
import {
  buildAlertWorld,
  buildIncident,
  pilsenZip,
  startTestWorker,
  waitFor,
} from '../test/alerts/support/alert-world.ts';
import { approve, call } from '../test/alerts/support/api.ts';
import { createTestApp } from '../test/support/app.ts';
import type { TestApp } from '../test/support/app.ts';
import { startPushEndpoint } from './push-endpoint.ts';
import type { PushEndpoint } from './push-endpoint.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';

/**
 * Web Push deliveries per second through the whole path (approve → planner job → delivery jobs →
 * claim and decrypt the subscription → the platform's web-push sender: VAPID JWT and RFC 8291
 * encryption) to a local push endpoint, against the same number of plain HTTPS POSTs of the same
 * size to the same endpoint over the same agent and with as many in flight as worker slots (the
 * transport ceiling). Also measured: the sender alone (library cost without jobs or database).
 */
export async function benchPushDelivery(
  dialect: DialectName,
  sizes: { recipients: number; concurrency: number },
): Promise<BenchRow[]> {
  const endpoint = await startPushEndpoint({ sampleEvery: Math.max(1, Math.floor(sizes.recipients / 50)) });
  const testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org' });
  const { context } = testApp;
  const sender = createWebPushSender({
    vapidKeys: () => loadVapidKeys({ db: context.database.db, crypto: context.crypto, clock: context.clock }),
    subject: 'https://amparo.example.org',
    agent: endpoint.agent,
    timeoutMs: 10_000,
  });
  const worker = await startTestWorker(testApp, { push: sender }, sizes.concurrency);
  try {
    const world = await buildAlertWorld(testApp);
    await insertPushSubscribers(testApp, world.network.id, endpoint, sizes.recipients);

    // The sender alone, then plain POSTs of the same size: both warm the agent's connections.
    const senderOnly = await inParallel(sizes.recipients, sizes.concurrency, (index) =>
      sendDirect(sender, endpoint, index),
    );
    const bodySize = Math.round(endpoint.bodyBytes / Math.max(1, endpoint.arrivals.length));
    endpoint.reset();
    const plain = await inParallel(sizes.recipients, sizes.concurrency, (index) =>
      plainPost(endpoint, index, bodySize),
    );
    endpoint.reset();

    const incidentId = await buildIncident(context, world.network.id);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    const approvedAt = performance.now();
    const approval = await approve(testApp, alertId, world.approver);
    if (approval.statusCode !== 200) throw new Error(`approval failed: ${approval.statusCode}`);
    await waitFor(
      () => endpoint.arrivals.length,
      (count) => count >= sizes.recipients,
      sizes.recipients * 100 + 30_000,
    );
    const arrivals = endpoint.arrivals;
    const spanSeconds = (arrivals.at(-1)! - arrivals[0]!) / 1000;
    const perSecond = (arrivals.length - 1) / spanSeconds;
    const plainPerSecond = (sizes.recipients - 1) / (plain.seconds || Number.NaN);
    // The last outcomes are recorded just after their pushes arrive.
    const sent = await waitFor(
      () => countSent(testApp, alertId),
      (count) => count >= sizes.recipients,
      30_000,
    ).catch(() => countSent(testApp, alertId));
    const sample = endpoint.sample;
    return [
      {
        section: 'delivery (Web Push)',
        database: dialect,
        figure: 'Web Push deliveries/s',
        value: formatNumber(perSecond, 1),
        baseline: `${formatNumber(plainPerSecond, 0)} plain HTTPS POSTs/s`,
        ratio: ratioOf(perSecond, plainPerSecond),
        note:
          `${arrivals.length} pushes to ${endpoint.distinctPaths} endpoints, ${sent} marked sent, ` +
          `${sizes.concurrency} worker slots, ${bodySize}-byte bodies; approve → last push ` +
          `${formatNumber((arrivals.at(-1)! - approvedAt) / 1000, 1)} s; web-push sender alone ` +
          `${formatNumber((sizes.recipients - 1) / senderOnly.seconds, 0)}/s; sample ${sample.valid}/${sample.checked} ` +
          `VAPID-verified and decrypted`,
      },
    ];
  } finally {
    await worker.stop();
    await testApp.close();
    await endpoint.close();
  }
}

async function countSent(testApp: TestApp, alertId: string): Promise<number> {
  const row = await testApp.context.database.db
    .selectFrom('alert_deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('alert_id', '=', alertId)
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Runs `count` tasks with at most `concurrency` in flight; the seconds from first start to last end. */
async function inParallel(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<{ seconds: number }> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { seconds: (performance.now() - started) / 1000 };
}

async function sendDirect(sender: PushSender, endpoint: PushEndpoint, index: number): Promise<void> {
  await sender.send({
    subscription: subscriptionOf(endpoint, `/direct/${index}`),
    payload: JSON.stringify({ id: newId().slice(0, 22) }),
    ttlSeconds: 43_200,
    urgency: 'high',
    topic: 'bench-direct',
  });
}

function plainPost(endpoint: PushEndpoint, index: number, bodySize: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${endpoint.origin}/plain/${index}`,
      {
        method: 'POST',
        agent: endpoint.agent,
        headers: { 'content-type': 'application/octet-stream', ttl: '43200', 'content-length': bodySize },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 201 ? resolve() : reject(new Error(`plain POST ${response.statusCode}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(Buffer.alloc(bodySize, 7));
  });
}

function subscriptionOf(endpoint: PushEndpoint, pathName: string) {
  return {
    endpoint: `${endpoint.origin}${pathName}`,
    keys: { p256dh: endpoint.browser.p256dh, auth: endpoint.browser.auth },
  };
}

/** Active push subscribers in the alert's ZIP, stored as the subscription service stores them. */
async function insertPushSubscribers(
  testApp: TestApp,
  networkId: string,
  endpoint: PushEndpoint,
  count: number,
): Promise<void> {
  const { crypto, database } = testApp.context;
  const now = Date.now();
  for (let start = 0; start < count; start += 500) {
    const ids = Array.from({ length: Math.min(500, count - start) }, () => newId());
    const subscribers = ids.map((id, offset) => {
      const subscription = subscriptionOf(endpoint, `/push/${start + offset}`);
      return {
        id,
        network_id: networkId,
        channel: 'push' as const,
        contact_enc: crypto.encrypt(JSON.stringify(subscription), subscriberContactContext),
        contact_index: contactIndexOf(crypto, 'push', subscription.endpoint),
        language: (['en', 'es', 'ar'] as const)[(start + offset) % 3]!,
        preference: 'urgent' as const,
        status: 'active' as const,
        is_exercise_recipient: 0,
        pending_settings: null,
        confirmation_hash: null,
        confirmation_expires_at: null,
        created_at: now,
        updated_at: now,
        confirmed_at: now,
        unsubscribed_at: null,
        bounce_count: 0,
      };
    });
    const areas = ids.map((id) => ({
      ...zipArea(pilsenZip),
      id: newId(),
      subscriber_id: id,
      network_id: networkId,
      created_at: now,
    }));
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('subscribers').values(subscribers).execute();
      await trx.insertInto('subscriber_areas').values(areas).execute();
    });
  }
}
