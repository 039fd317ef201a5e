import os from 'node:os';
import { createAlertJobs } from '../../../server/modules/alerting/alerts/index.ts';
import { isQuietTime } from '../../../server/modules/alerting/alerts/index.ts';
import {
  createSubscriptionJobs,
  handleSubscriptionSms,
  subscriptionDepsFrom,
} from '../../../server/modules/alerting/subscriptions/index.ts';
import { systemClock } from '../../../server/platform/clock/clock.ts';
import { createLogger } from '../../../server/platform/log/logger.ts';
import { newId, newSecretToken } from '../../../server/platform/ids/ids.ts';
import { createJobRegistry, createJobWorker } from '../../../server/platform/jobs/index.ts';
import type { JobWorker } from '../../../server/platform/jobs/index.ts';
import { createWebPushSender, loadVapidKeys } from '../../../server/platform/push/index.ts';
import type { Senders } from '../../../server/platform/senders.ts';
import type { TestApp } from '../../support/app.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../../support/factories.ts';
import type { BuiltMember, FactoryContext, MemberOptions, SignedIn } from '../../support/factories.ts';
import type { FakePushService } from './fake-push.ts';

/** The centroid of ZIP 60608 (Pilsen, Chicago): its nearest ZIP is 60608 itself. */
export const pilsen = { lat: 41.8515, lon: -87.6694 };
export const pilsenZip = '60608';

export type SignedInMember = BuiltMember & { session: SignedIn };

export async function member(
  context: FactoryContext,
  networkId: string,
  options: Omit<MemberOptions, 'networkId'>,
  isSteppedUp = true,
): Promise<SignedInMember> {
  const built = await buildMember(context, { withTotp: true, ...options, networkId });
  return { ...built, session: await signIn(context, built, { secondFactorProved: isSteppedUp }) };
}

/** An incident row as the intake module writes it (confirmed at the ZIP 60608 centroid by default). */
export async function buildIncident(
  context: FactoryContext,
  networkId: string,
  overrides: { status?: string; lat?: number | null; lon?: number | null; category?: string } = {},
): Promise<string> {
  const id = newId();
  const now = context.clock.now();
  const lat = overrides.lat === undefined ? pilsen.lat : overrides.lat;
  const lon = overrides.lon === undefined ? pilsen.lon : overrides.lon;
  await context.database.db
    .insertInto('incidents')
    .values({
      id,
      network_id: networkId,
      public_id: newSecretToken(12),
      status: (overrides.status ?? 'confirmed') as 'confirmed',
      outcome: null,
      closed_reason: null,
      merged_into_id: null,
      category: (overrides.category ?? 'workplace') as 'workplace',
      lat,
      lon,
      location_precision: lat === null ? 'none' : 'pin',
      located_report_count: lat === null ? 0 : 1,
      zip: null,
      report_count: 1,
      source_count: 1,
      first_report_at: now - 10 * 60 * 1000,
      latest_report_at: now,
      last_received_at: now,
      priority: 0,
      claimed_by: null,
      claimed_at: null,
      expires_at: null,
      status_changed_at: now,
      closed_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A zone where it is daytime now, so updates are not held for quiet hours during a test. */
export function daytimeZone(): string {
  const zones = [
    'America/Chicago',
    'Europe/Berlin',
    'Asia/Tokyo',
    'America/Los_Angeles',
    'Asia/Kolkata',
    'Pacific/Auckland',
  ];
  return zones.find((zone) => !isQuietTime(Date.now(), zone)) ?? 'UTC';
}

export interface AlertWorld {
  network: Awaited<ReturnType<typeof buildNetwork>>;
  areaId: string;
  drafter: SignedInMember;
  approver: SignedInMember;
  dispatcher: SignedInMember;
  admin: SignedInMember;
}

/** A network with an area around Pilsen, two coordinators (drafter and approver), a dispatcher and an admin. */
export async function buildAlertWorld(
  testApp: Pick<TestApp, 'context'>,
  options: { languages?: string[]; settings?: Record<string, unknown>; timezone?: string } = {},
): Promise<AlertWorld> {
  const context = testApp.context;
  const network = await buildNetwork(context, {
    languages: options.languages ?? ['en', 'es', 'ar'],
    timezone: options.timezone ?? daytimeZone(),
    settings: { smsPerSecond: 100, ...options.settings },
  });
  const area = await buildArea(context, network.id, { center: pilsen, radiusMeters: 3000 });
  return {
    network,
    areaId: area.id,
    drafter: await member(context, network.id, { roles: [{ role: 'coordinator' }] }),
    approver: await member(context, network.id, { roles: [{ role: 'coordinator', areaId: area.id }] }),
    dispatcher: await member(context, network.id, { roles: [{ role: 'dispatcher' }] }),
    admin: await member(context, network.id, { roles: [{ role: 'admin' }] }),
  };
}

export function smsSubscribe(
  testApp: Pick<TestApp, 'context'>,
  networkId: string,
  phone: string,
  text: string,
  language = 'en',
) {
  return handleSubscriptionSms(subscriptionDepsFrom(testApp.context), {
    networkId,
    phoneE164: phone,
    text,
    language,
  });
}

/** The app's senders (Twilio and SMTP stand-ins from its config), push through the fake service. */
export function testAdapters(testApp: TestApp, push: FakePushService | null): Partial<Senders> {
  const context = testApp.context;
  return {
    ...context.senders,
    push: push
      ? createWebPushSender({
          vapidKeys: () =>
            loadVapidKeys({ db: context.database.db, crypto: context.crypto, clock: context.clock }),
          subject: 'mailto:alerts@example.test',
          agent: push.agent,
          timeoutMs: 5_000,
        })
      : context.senders.push,
  };
}

/**
 * An in-process job worker with the alert and subscription jobs, on the real clock (SMS slots
 * are real time), sharing the test app's database.
 */
export async function startTestWorker(
  testApp: TestApp,
  senders: Partial<Senders>,
  concurrency = 4,
): Promise<JobWorker> {
  const context = { ...testApp.context, senders: { ...testApp.context.senders, ...senders } };
  const worker = createJobWorker({
    db: context.database.db,
    dialect: context.database.dialect,
    postgresUrl: context.database.postgres?.url,
    registry: createJobRegistry({
      jobs: [...createAlertJobs(context), ...createSubscriptionJobs(context)],
    }),
    clock: systemClock,
    logger: createLogger('silent'),
    concurrency,
    pollMs: 50,
    workerId: `test:${os.hostname()}:${newSecretToken(4)}`,
  });
  await worker.start();
  return worker;
}

export async function waitFor<T>(
  read: () => Promise<T> | T,
  isDone: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
