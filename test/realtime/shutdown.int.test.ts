import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseHandle, DatabaseTarget } from '../../server/platform/database/database.ts';
import { createTarget, describeEachDatabase, dropTarget } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { openStream } from './sse-client.ts';

describeEachDatabase('a real server process with open realtime streams', (dialect) => {
  let server: ServerProcess | undefined;
  let target: DatabaseTarget | undefined;
  let database: DatabaseHandle | undefined;
  afterEach(async () => {
    await server?.kill('SIGKILL');
    await database?.close();
    if (target) await dropTarget(target);
    server = undefined;
    database = undefined;
    target = undefined;
  });

  it('ends the streams on SIGTERM and exits cleanly and promptly', async () => {
    target = await createTarget(dialect);
    const keys = JSON.stringify(generateKeyFile());
    server = await startServerProcess({ target, environment: { AMPARO_ENCRYPTION_KEYS: keys } });
    database = openDatabase(target);
    const context = { database, clock: systemClock, crypto: createFieldCrypto(parseKeyFile(keys)) };
    const network = await buildNetwork(context);
    const member = await buildMember(context, { networkId: network.id });
    const streams = [];
    for (let index = 0; index < 3; index += 1) {
      const stream = await openStream(`${server.url}/api/realtime`, {
        cookie: (await signIn(context, member)).cookie,
      });
      expect(stream.status).toBe(200);
      await stream.waitFor((message) => message.event === 'ready');
      streams.push(stream);
    }
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    await Promise.all(streams.map((stream) => stream.ended));
  });
});
