import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { isAppError } from '../../../platform/errors/app-error.ts';
import type { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { t } from '../../../platform/i18n/index.ts';
import { requestLanguage, sendPage } from '../../../platform/web/index.ts';
import type { Network } from '../../identity/index.ts';
import {
  findIntakeNetwork,
  formToPublicBody,
  reportDepsFrom,
  submitPublicReport,
} from './report-channels.service.ts';
import {
  locationScriptPath,
  reportConfirmationPage,
  reportFormPage,
  reportMessagePage,
} from './report-form.pages.ts';
import { reportLocationScript, reportLocationScriptVersion } from './report-location-script.ts';
import { requireSameSiteRequest } from './report-origin.ts';
import { reportStatusPath } from './report-status-link.ts';
import { webSourceOf } from './report.routes.ts';
import { reportFormSchema } from './report.contract.ts';
import { intakeGuardFor, sendRateLimitedPage } from '../flood/index.ts';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

const formFields = [
  'category',
  'locationText',
  'zip',
  'lat',
  'lon',
  'minutesAgo',
  'description',
  'callbackContact',
  'contactConsent',
];

/** The no-JavaScript report form at /r/:slug and its optional location script. */
export function registerReportFormRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = reportDepsFrom(context);
  const guard = intakeGuardFor(context);

  app.get('/r/:slug', async (request: SlugRequest, reply) => {
    if (await isNotInService(request.params.slug)) return sendNotInService(request, reply);
    const network = await findNetworkOrNull(request.params.slug);
    const language = requestLanguage(request, reply, network?.languages);
    if (!network) return sendMessage(reply, language, 404, 'report.errorNetworkNotFound');
    return sendPage(reply, reportFormPage({ language, network, currentUrl: request.url }));
  });

  app.post('/r/:slug', async (request: SlugRequest, reply) => {
    if (await isNotInService(request.params.slug)) return sendNotInService(request, reply);
    const network = await findNetworkOrNull(request.params.slug);
    const values = typedValues(request.body);
    // The form says which language it was shown in; the reporter is answered in that one.
    const formLanguage = values.language;
    const language =
      network && formLanguage && network.languages.includes(formLanguage)
        ? formLanguage
        : requestLanguage(request, reply, network?.languages);
    if (!network) return sendMessage(reply, language, 404, 'report.errorNetworkNotFound', 'report.formTitle');
    try {
      requireSameSiteRequest(request, context.config.publicUrl);
      const form = parseInput(reportFormSchema, request.body ?? {});
      const body = formToPublicBody({ ...form, language }, deps.clock.now());
      await guard.admitWeb({
        networkId: network.id,
        address: request.ip,
        point: body.location,
        zip: body.zip,
      });
      const stored = await submitPublicReport(
        deps,
        { network, source: webSourceOf(request, deps.clock.now()) },
        body,
      );
      const statusUrl = reportStatusPath(deps.crypto, network.slug, stored.reportId);
      return sendPage(reply, reportConfirmationPage({ language, network, statusUrl }), 201);
    } catch (error) {
      if (!isAppError(error)) {
        // Nothing was acknowledged: say so plainly, and log the failure without the report.
        request.log.error({ err: error }, 'report form submission failed');
        return sendMessage(reply, language, 503, 'report.errorSaveFailed', 'report.formTitle', network.name);
      }
      if (error.code === 'RATE_LIMITED')
        return sendRateLimitedPage(reply, error, { language, siteName: network.name });
      if (error.code === 'CROSS_SITE_REQUEST') {
        return sendMessage(reply, language, 403, 'report.errorCrossSite', 'report.formTitle', network.name);
      }
      if (error.code !== 'VALIDATION_FAILED' && error.code !== 'LOCATION_REQUIRED') throw error;
      const errors = translatedErrors(language, error);
      return sendPage(
        reply,
        reportFormPage({ language, network, currentUrl: request.url, values, errors }),
        400,
      );
    }
  });

  app.get(locationScriptPath, async (request: FastifyRequest<{ Querystring: { v?: string } }>, reply) => {
    const isCurrent = request.query.v === reportLocationScriptVersion;
    return reply
      .header('cache-control', isCurrent ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type('text/javascript; charset=utf-8')
      .send(reportLocationScript);
  });

  /** A network its deployment's operator suspended (ADR 0032): the form says so, in a page. */
  async function isNotInService(slug: string): Promise<boolean> {
    try {
      await findNetworkOrNull(slug);
      return false;
    } catch (error) {
      if (isAppError(error) && error.code === 'NETWORK_NOT_IN_SERVICE') return true;
      throw error;
    }
  }

  async function findNetworkOrNull(slug: string): Promise<Network | null> {
    try {
      return await findIntakeNetwork(deps, slug);
    } catch (error) {
      if (isAppError(error) && error.code === 'NETWORK_NOT_FOUND') return null;
      throw error;
    }
  }
}

function sendNotInService(request: SlugRequest, reply: FastifyReply): FastifyReply {
  const language = requestLanguage(request, reply);
  return sendMessage(reply, language, 503, 'errors.NETWORK_NOT_IN_SERVICE');
}

function sendMessage(
  reply: FastifyReply,
  language: string,
  status: number,
  messageKey: string,
  titleKey = 'report.formTitle',
  siteName?: string,
): FastifyReply {
  return sendPage(reply, reportMessagePage({ language, titleKey, messageKey, siteName }), status);
}

/** The posted strings, to show the form again as the reporter left it. */
function typedValues(body: unknown): Record<string, string> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const name of [...formFields, 'language']) {
    const value = record[name];
    if (typeof value === 'string') values[name] = value.slice(0, 2000);
  }
  return values;
}

/** Field errors in the reporter's language (validation messages themselves are for developers). */
function translatedErrors(language: string, error: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    const field = detail.path?.split('.')[0] ?? '';
    if (!field || field in errors) continue;
    errors[field === 'lat' || field === 'lon' ? 'locationText' : field] = t(
      language,
      messageKeyFor(error.code, field),
    );
  }
  if (Object.keys(errors).length === 0) errors.category = t(language, 'report.errorSummary');
  return errors;
}

function messageKeyFor(code: string, field: string): string {
  if (code === 'LOCATION_REQUIRED')
    return field === 'zip' ? 'report.errorZipUnknown' : 'report.errorLocationRequired';
  if (field === 'contactConsent') return 'report.errorConsent';
  return 'report.errorInvalid';
}
