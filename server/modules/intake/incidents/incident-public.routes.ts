import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { t } from '../../../platform/i18n/index.ts';
import { html, renderPage, requestLanguage, sendPage } from '../../../platform/web/index.ts';
import { findNetworkBySlug } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { findReportForStatus } from '../reports/report.repository.ts';
import { reportIdFromStatusToken, tipStatusDecoyKey } from '../reports/report-status-link.ts';
import { categoryMessageKeys } from './incident-messages.ts';
import { findIncidentByPublicId, findIncidentById } from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';
import { findTipStatusDecoy } from '../tips/index.ts';
import { isShownInPublic, publicPlaceOf, publicTimeOf } from './incident-public-view.ts';
import type { PublicPlace } from './incident-public-view.ts';
import type { TipStatusDecoysTable } from '../tips/index.ts';

type StatusRequest = FastifyRequest<{ Params: { slug: string; publicId: string } }>;
type ReportStatusRequest = FastifyRequest<{ Params: { slug: string; token: string } }>;

/**
 * The public status of one incident, linked from a reporter's confirmation: its status in plain
 * language, its category, a coarse area (a ZIP code) and two times. Never people, never report text.
 */
export function registerIncidentPublicRoutes(app: FastifyInstance, context: PlatformContext): void {
  const db = context.database.db;

  app.get('/s/:slug/:publicId', async (request: StatusRequest, reply) => {
    const { slug, publicId } = request.params;
    const network = slug.length <= 100 ? await findNetworkBySlug(db, slug) : null;
    const language = requestLanguage(request, reply, network?.languages);
    const incident =
      network && /^[A-Za-z0-9_-]{10,40}$/.test(publicId) ? await findPublicStatus(network, publicId) : null;
    if (!network || !incident) {
      const body = html`<h1>${t(language, 'report.statusTitle')}</h1>
        <p>${t(language, 'report.statusNotFound')}</p>`;
      return sendPage(reply, renderPage({ language, title: t(language, 'report.statusTitle'), body }), 404);
    }
    // A `home` incident: its area's name and the hour, never its ZIP and exact time (issue 15 §5).
    const place = await publicPlaceOf(db, network.id, incident);
    const time = (at: number) =>
      new Intl.DateTimeFormat(language, {
        timeZone: network.timezone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(publicTimeOf(incident, at, 60 * 1000));
    const body = html`<h1>${t(language, 'report.statusTitle')}</h1>
      <p class="notice"><strong>${t(language, statusKey(incident))}</strong></p>
      <ul>
        <li>${t(language, categoryMessageKeys[incident.category])}</li>
        <li>${placeText(language, place)}</li>
        <li>${t(language, 'report.statusFirstReported', { time: time(incident.first_report_at) })}</li>
        ${
          isOpen(incident)
            ? ''
            : html`<li>
                ${t(language, 'report.statusUpdated', { time: time(incident.status_changed_at) })}
              </li>`
        }
      </ul>
      <p>${t(language, 'report.statusAdvice')}</p>`;
    return sendPage(
      reply,
      renderPage({
        language,
        title: t(language, 'report.statusTitle'),
        body,
        siteName: network.name,
        languages: network.languages,
        currentUrl: request.url,
      }),
    );
  });

  /**
   * A reporter's own status link (issue 27: no oracles). It says only where their report stands,
   * in broad steps: received (open, whether or not anyone is checking or others reported the
   * same), then the outcome. A report diverted as a weaponized tip reads as an unattended report
   * would at this moment (received, then expired; issue 14 §8): the page never tells one from
   * another.
   */
  app.get('/s/:slug/r/:token', async (request: ReportStatusRequest, reply) => {
    const { slug, token } = request.params;
    const network = slug.length <= 100 ? await findNetworkBySlug(db, slug) : null;
    const language = requestLanguage(request, reply, network?.languages);
    const reportId = network ? reportIdFromStatusToken(context.crypto, token) : null;
    if (!network || !reportId) {
      const body = html`<h1>${t(language, 'report.statusTitle')}</h1>
        <p>${t(language, 'report.statusNotFound')}</p>`;
      return sendPage(reply, renderPage({ language, title: t(language, 'report.statusTitle'), body }), 404);
    }
    const report = await findReportForStatus(db, network.id, reportId);
    const status = report?.incident_id
      ? await findPublicIncident(network, report.incident_id, 'id')
      : await findDecoyStatus(network, tipStatusDecoyKey(context.crypto, reportId));
    const step = status ? reportStepKey(status) : 'report.stepReceived';
    const body = html`<h1>${t(language, 'report.statusTitle')}</h1>
      <p class="notice"><strong>${t(language, step)}</strong></p>
      <p>${t(language, 'report.statusAdvice')}</p>`;
    return sendPage(
      reply,
      renderPage({
        language,
        title: t(language, 'report.statusTitle'),
        body,
        siteName: network.name,
        languages: network.languages,
        currentUrl: request.url,
      }),
    );
  });

  /**
   * An incident's public status, or what a weaponized tip's link answers in its place. An incident
   * withheld by a coordinator, or confirmed within the network's publication delay, is not found.
   */
  async function findPublicStatus(network: Network, publicId: string): Promise<PublicStatus | null> {
    const incident = await findPublicIncident(network, publicId);
    if (incident) {
      const delay = network.settings.publicationDelayMinutes;
      return isShownInPublic(incident, context.clock.now(), delay) ? incident : null;
    }
    return findDecoyStatus(network, publicId);
  }

  async function findDecoyStatus(network: Network, key: string): Promise<PublicStatus | null> {
    const decoy = await findTipStatusDecoy(db, network.id, key);
    return decoy ? unattendedStatusOf(decoy, context.clock.now()) : null;
  }

  /** A merged incident's link shows the incident its reports went into. */
  async function findPublicIncident(
    network: Network,
    key: string,
    by: 'publicId' | 'id' = 'publicId',
  ): Promise<IncidentRow | null> {
    let incident =
      (by === 'publicId'
        ? await findIncidentByPublicId(db, network.id, key)
        : await findIncidentById(db, key)) ?? null;
    for (let hops = 0; incident?.merged_into_id && hops < 5; hops += 1) {
      incident = (await findIncidentById(db, incident.merged_into_id)) ?? incident;
    }
    return incident && incident.network_id === network.id ? incident : null;
  }
}

/** What the public status pages read of an incident. */
type PublicStatus = Pick<
  IncidentRow,
  'status' | 'closed_reason' | 'outcome' | 'category' | 'zip' | 'first_report_at' | 'status_changed_at'
> &
  Partial<Pick<IncidentRow, 'lat' | 'lon'>>;

function placeText(language: string, place: PublicPlace): string {
  if (place.kind === 'zip') return t(language, 'report.statusArea', { zip: place.zip });
  if (place.kind === 'areas') return t(language, 'report.statusAreaNamed', { area: place.names.join(', ') });
  return t(language, 'report.statusAreaUnknown');
}

/** A report nobody verified: new, then closed as expired at its expiry time (incident-expiry.jobs.ts). */
function unattendedStatusOf(decoy: TipStatusDecoysTable, now: number): PublicStatus {
  const isExpired = now >= decoy.expires_at;
  return {
    status: isExpired ? 'closed' : 'new',
    closed_reason: isExpired ? 'expired' : null,
    outcome: isExpired ? 'unconfirmed' : null,
    category: decoy.category as IncidentRow['category'],
    zip: decoy.zip,
    first_report_at: decoy.first_report_at,
    status_changed_at: isExpired ? decoy.expires_at : decoy.created_at,
  };
}

/** Open incidents read the same whether or not anyone is checking them (no oracle of responders). */
function isOpen(incident: PublicStatus): boolean {
  return incident.status === 'new' || incident.status === 'verifying';
}

/** A reporter's step: received while open, then the outcome. */
function reportStepKey(incident: PublicStatus): string {
  return isOpen(incident) ? 'report.stepReceived' : statusKey(incident);
}

function statusKey(incident: PublicStatus): string {
  switch (incident.status) {
    case 'new':
    case 'verifying':
      return 'report.statusOpen';
    case 'confirmed':
      return 'report.statusConfirmed';
    case 'unconfirmed':
      return 'report.statusUnconfirmed';
    case 'false_alarm':
      return 'report.statusFalseAlarm';
    case 'closed':
      if (incident.closed_reason === 'expired') return 'report.statusExpired';
      if (incident.outcome === 'false_alarm') return 'report.statusFalseAlarm';
      if (incident.outcome === 'confirmed') return 'report.statusConfirmed';
      if (incident.outcome === 'unconfirmed') return 'report.statusUnconfirmed';
      return 'report.statusClosed';
  }
}
