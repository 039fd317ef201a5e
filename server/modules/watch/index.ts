import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../platform/context.ts';
import { registerWatchCalendarRoutes } from './calendar/calendar.routes.ts';
import { registerWatchShiftRoutes } from './shifts/shift.routes.ts';
import { registerWatchSiteRoutes } from './sites/site.routes.ts';

/**
 * Court and check-in watch (issue 19): sites where people are taken, recurring watch shifts with
 * sign-ups and waitlists, and the coordinators' coverage view. Depends on identity only.
 */
export { watchPurgeTasks } from './shifts/watch-retention.jobs.ts';
export { buildCoverage } from './shifts/coverage.ts';
export type { CoverageShift, CoverageSignup } from './shifts/coverage.ts';
export type { WatchShiftsTable, WatchSignupsTable } from './shifts/shift.tables.ts';
export type { WatchSitesTable } from './sites/site.tables.ts';
export type { WatchCalendarFeedsTable } from './calendar/calendar.tables.ts';

export function registerWatchRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerWatchSiteRoutes(app, context);
  registerWatchShiftRoutes(app, context);
  registerWatchCalendarRoutes(app, context);
}
