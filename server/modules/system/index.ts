/** System: health checks, the realtime stream of a signed-in member, and the members' web app. */
export { registerHealthRoutes } from './health/health.routes.ts';
export * from './realtime/index.ts';
export * from './webapp/index.ts';
