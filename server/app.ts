import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { registerAlertRoutes } from './modules/alerting/alerts/index.ts';
import { registerAuditRoutes } from './modules/identity/audit/index.ts';
import { registerAuthRoutes } from './modules/identity/auth/index.ts';
import { registerDispatchRoutes } from './modules/field/dispatch/index.ts';
import { registerEvidenceRoutes } from './modules/field/evidence/index.ts';
import { registerHealthRoutes } from './modules/system/health/health.routes.ts';
import { registerIncidentRoutes } from './modules/intake/incidents/index.ts';
import { registerMemberRoutes } from './modules/identity/members/index.ts';
import { registerNetworkRoutes } from './modules/identity/networks/index.ts';
import { registerRealtimeRoutes } from './modules/system/realtime/index.ts';
import { registerResponderRoutes } from './modules/field/responders/index.ts';
import { registerRotaRoutes } from './modules/field/rota/index.ts';
import { registerPagingRoutes } from './modules/field/paging/index.ts';
import { registerReportRoutes } from './modules/intake/reports/index.ts';
import { registerFloodModeRoutes } from './modules/intake/flood/index.ts';
import { registerRumorRoutes } from './modules/alerting/rumors/index.ts';
import { registerSetupRoutes } from './modules/identity/setup/index.ts';
import { registerOperatorRoutes } from './modules/identity/operators/index.ts';
import { registerSmsHotlineRoutes } from './modules/channels/sms/index.ts';
import { registerVoiceLineRoutes } from './modules/channels/voice/index.ts';
import { registerSubscriptionRoutes } from './modules/alerting/subscriptions/index.ts';
import { registerTipRoutes } from './modules/intake/tips/index.ts';
import { registerWebAppRoutes } from './modules/system/webapp/index.ts';
import { registerPlaceRoutes } from './modules/intake/places/index.ts';
import { registerWatchRoutes } from './modules/watch/index.ts';
import type { PlatformContext } from './platform/context.ts';
import { newId } from './platform/ids/ids.ts';
import { fastifyTimeoutOptions, installConnectionLimits } from './platform/http/connection-limits.ts';
import { createBoundedFormParser } from './platform/http/form-parser.ts';
import { installErrorHandling, respondToFrameworkError } from './platform/http/error-handler.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { registerPublicAssetRoutes } from './platform/web/index.ts';
import { fastifyTrustProxy } from './platform/http/trust-proxy.ts';

/** Builds the HTTP application: platform hooks first, then every module's routes. */
export async function buildApp(context: PlatformContext): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: context.config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(context.config.trustProxy),
    genReqId: () => newId(),
    // Refuse prototype-polluting JSON outright rather than silently stripping it.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Idle keep-alive sockets close at shutdown; in-flight requests are allowed to finish.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: respondToFrameworkError,
    ...fastifyTimeoutOptions(context.config.http),
  });
  installConnectionLimits(app.server, context.config.http);
  installErrorHandling(app);
  installSecurityHeaders(app, { imageOrigin: context.config.map.imageOrigin });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, {
    bodyLimit: context.config.bodyLimitBytes,
    parser: createBoundedFormParser(context.config.http.formMaxParameters),
  });

  registerHealthRoutes(app, context);
  registerPublicAssetRoutes(app);
  registerAuditRoutes(app, context);
  registerAuthRoutes(app, context);
  registerMemberRoutes(app, context);
  registerRealtimeRoutes(app, context);
  registerSetupRoutes(app, context);
  registerReportRoutes(app, context);
  registerIncidentRoutes(app, context);
  registerResponderRoutes(app, context);
  registerRotaRoutes(app, context);
  registerPagingRoutes(app, context);
  registerDispatchRoutes(app, context);
  registerEvidenceRoutes(app, context);
  registerNetworkRoutes(app, context);
  registerSubscriptionRoutes(app, context);
  registerAlertRoutes(app, context);
  registerSmsHotlineRoutes(app, context);
  registerVoiceLineRoutes(app, context);
  registerFloodModeRoutes(app, context);
  registerWatchRoutes(app, context);
  registerTipRoutes(app, context);
  registerRumorRoutes(app, context);
  registerPlaceRoutes(app, context);
  registerWebAppRoutes(app, context);
  registerOperatorRoutes(app, context);
  return app;
}
