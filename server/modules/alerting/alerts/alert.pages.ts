import { t } from '../../../platform/i18n/index.ts';
import { html, renderPage } from '../../../platform/web/index.ts';
import type { SafeHtml } from '../../../platform/web/index.ts';
import type { Network } from '../../identity/index.ts';
import type { PublicAlert } from './public-alerts.service.ts';
import { formatTime } from './alert-rendering.ts';

/**
 * The public live-alerts page: server-rendered, no script, every published message of the last
 * day with its corrections and cancellation, and links to subscribe, the feed and each CAP file.
 */
export function liveAlertsPage(input: {
  network: Network;
  language: string;
  currentUrl: string;
  alerts: PublicAlert[];
}): string {
  const { network, language } = input;
  const m = (key: string, values?: Record<string, string | number>) =>
    t(language, `alerts.page.${key}`, values);
  const base = `/a/${encodeURIComponent(network.slug)}`;
  const body = html`<h1>${m('title', { network: network.name })}</h1>
    <p>${m('intro')}</p>
    <p>
      <a href="${base}/subscribe">${m('subscribeLink')}</a> ·
      <a href="${base}/alerts.atom" type="application/atom+xml">${m('feedLink')}</a>
    </p>
    ${input.alerts.length === 0 ? html`<p>${m('none')}</p>` : input.alerts.map((alert) => alertCard(alert, network, language))}`;
  return renderPage({
    language,
    title: m('title', { network: network.name }),
    siteName: network.name,
    body,
    languages: network.languages,
    currentUrl: input.currentUrl,
    isPrivate: false,
    description: m('intro'),
  });
}

function alertCard(alert: PublicAlert, network: Network, language: string): SafeHtml {
  const label =
    alert.msgType === 'Cancel'
      ? 'alerts.page.labelCancel'
      : alert.msgType === 'Update'
        ? 'alerts.page.labelCorrection'
        : alert.isCancelled
          ? 'alerts.page.labelCancelled'
          : alert.isSuperseded
            ? 'alerts.page.labelCorrected'
            : 'alerts.page.labelVerified';
  const time = formatTime(Date.parse(alert.sentAt), language, network.timezone);
  return html`<article id="alert-${alert.publicId}" lang="${alert.message.language}">
    <h2>${alert.message.headline}</h2>
    <p><strong>${t(language, label)}</strong> · <time datetime="${alert.sentAt}">${time}</time></p>
    <p>${alert.message.text}</p>
    <p><a href="${alert.capUrl}" type="application/cap+xml">${t(language, 'alerts.page.capLink')}</a></p>
  </article>`;
}
