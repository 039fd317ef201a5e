import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerPagingApiRoutes } from './paging.routes.ts';

/** Paging dispatchers: a new or unclaimed incident pages whoever is on duty in its area. */
export { createPagingJobs, pagingPurgeTasks } from './paging.jobs.ts';
export { pagingDepsFrom } from './paging.deps.ts';
export type { PagingDeps } from './paging.deps.ts';
export { pageIncident, quietPeriodMs, schedulePagingForIncident } from './paging.service.ts';
export { deliverPage } from './page-delivery.service.ts';
export { handlePageSmsReply } from './sms-acks.ts';
export type { IncidentPagesTable } from './paging.tables.ts';

export function registerPagingRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerPagingApiRoutes(app, context);
}
