import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { webhookParams } from '../../../platform/http/form-parser.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { isValidTwilioSignature } from '../../../platform/sms/twilio-webhook.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { registerAlertTemplateRoutes } from './alert-template.routes.ts';
import { approveAlert } from './alert-approval.service.ts';
import { rerenderAlert } from './alert-content.service.ts';
import { alertDepsFrom } from './alert.deps.ts';
import { confirmOverride, draftAlert } from './alert-drafting.service.ts';
import { draftCancellation, draftCorrection } from './alert-follow-up.service.ts';
import { retractAlert, reviewRetraction } from './alert-retraction.service.ts';
import { previewAlert } from './alert-preview.service.ts';
import { getAlert, getAlertThread, listAlerts } from './alert-reads.service.ts';
import { exportDeliveryReport, getDeliveryStatus } from './delivery-status.service.ts';
import {
  alertParamsSchema,
  approveAlertSchema,
  areaSwitchSchema,
  cancellationSchema,
  correctionSchema,
  draftAlertSchema,
  listAlertsQuerySchema,
  noWordsSchema,
  stopSwitchSchema,
} from './alert.contract.ts';
import type {
  AlertAnswer,
  AlertDeliveryStatus,
  AreaSwitchAnswer,
  RetractionAnswer,
  RetractionReviewAnswer,
  StopSwitchAnswer,
} from './alert.contract.ts';
import { recordSmsStatus } from './status-callback.service.ts';
import { setStopSwitch } from './stop-switch.service.ts';
import { setAreaSwitch } from './area-switch.service.ts';

/** The coordinators' and dispatchers' alert API, and Twilio's delivery status callback. */
export function registerAlertApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = alertDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.post('/api/alerts', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(draftAlertSchema, request.body);
    return reply.status(201).send({ alert: await draftAlert(deps, principal, input) } satisfies AlertAnswer);
  });

  app.get('/api/alerts', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listAlerts(deps, principal, parseInput(listAlertsQuerySchema, request.query));
  });

  app.post('/api/alerts/stop-switch', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(stopSwitchSchema, request.body);
    return { stopSwitch: await setStopSwitch(deps, principal, input) } satisfies StopSwitchAnswer;
  });

  app.post('/api/alerts/area-switches', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(areaSwitchSchema, request.body);
    return { areaSwitch: await setAreaSwitch(deps, principal, input) } satisfies AreaSwitchAnswer;
  });

  app.get('/api/alerts/:alertId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    return getAlert(deps, principal, alertId);
  });

  app.get('/api/alerts/:alertId/delivery-status', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    const status: AlertDeliveryStatus = await getDeliveryStatus(deps, principal, alertId);
    return status;
  });

  app.get('/api/alerts/:alertId/deliveries.csv', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    const csv = await exportDeliveryReport(deps, principal, alertId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="alert-${alertId}-deliveries.csv"`)
      .send(csv);
  });

  app.get('/api/alerts/:alertId/thread', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    return getAlertThread(deps, principal, alertId);
  });

  app.get('/api/alerts/:alertId/preview', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    return previewAlert(deps, principal, alertId);
  });

  app.post('/api/alerts/:alertId/confirm-override', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    return { alert: await confirmOverride(deps, principal, alertId) } satisfies AlertAnswer;
  });

  app.post('/api/alerts/:alertId/render', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    parseInput(noWordsSchema, request.body ?? {});
    return { alert: await rerenderAlert(deps, principal, alertId) } satisfies AlertAnswer;
  });

  app.post('/api/alerts/:alertId/approve', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    const input = parseInput(approveAlertSchema, request.body ?? {});
    return { alert: await approveAlert(deps, principal, alertId, input) } satisfies AlertAnswer;
  });

  app.post('/api/alerts/:alertId/correct', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    const input = parseInput(correctionSchema, request.body ?? {});
    return reply
      .status(201)
      .send({ alert: await draftCorrection(deps, principal, alertId, input) } satisfies AlertAnswer);
  });

  app.post('/api/alerts/:alertId/cancel', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    const input = parseInput(cancellationSchema, request.body ?? {});
    return reply
      .status(201)
      .send({ alert: await draftCancellation(deps, principal, alertId, input) } satisfies AlertAnswer);
  });

  app.post('/api/alerts/:alertId/retract', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    parseInput(noWordsSchema, request.body ?? {});
    return reply.status(201).send((await retractAlert(deps, principal, alertId)) satisfies RetractionAnswer);
  });

  app.post('/api/alerts/:alertId/review-retraction', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { alertId } = parseInput(alertParamsSchema, request.params);
    parseInput(noWordsSchema, request.body ?? {});
    return (await reviewRetraction(deps, principal, alertId)) satisfies RetractionReviewAnswer;
  });

  registerAlertTemplateRoutes(app, deps, authenticator);

  // Twilio reports each message's progress here (the StatusCallback the SMS adapter sets).
  app.post('/webhooks/twilio/status', async (request, reply) => {
    const params = webhookParams(request.body);
    const authToken = context.config.twilio?.authToken;
    const signature = request.headers['x-twilio-signature'];
    const url = `${context.config.publicUrl}/webhooks/twilio/status`;
    if (
      !authToken ||
      !isValidTwilioSignature({
        authToken,
        signature: typeof signature === 'string' ? signature : undefined,
        url,
        params,
      })
    ) {
      throw new AppError('TWILIO_SIGNATURE_INVALID', 'Invalid signature.');
    }
    const messageSid = params.MessageSid ?? params.SmsSid;
    const status = params.MessageStatus ?? params.SmsStatus;
    if (messageSid && status) {
      await recordSmsStatus(deps, { messageSid, status, errorCode: params.ErrorCode ?? null });
    }
    return reply.status(204).send();
  });
}
