import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerOperatorApiRoutes } from './operator.routes.ts';

/** The deployment operator (ADR 0032): no network; creates networks, sees counts, suspends one. */
export { createOperator, operatorFieldContexts } from './operator-account.service.ts';
export type { OperatorSetupLink } from './operator-account.service.ts';
export { isOperatorSessionToken } from './operator-session.service.ts';
export type { NetworkActivity, NetworkActivityReader } from './operator-network.service.ts';
export { createOperatorNetwork } from './operator-network.service.ts';

export function registerOperatorRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerOperatorApiRoutes(app, context);
}
