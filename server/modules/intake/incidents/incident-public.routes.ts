import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { t } from '../../../platform/i18n/index.ts';
import { html, renderPage, requestLanguage, sendPage } from '../../../platform/web/index.ts';
import { findNetworkBySlug } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { categoryMessageKeys } from './incident-messages.ts';
import { findIncidentByPublicId, findIncidentById } from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';
import { findTipStatusDecoy } from '../tips/index.ts';
import type { TipStatusDecoysTable } from '../tips/index.ts';

type StatusRequest = FastifyRequest<{ Params: { slug: string; publicId: string } }>;

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
    const time = (at: number) =>
      new Intl.DateTimeFormat(language, {
        timeZone: network.timezone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(at);
    const body = html`<h1>${t(language, 'report.statusTitle')}</h1>
      <p class="notice"><strong>${t(language, statusKey(incident))}</strong></p>
      <ul>
        <li>${t(language, categoryMessageKeys[incident.category])}</li>
        <li>
          ${incident.zip ? t(language, 'report.statusArea', { zip: incident.zip }) : t(language, 'report.statusAreaUnknown')}
        </li>
        <li>${t(language, 'report.statusFirstReported', { time: time(incident.first_report_at) })}</li>
        <li>${t(language, 'report.statusUpdated', { time: time(incident.status_changed_at) })}</li>
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
   * A merged incident's link shows the incident its reports went into. A weaponized tip's link
   * (no incident) shows what an unattended report's would at this moment, so its sender cannot
   * tell it was caught (issue 14 §8).
   */
  async function findPublicStatus(network: Network, publicId: string): Promise<PublicStatus | null> {
    let incident = (await findIncidentByPublicId(db, network.id, publicId)) ?? null;
    for (let hops = 0; incident?.merged_into_id && hops < 5; hops += 1) {
      incident = (await findIncidentById(db, incident.merged_into_id)) ?? incident;
    }
    if (incident) return incident.network_id === network.id ? incident : null;
    const decoy = await findTipStatusDecoy(db, network.id, publicId);
    return decoy ? unattendedStatusOf(decoy, context.clock.now()) : null;
  }
}

/** What the public status page reads of an incident. */
type PublicStatus = Pick<
  IncidentRow,
  'status' | 'closed_reason' | 'outcome' | 'category' | 'zip' | 'first_report_at' | 'status_changed_at'
>;

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

function statusKey(incident: PublicStatus): string {
  switch (incident.status) {
    case 'new':
      return 'report.statusNew';
    case 'verifying':
      return 'report.statusVerifying';
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
