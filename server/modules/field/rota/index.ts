import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerRotaApiRoutes } from './rota.routes.ts';

/** The on-duty rota: weekly turns with exceptions and swaps, and "who is on duty now". */
export { findOnDutyMembers, loadRotaSnapshot } from './on-duty.service.ts';
export { onDutyMemberIds } from './on-duty.ts';
export type { AreaScope, RotaSnapshot } from './on-duty.ts';
export { rotaPurgeTasks } from './rota-retention.jobs.ts';
export type { RotaExceptionsTable, RotaShiftsTable } from './rota.tables.ts';

export function registerRotaRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerRotaApiRoutes(app, context);
}
