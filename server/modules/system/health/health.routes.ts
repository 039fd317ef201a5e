import type { FastifyInstance } from 'fastify';
import { isDatabaseReachable } from '../../../platform/database/database.ts';
import { pendingMigrations } from '../../../platform/database/migrate.ts';
import type { PlatformContext } from '../../../platform/context.ts';

export function registerHealthRoutes(app: FastifyInstance, context: PlatformContext): void {
  // Process liveness only: no I/O, so a slow database never gets a healthy process restarted.
  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const database = context.database.db;
    if (!(await isDatabaseReachable(database))) {
      return reply.status(503).send({ status: 'unavailable', checks: { database: 'unreachable' } });
    }
    const pending = await pendingMigrations(context.database);
    if (pending.length > 0) {
      return reply
        .status(503)
        .send({ status: 'unavailable', checks: { database: 'ok', migrations: 'pending' } });
    }
    return { status: 'ready', checks: { database: 'ok', migrations: 'ok' } };
  });
}
