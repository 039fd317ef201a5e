import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { lookupZip, zipForPoint, zipRadiusMeters } from '../../../platform/geo/index.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { incidentRoles, networkIncidentSettings } from '../incidents/index.ts';
import { findNetworkById, findNetworkBySlug } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import type { OperatorReportBody, PublicReportBody, ReportFormBody } from './report.contract.ts';
import { submitReport } from './report.service.ts';
import type { ReportDeps, SubmittedReport } from './report.service.ts';
import type { ReportSource } from './report-source.ts';

export function reportDepsFrom(context: PlatformContext): ReportDeps {
  return {
    ...serviceDepsFrom(context),
    lookupZip: {
      centroidOf: (zip) => lookupZip(zip),
      // Within 10 km: a pin far from any ZIP centroid (open water, another country) gets none.
      zipNear: (point) => zipForPoint(point.lat, point.lon, 10_000)?.zip ?? null,
      radiusOf: (zip) => zipRadiusMeters(zip),
    },
    settingsFor: networkIncidentSettings(context.database.db),
    onIncidentOpened: pageOnIncidentOpened(context),
  };
}

/** The port the field module fills (issue 16): page on-duty dispatchers when an incident opens. */
function pageOnIncidentOpened(context: PlatformContext): ReportDeps['onIncidentOpened'] {
  const hook = context.ports.incidentOpened;
  if (!hook) return undefined;
  return (uow, incident) => hook({ clock: context.clock, jobs: context.jobs }, uow, incident);
}

/** The network behind a public intake URL; NETWORK_NOT_FOUND for an unknown slug. */
export async function findIntakeNetwork(deps: Pick<ReportDeps, 'db'>, slug: string): Promise<Network> {
  const network = slug.length <= 100 ? await findNetworkBySlug(deps.db, slug) : null;
  if (!network) throw new AppError('NETWORK_NOT_FOUND', 'There is no network at this address.');
  return network;
}

export interface PublicSubmission {
  network: Network;
  source: ReportSource | null;
}

/**
 * A report from the public web (the JSON API or the no-JavaScript form). A filled honeypot gets an
 * answer that looks like success and stores nothing, so a bot learns nothing from it.
 */
export async function submitPublicReport(
  deps: ReportDeps,
  submission: PublicSubmission,
  body: PublicReportBody,
): Promise<SubmittedReport> {
  const { network } = submission;
  if (body.website) return pretendAccepted(network);
  return submitReport(deps, {
    networkId: network.id,
    networkLanguages: network.languages,
    channel: 'web',
    category: body.category,
    location: body.location,
    locationText: body.locationText,
    zip: body.zip,
    occurredAt: body.occurredAt,
    description: body.description,
    callbackContact: body.callbackContact,
    contactConsent: body.contactConsent,
    language: body.language,
    source: submission.source,
  });
}

/** The no-JavaScript form's fields, mapped onto the public API's. */
export function formToPublicBody(form: ReportFormBody, now: number): PublicReportBody {
  return {
    category: form.category,
    location: form.lat !== undefined && form.lon !== undefined ? { lat: form.lat, lon: form.lon } : undefined,
    locationText: form.locationText,
    zip: form.zip,
    occurredAt: now - form.minutesAgo * 60 * 1000,
    description: form.description,
    callbackContact: form.callbackContact,
    contactConsent: form.contactConsent,
    language: form.language,
    website: form.website,
  };
}

/** A hotline operator's entry of a phone call, in the operator's own network; audited. */
export async function submitOperatorReport(
  deps: ReportDeps,
  principal: Principal,
  body: OperatorReportBody,
): Promise<SubmittedReport> {
  requireRole(principal, incidentRoles);
  const network = await findNetworkById(deps.db, principal.networkId);
  if (!network) throw new AppError('NETWORK_NOT_FOUND', 'Not found.');
  return submitReport(deps, {
    networkId: network.id,
    networkLanguages: network.languages,
    channel: 'operator',
    category: body.category,
    location: body.location,
    locationText: body.locationText,
    zip: body.zip,
    occurredAt: body.occurredAt,
    description: body.description,
    callbackContact: body.callbackContact,
    contactConsent: body.contactConsent,
    language: body.language,
    source: body.callerPhone ? { kind: 'phone', phone: body.callerPhone } : null,
    enteredBy: { memberId: principal.memberId },
  });
}

function pretendAccepted(network: Network): SubmittedReport {
  return {
    reportId: newId(),
    incidentId: newId(),
    incidentPublicId: newSecretToken(12),
    incidentStatus: 'new',
    isNewIncident: true,
    language: network.languages[0] ?? 'en',
  };
}
