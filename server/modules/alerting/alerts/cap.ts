import { circlePolygon } from '../../../platform/geo/index.ts';
import { t } from '../../../platform/i18n/index.ts';
import type { Network } from '../../identity/index.ts';
import { publicPageUrl } from './alert-rendering.ts';
import type { AlertsTable } from './alert.tables.ts';
import { msgTypes, publishedArea } from './public-alerts.service.ts';

/** XML text: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(value: string): string {
  return [...value]
    .filter(isXmlCharacter)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** XML 1.0 allows tab, newline, carriage return and everything from space up, but lone surrogates and U+FFFE/U+FFFF. */
function isXmlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  if (code >= 0xd800 && code <= 0xdfff) return false; // a lone surrogate
  return code !== 0xfffe && code !== 0xffff;
}

/** CAP times: seconds, and an explicit offset ("-00:00" for UTC; "Z" is not allowed). */
export function capTime(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}-00:00`;
}

export function capSender(network: Pick<Network, 'slug'>, publicUrl: string): string {
  return `${network.slug}@${new URL(publicUrl).host}`;
}

function element(name: string, value: string): string {
  return `<${name}>${xmlText(value)}</${name}>`;
}

/** An earlier message of the thread that a CAP Update or Cancel references. */
export interface CapReference {
  publicId: string;
  /** The `sent` of that message's own CAP document. */
  sentAt: number;
}

type CapAlert = Pick<
  AlertsTable,
  | 'public_id'
  | 'status'
  | 'kind'
  | 'template_key'
  | 'urgency'
  | 'is_override'
  | 'lat'
  | 'lon'
  | 'radius_meters'
>;

/**
 * One alert as an OASIS CAP 1.2 message: status Actual or Exercise, msgType Alert, Update or
 * Cancel with `references` to the earlier messages of its thread, one `info` per language, and the
 * area as a circle (and the same circle as a polygon for consumers without circle support). It
 * carries the published text only: no reporter, no exact address, no personal data. Rendered once,
 * with the rest of the alert's frozen content (`sent` is when its words were fixed).
 */
export function capDocument(input: {
  alert: CapAlert;
  sentAt: number;
  references: CapReference[];
  network: Pick<Network, 'slug' | 'name' | 'languages'>;
  publicUrl: string;
  messages: Record<string, { headline: string; text: string; area: string }>;
}): string {
  const { alert, network } = input;
  const sender = capSender(network, input.publicUrl);
  const isExercise = alert.status === 'exercise';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    element('identifier', alert.public_id),
    element('sender', sender),
    element('sent', capTime(input.sentAt)),
    element('status', isExercise ? 'Exercise' : 'Actual'),
    element('msgType', msgTypes[alert.kind]),
    element('scope', 'Public'),
  ];
  if (isExercise) lines.push(element('note', t('en', 'alerts.cap.exerciseNote')));
  if (input.references.length > 0) {
    const references = input.references.map(
      (reference) => `${sender},${reference.publicId},${capTime(reference.sentAt)}`,
    );
    lines.push(element('references', references.join(' ')));
  }
  for (const language of network.languages) {
    const message = input.messages[language];
    if (message) lines.push(info(alert, network, input.publicUrl, { ...message, language }));
  }
  lines.push('</alert>', '');
  return lines.join('\n');
}

function info(
  alert: CapAlert,
  network: Pick<Network, 'slug' | 'name'>,
  publicUrl: string,
  message: { language: string; headline: string; text: string; area: string },
): string {
  const isAllClear =
    alert.kind === 'cancellation' || alert.template_key === 'allClear' || alert.template_key === 'retraction';
  const urgency = isAllClear ? 'Past' : alert.urgency === 'urgent' ? 'Immediate' : 'Expected';
  const area = publishedArea(alert);
  const polygon = circlePolygon({ lat: area.lat, lon: area.lon }, area.radiusMeters, 32)
    .coordinates[0]!.map(([lon, lat]) => `${lat.toFixed(5)},${lon.toFixed(5)}`)
    .join(' ');
  return [
    '  <info>',
    element('language', message.language),
    element('category', 'Safety'),
    element('event', t(message.language, 'alerts.cap.event')),
    element('responseType', isAllClear ? 'AllClear' : 'Monitor'),
    element('urgency', urgency),
    element('severity', isAllClear ? 'Minor' : 'Moderate'),
    element('certainty', alert.is_override === 1 ? 'Possible' : 'Observed'),
    element('senderName', network.name),
    element('headline', message.headline),
    element('description', message.text),
    element('web', publicPageUrl(publicUrl, network.slug)),
    '<area>',
    element('areaDesc', message.area),
    element('polygon', polygon),
    element(
      'circle',
      `${area.lat.toFixed(2)},${area.lon.toFixed(2)} ${(area.radiusMeters / 1000).toFixed(1)}`,
    ),
    '</area>',
    '  </info>',
  ].join('\n');
}
