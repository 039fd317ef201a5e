import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { assemblePlatformContext } from '../../server/context.ts';
import { buildApp } from '../../server/app.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import type { Clock } from '../../server/platform/clock/clock.ts';
import { loadConfig } from '../../server/platform/config/config.ts';
import type { AppConfig } from '../../server/platform/config/config.ts';
import type { PlatformContext } from '../../server/platform/context.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import type { DatabaseHandle, DialectName } from '../../server/platform/database/database.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import type { Logger } from '../../server/platform/log/logger.ts';
import { createLocalEventBus } from '../../server/platform/realtime/local-event-bus.ts';
import { createTestDatabase } from './databases.ts';
import type { TestDatabase } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  context: PlatformContext;
  clock: ReturnType<typeof createManualClock>;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * A platform context on a test database, built like server/context.ts builds one: fresh keys, a
 * silent log, events in this process, and the senders the config asks for (TWILIO_API_BASE
 * pointing at a fake Twilio, for example).
 */
export function createTestContext(
  database: DatabaseHandle,
  clock: Clock,
  config: AppConfig = loadConfig({ AMPARO_DATA_DIR: os.tmpdir(), AMPARO_LOG_LEVEL: 'silent' }),
  logger: Logger = createLogger('silent'),
): PlatformContext {
  return assemblePlatformContext({
    config,
    database,
    logger,
    clock,
    events: createLocalEventBus(),
    crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
  });
}

/**
 * An in-process Amparo on a fresh test database, for `app.inject` tests. The clock is manual
 * (starts at the real time) so tests can move time; keys are fresh per app. Silent, unless a test
 * hands in a logger to read what the app logs.
 */
export async function createTestApp(
  dialect: DialectName,
  overrides: Record<string, string> = {},
  logger: Logger = createLogger('silent'),
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-app-'));
  const config = loadConfig({ AMPARO_DATA_DIR: dataDirectory, AMPARO_LOG_LEVEL: 'silent', ...overrides });
  const clock = createManualClock(Date.now());
  const context = createTestContext(database, clock, config, logger);
  const app = await buildApp(context);
  await app.ready();
  return {
    app,
    context,
    clock,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
      fs.rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
