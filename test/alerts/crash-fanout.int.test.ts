import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { assemblePlatformContext } from '../../server/context.ts';
import { buildApp } from '../../server/app.ts';
import { subscriberContactContext } from '../../server/modules/alerting/subscriptions/index.ts';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { loadConfig } from '../../server/platform/config/config.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseTarget, DialectName } from '../../server/platform/database/database.ts';
import { migrateToLatest } from '../../server/platform/database/migrate.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createLocalEventBus } from '../../server/platform/realtime/local-event-bus.ts';
import { createTarget, describeEachDatabase, dropTarget } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { buildAlertWorld, buildIncident, smsSubscribe, waitFor } from './support/alert-world.ts';
import { approve, call, uniquePhone } from './support/api.ts';

const recipients = 30;
const publicUrl = 'https://amparo.example.org';

describeEachDatabase('alert fan-out survives kill -9 of its worker', (dialect: DialectName) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('delivers to every subscriber exactly once after the worker is killed mid-send and restarted', async () => {
    const twilio = await startFakeTwilio();
    cleanups.push(() => twilio.close());
    const target: DatabaseTarget = await createTarget(dialect);
    cleanups.push(() => dropTarget(target));
    const keyFile = JSON.stringify(generateKeyFile());
    const environment = {
      AMPARO_ROLE: 'worker',
      AMPARO_ENCRYPTION_KEYS: keyFile,
      AMPARO_PUBLIC_URL: publicUrl,
      AMPARO_WORKER_POLL_MS: '50',
      AMPARO_SMS_RATE_PER_SECOND: '10',
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
    };

    // This process drafts and approves over HTTP (no worker here); a separate process delivers.
    const database = openDatabase(target);
    cleanups.push(() => database.close());
    await migrateToLatest(database);
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-crash-'));
    cleanups.push(() => Promise.resolve(fs.rmSync(dataDirectory, { recursive: true, force: true })));
    const context = assemblePlatformContext({
      config: loadConfig({
        AMPARO_DATA_DIR: dataDirectory,
        AMPARO_LOG_LEVEL: 'silent',
        AMPARO_PUBLIC_URL: publicUrl,
      }),
      database,
      logger: createLogger('silent'),
      clock: systemClock,
      events: createLocalEventBus(),
      crypto: createFieldCrypto(parseKeyFile(keyFile)),
    });
    const app = await buildApp(context);
    cleanups.push(() => app.close());
    const world = await buildAlertWorld({ context }, { settings: { smsPerSecond: 10 } });
    const phones = Array.from({ length: recipients }, () => uniquePhone());
    for (const phone of phones) await smsSubscribe({ context }, world.network.id, phone, 'ALTA 60608');
    const incidentId = await buildIncident(context, world.network.id);
    const draft = await call({ app }, 'POST', '/api/alerts', world.drafter, { incidentId });
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    expect((await approve({ app }, alertId, world.approver)).statusCode).toBe(200);

    const received = () => twilio.messages.filter((message) => phones.includes(message.to));
    const first: ServerProcess = await startServerProcess({ target, environment, timeoutMs: 60_000 });
    cleanups.push(() => first.kill('SIGKILL'));
    await waitFor(
      () => received().length,
      (count) => count >= 8,
      30_000,
    );
    await first.kill('SIGKILL');
    const atKill = received().length;
    expect(atKill).toBeLessThan(recipients);

    const second = await startServerProcess({ target, environment, timeoutMs: 60_000 });
    cleanups.push(() => second.kill('SIGTERM'));
    const terminal = ['sent', 'failed', 'suppressed', 'uncertain'];
    const deliveries = await waitFor(
      () =>
        database.db
          .selectFrom('alert_deliveries')
          .select(['recipient_id', 'status', 'error_code'])
          .where('alert_id', '=', alertId)
          .execute(),
      (rows) => rows.length === recipients && rows.every((row) => terminal.includes(row.status)),
      90_000,
    );
    // Let a straggler (a duplicate, if there were one) arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const perPhone = new Map(
      phones.map((phone) => [phone, received().filter((message) => message.to === phone).length]),
    );
    expect(
      [...perPhone.values()].filter((count) => count > 1),
      'nobody is texted twice',
    ).toEqual([]);
    const subscribers = await database.db
      .selectFrom('subscribers')
      .select(['id', 'contact_enc'])
      .where('network_id', '=', world.network.id)
      .execute();
    const phoneOf = new Map(
      subscribers.map((row) => [row.id, context.crypto.decrypt(row.contact_enc, subscriberContactContext)]),
    );
    const uncertain = deliveries
      .filter((row) => row.status === 'uncertain')
      .map((row) => phoneOf.get(row.recipient_id));
    const missed = phones.filter((phone) => perPhone.get(phone) === 0);
    // A worker killed between handing a text to Twilio and recording it leaves that delivery
    // `uncertain` (reported, never resent); only such a delivery may lack its text.
    expect(
      missed.filter((phone) => !uncertain.includes(phone)),
      'everyone else got exactly one',
    ).toEqual([]);
    expect(deliveries.filter((row) => row.status === 'failed')).toEqual([]);
    expect(uncertain.length).toBeLessThanOrEqual(4);
    console.log(
      `[${dialect}] killed after ${atKill}/${recipients} texts; after restart ${received().length} texts, ${uncertain.length} uncertain, ${missed.length} missed`,
    );
  }, 150_000);
});
