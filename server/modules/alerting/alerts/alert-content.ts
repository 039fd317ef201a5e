import { createHash } from 'node:crypto';
import type { AlertMessage, AlertMessages, FrozenLanguage } from './alert.contract.ts';
import type { AlertsTable } from './alert.tables.ts';

// The per-language shape is part of an alert's answer (the approver's preview): it is in the contract.
export type { FrozenLanguage } from './alert.contract.ts';

/** Names the shape of the frozen content, so a later shape can never hash like this one. */
export const contentFormat = 'amparo-alert-content/1';

/**
 * Every public word of one alert, rendered once and frozen: what the approver previews is what
 * delivery, the live page, the JSON the service worker fetches, CAP and Atom use.
 */
export interface FrozenContent {
  format: typeof contentFormat;
  publicId: string;
  languages: Record<string, FrozenLanguage>;
  /** The OASIS CAP 1.2 document, byte for byte as served. */
  cap: string;
}

export interface SealedContent {
  /** Canonical JSON: object keys sorted at every level, no whitespace. */
  canonical: string;
  /** SHA-256 of the canonical JSON's UTF-8 bytes, lower-case hex. */
  hash: string;
}

/** Canonical JSON: keys in code-unit order at every level, no whitespace, arrays kept in order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

export function hashCanonical(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function sealContent(content: FrozenContent): SealedContent {
  const canonical = canonicalJson(content);
  return { canonical, hash: hashCanonical(canonical) };
}

/**
 * The frozen content of a row, or null when it has none (a draft made before frozen content:
 * it must be re-rendered before anyone can approve it). The stored text is checked against its
 * hash: a row edited behind the application's back is treated as having no content.
 */
export function frozenContentOf(row: Pick<AlertsTable, 'content' | 'content_hash'>): FrozenContent | null {
  if (row.content === null || row.content_hash === null) return null;
  if (hashCanonical(row.content) !== row.content_hash) return null;
  try {
    const value = JSON.parse(row.content) as Partial<FrozenContent>;
    return value.format === contentFormat && value.languages ? (value as FrozenContent) : null;
  } catch {
    return null;
  }
}

/** Per-language messages (headline, text, SMS) of frozen content, or of a row approved before it. */
export function publishedMessagesOf(
  row: Pick<AlertsTable, 'content' | 'content_hash' | 'messages'>,
): AlertMessages {
  const content = frozenContentOf(row);
  if (!content) return legacyMessages(row.messages);
  const messages: AlertMessages = {};
  for (const [language, frozen] of Object.entries(content.languages)) {
    messages[language] = { language, headline: frozen.headline, text: frozen.text, sms: frozen.sms };
  }
  return messages;
}

function legacyMessages(stored: string | null): AlertMessages {
  if (!stored) return {};
  try {
    const value: unknown = JSON.parse(stored);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, AlertMessage>)
      : {};
  } catch {
    return {};
  }
}
