import { createManualClock } from '../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../server/platform/crypto/keyring.ts';
import { openDatabase } from '../server/platform/database/database.ts';
import type { DatabaseTarget, DialectName } from '../server/platform/database/database.ts';
import { migrateToLatest } from '../server/platform/database/migrate.ts';
import { createTarget, dropTarget, postgresTestUrl } from '../test/support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../test/support/factories.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import type { ServerProcess } from '../test/support/server-process.ts';

/** The databases this run measures: SQLite always, PostgreSQL when a test URL is set. */
export function benchDialects(): DialectName[] {
  return postgresTestUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Servers still running: a section cut off by its deadline must not leave its process behind. */
const runningServers = new Set<ServerProcess>();

export function killRunningServers(): void {
  for (const server of runningServers) server.child.kill('SIGKILL');
}

export interface SeededServer {
  server: ServerProcess;
  slug: string;
  /** Session cookies of dispatchers (for realtime streams). */
  cookies: string[];
  stop(): Promise<void>;
}

/**
 * A real server process on a fresh database (temp SQLite file or throwaway PostgreSQL schema) with
 * one network and, optionally, signed-in dispatchers. Intake rate limits are scaled out of the way:
 * the bench sends from one address.
 */
export async function startSeededServer(
  dialect: DialectName,
  options: { dispatchers?: number } = {},
): Promise<SeededServer> {
  const target = await createTarget(dialect);
  try {
    const seeded = await seed(target, options.dispatchers ?? 0);
    const server = await startServerProcess({
      target,
      environment: { AMPARO_INTAKE_LIMIT_SCALE: '10000' },
      timeoutMs: 60_000,
    });
    runningServers.add(server);
    return {
      server,
      ...seeded,
      stop: async () => {
        await server.kill('SIGTERM');
        runningServers.delete(server);
        await dropTarget(target);
      },
    };
  } catch (error) {
    await dropTarget(target);
    throw error;
  }
}

async function seed(
  target: DatabaseTarget,
  dispatchers: number,
): Promise<{ slug: string; cookies: string[] }> {
  const database = openDatabase(target);
  try {
    await migrateToLatest(database);
    const context = {
      database,
      clock: createManualClock(Date.now()),
      crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
    };
    const network = await buildNetwork(context, { languages: ['en', 'es'] });
    const cookies: string[] = [];
    for (let index = 0; index < dispatchers; index += 1) {
      const member = await buildMember(context, {
        networkId: network.id,
        roles: [{ role: 'dispatcher' }],
        password: null,
      });
      cookies.push((await signIn(context, member)).cookie);
    }
    return { slug: network.slug, cookies };
  } finally {
    await database.close();
  }
}
