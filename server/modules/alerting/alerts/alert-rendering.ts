import { t } from '../../../platform/i18n/index.ts';
import type { Network } from '../../identity/index.ts';
import type { AlertMessage, AlertMessages, FrozenLanguage } from './alert.contract.ts';
import type { AlertsTable } from './alert.tables.ts';
import { collapseSpaces, defaultTemplateBody, formatTemplate, isTemplateKey } from './alert-templates.ts';
import type { TemplateKey } from './alert-templates.ts';

// The renderings are part of an alert's answer: their shape is in the contract.
export type { AlertMessage, AlertMessages } from './alert.contract.ts';

export interface RenderContext {
  network: Pick<Network, 'name' | 'slug' | 'timezone' | 'languages'>;
  publicUrl: string;
  /** The network's active templates: `${key}\u0000${language}` → body. */
  overrides: ReadonlyMap<string, string>;
  /** For corrections and cancellations: when the alert they correct went out. */
  referencedAt: number | null;
}

type RenderedAlert = Pick<
  AlertsTable,
  'kind' | 'status' | 'template_key' | 'category' | 'area_names' | 'zip' | 'observed_at' | 'free_text'
>;

/**
 * A `home` alert names the network's areas and the hour, never a ZIP code and an exact time
 * together: the public words of an alert must not point at a family (issue 15 §5).
 */
function isHomeAlert(alert: { category?: string }): boolean {
  return alert.category === 'home';
}

export function publicPageUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/a/${encodeURIComponent(slug)}`;
}

/** Renders the alert in every language of the network. */
export function renderAlertMessages(alert: RenderedAlert, context: RenderContext): AlertMessages {
  const messages: AlertMessages = {};
  for (const language of context.network.languages) messages[language] = renderIn(alert, context, language);
  return messages;
}

/**
 * Every public text of the alert in every language of the network: the messages plus the place
 * as the page describes it and the email's subject and body (above the per-recipient footer).
 */
export function renderFrozenLanguages(
  alert: RenderedAlert,
  context: RenderContext,
): Record<string, FrozenLanguage> {
  const languages: Record<string, FrozenLanguage> = {};
  const link = publicPageUrl(context.publicUrl, context.network.slug);
  for (const language of context.network.languages) {
    const message = renderIn(alert, context, language);
    languages[language] = {
      headline: message.headline,
      text: message.text,
      area: placeOf(alert, language),
      sms: message.sms,
      email: {
        subject: message.headline,
        body: `${message.text}\n\n${t(language, 'alerts.email.more', { link })}`,
      },
    };
  }
  return languages;
}

/** A retraction's text: shipped with Amparo and pre-translated, never a network template. */
export const retractionTemplateKey = 'retraction';

function renderIn(alert: RenderedAlert, context: RenderContext, language: string): AlertMessage {
  const place = placeOf(alert, language);
  if (alert.template_key === retractionTemplateKey) {
    return wrapSms(alert, context, language, {
      text: t(language, 'alerts.retraction.text'),
      headline: t(language, 'alerts.headline.retraction', { place }),
    });
  }
  const key: TemplateKey = isTemplateKey(alert.template_key) ? alert.template_key : 'alert.other';
  const freeText = parseRecord(alert.free_text);
  const body = context.overrides.get(`${key}\u0000${language}`) ?? defaultTemplateBody(language, key);
  const time = formatTime(
    alert.kind === 'alert' ? alert.observed_at : (context.referencedAt ?? alert.observed_at),
    language,
    context.network.timezone,
    isHomeAlert(alert) ? 'hour' : 'minute',
  );
  const details = freeText[language] ?? freeText[context.network.languages[0] ?? ''] ?? '';
  const text = formatTemplate(body, key, language, { place, time, details });
  const headline = t(language, `alerts.headline.${headlineKind(alert.kind, key)}`, { place });
  return wrapSms(alert, context, language, { text, headline });
}

/** Labels a drill at both ends and wraps the text into the SMS (network name, link, how to stop). */
function wrapSms(
  alert: RenderedAlert,
  context: RenderContext,
  language: string,
  rendered: { text: string; headline: string },
): AlertMessage {
  let { text, headline } = rendered;
  if (alert.status === 'exercise') {
    // Drills are labelled in the subscriber's language and in English, at both ends.
    text = t(language, 'alerts.exercise.text', { text });
    headline = t(language, 'alerts.exercise.headline', { headline });
  }
  const link = publicPageUrl(context.publicUrl, context.network.slug);
  const sms = collapseSpaces(
    t(language, 'alerts.sms.message', { network: context.network.name, text, link }),
  );
  return { language, headline, text, sms };
}

function headlineKind(kind: AlertsTable['kind'], key: TemplateKey): string {
  // A follow-up that is an update or an all-clear says so; any other one is a correction.
  if (key === 'update' || key === 'allClear') return key;
  return kind === 'alert' ? 'alert' : kind;
}

export function placeOf(
  alert: Pick<AlertsTable, 'area_names' | 'zip'> & { category?: string },
  language: string,
): string {
  const names = parseList(alert.area_names);
  if (names.length > 0) return names.join(', ');
  if (alert.zip && !isHomeAlert(alert)) return t(language, 'alerts.place.zip', { zip: alert.zip });
  return t(language, 'alerts.place.unknown');
}

/** A time of day in the network's zone; to the hour (rounded down) where minutes would say too much. */
export function formatTime(
  epochMs: number,
  language: string,
  timeZone: string,
  precision: 'minute' | 'hour' = 'minute',
): string {
  const at = precision === 'hour' ? Math.floor(epochMs / 3_600_000) * 3_600_000 : epochMs;
  const minute = precision === 'hour' ? {} : ({ minute: '2-digit' } as const);
  try {
    return new Intl.DateTimeFormat(language, { timeZone, hour: 'numeric', ...minute }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en', {
      timeZone: 'UTC',
      hour: 'numeric',
      ...minute,
      timeZoneName: 'short',
    }).format(at);
  }
}

/** The message for a recipient's language, falling back to the network's first language. */
export function messageFor(
  messages: AlertMessages,
  language: string,
  fallbackLanguage: string,
): AlertMessage | null {
  return messages[language] ?? messages[fallbackLanguage] ?? Object.values(messages)[0] ?? null;
}

function parseRecord(stored: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(stored);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

export function parseList(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
