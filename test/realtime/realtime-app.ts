import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { assemblePlatformContext } from '../../server/context.ts';
import { buildApp } from '../../server/app.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { loadConfig } from '../../server/platform/config/config.ts';
import type { PlatformContext } from '../../server/platform/context.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createEventBus } from '../../server/platform/realtime/event-bus.ts';
import type { RealtimeHubOptions } from '../../server/platform/realtime/realtime-hub.ts';
import { createTestDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';

export interface ListeningApp {
  app: FastifyInstance;
  context: PlatformContext;
  database: TestDatabase;
  url: string;
  close(): Promise<void>;
}

/**
 * An in-process Amparo listening on a real port, with the event bus production picks for the
 * dialect (LISTEN/NOTIFY on PostgreSQL), so streams can be read over HTTP.
 */
export async function startListeningApp(
  dialect: DialectName,
  hubOptions: RealtimeHubOptions = {},
): Promise<ListeningApp> {
  const database = await createTestDatabase(dialect);
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-realtime-'));
  const logger = createLogger('silent');
  const events = await createEventBus(database, logger);
  const config = loadConfig({ AMPARO_LOG_LEVEL: 'silent', AMPARO_DATA_DIR: dataDirectory });
  const clock = createManualClock(Date.now());
  const context = assemblePlatformContext({
    config,
    database,
    logger,
    clock,
    events,
    crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
    realtimeOptions: hubOptions,
  });
  const app = await buildApp(context);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    context,
    database,
    url,
    close: async () => {
      await app.close();
      await events.close();
      await database.destroy();
      fs.rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
