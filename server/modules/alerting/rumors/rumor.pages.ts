import { t } from '../../../platform/i18n/index.ts';
import { html, renderPage } from '../../../platform/web/index.ts';
import type { SafeHtml } from '../../../platform/web/index.ts';
import { categoryMessageKeys, publicTimeOf } from '../../intake/index.ts';
import type { CheckedIncident, PublicPlace } from '../../intake/index.ts';
import type { Network } from '../../identity/index.ts';

/**
 * Times are rounded down to half an hour: enough to tell events apart, not to time a person (a
 * `home` incident's to the hour, issue 15 §5).
 */
export const publicTimeStepMs = 30 * 60 * 1000;

/** An incident as the board lists it, with its place already coarsened (incident-public-view.ts). */
export type BoardIncident = CheckedIncident & { place: PublicPlace };

function placeText(language: string, place: PublicPlace): string {
  if (place.kind === 'zip') return t(language, 'rumors.nearZip', { zip: place.zip });
  if (place.kind === 'areas') return t(language, 'rumors.inArea', { area: place.names.join(', ') });
  return t(language, 'rumors.areaNotShown');
}

function statusKey(incident: BoardIncident): string {
  const outcome = incident.status === 'closed' ? incident.outcome : incident.status;
  if (outcome === 'confirmed') return 'rumors.statusConfirmed';
  if (outcome === 'false_alarm') return 'rumors.statusFalseAlarm';
  return 'rumors.statusUnconfirmed';
}

/**
 * The rumor-control page: for each checked incident its outcome in plain words, its kind of
 * place, a ZIP code at most (a `home` incident: its area's name and the hour), and a rounded time, each linking to its status page. No people, no
 * report text, no exact place. Plain HTML, no script.
 */
export function renderRumorPage(input: {
  network: Network;
  language: string;
  incidents: BoardIncident[];
  currentUrl: string;
}): string {
  const { network, language } = input;
  const format = new Intl.DateTimeFormat(language, {
    timeZone: network.timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const items = input.incidents.map((incident): SafeHtml => {
    const rounded = publicTimeOf(incident, incident.first_report_at, publicTimeStepMs);
    const place = placeText(language, incident.place);
    const href = `/s/${encodeURIComponent(network.slug)}/${encodeURIComponent(incident.public_id)}`;
    return html`<li>
      <strong>${t(language, statusKey(incident))}</strong> ·
      ${t(language, categoryMessageKeys[incident.category])} · ${place} ·
      ${t(language, 'rumors.reportedAt', { time: format.format(rounded) })} ·
      <a href="${href}">${t(language, 'rumors.details')}</a>
    </li>`;
  });
  const body = html`<h1>${t(language, 'rumors.heading', { networkName: network.name })}</h1>
    <p>${t(language, 'rumors.intro')}</p>
    ${
      items.length > 0
        ? html`<ul class="rumors">
            ${items}
          </ul>`
        : html`<p>${t(language, 'rumors.empty')}</p>`
    }
    <p>${t(language, 'rumors.advice')}</p>`;
  return renderPage({
    language,
    title: t(language, 'rumors.title'),
    body,
    siteName: network.name,
    languages: network.languages,
    currentUrl: input.currentUrl,
    isPrivate: false,
  });
}

export function renderNetworkNotFound(language: string): string {
  const body = html`<h1>${t(language, 'rumors.title')}</h1>
    <p>${t(language, 'rumors.notFound')}</p>`;
  return renderPage({ language, title: t(language, 'rumors.title'), body });
}
