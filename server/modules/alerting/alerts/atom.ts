import type { Network } from '../../identity/index.ts';
import { xmlText } from './cap.ts';
import { publishedMessagesOf } from './alert-content.ts';
import { messageFor, publicPageUrl } from './alert-rendering.ts';
import type { AlertsTable } from './alert.tables.ts';
import { t } from '../../../platform/i18n/index.ts';

/** An Atom (RFC 4287) feed of a network's published alerts; each entry links to its CAP message. */
export function atomFeed(input: {
  network: Pick<Network, 'slug' | 'name' | 'languages'>;
  alerts: AlertsTable[];
  language: string;
  publicUrl: string;
  now: number;
}): string {
  const { network, language } = input;
  const page = publicPageUrl(input.publicUrl, network.slug);
  const updated = Math.max(0, ...input.alerts.map((alert) => alert.approved_at ?? 0)) || input.now;
  const entries = input.alerts.map((alert) => {
    const message = messageFor(publishedMessagesOf(alert), language, network.languages[0] ?? 'en');
    const capUrl = `${page}/alerts/${alert.public_id}.cap`;
    return [
      '  <entry>',
      `    <id>${xmlText(capUrl)}</id>`,
      `    <title>${xmlText(message?.headline ?? alert.public_id)}</title>`,
      `    <updated>${new Date(alert.approved_at ?? alert.created_at).toISOString()}</updated>`,
      `    <link rel="alternate" type="application/cap+xml" href="${xmlText(capUrl)}"/>`,
      `    <link rel="related" type="text/html" href="${xmlText(`${page}#alert-${alert.public_id}`)}"/>`,
      `    <summary>${xmlText(message?.text ?? '')}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(language)}">`,
    `  <id>${xmlText(`${page}/alerts.atom`)}</id>`,
    `  <title>${xmlText(t(language, 'alerts.feed.title', { network: network.name }))}</title>`,
    `  <updated>${new Date(updated).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${page}/alerts.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`,
    `  <author><name>${xmlText(network.name)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
