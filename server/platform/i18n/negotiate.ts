import { match } from '@formatjs/intl-localematcher';
import { fallbackLanguage } from './i18n.ts';

export interface LanguageNegotiation {
  /** `?lang=` of the request: an explicit choice wins. */
  query?: string | null;
  /** The `amparo_lang` cookie: a remembered choice. */
  cookie?: string | null;
  /** The browser's Accept-Language header. */
  acceptLanguage?: string | null;
  /** Languages this network offers (a subset of the catalogs), in the network's order of preference. */
  enabled: readonly string[];
}

/**
 * Picks the language for a request: explicit query, then cookie, then Accept-Language, then the
 * network's first enabled language. Garbage input never throws; it is skipped.
 */
export function negotiateLanguage(input: LanguageNegotiation): string {
  const enabled = input.enabled.length > 0 ? input.enabled : [fallbackLanguage];
  const defaultLanguage = enabled[0] ?? fallbackLanguage;
  for (const explicit of [input.query, input.cookie]) {
    const chosen = matchLanguage(explicit, enabled);
    if (chosen) return chosen;
  }
  const requested = parseAcceptLanguage(input.acceptLanguage);
  if (requested.length === 0) return defaultLanguage;
  try {
    return match(requested, enabled, defaultLanguage, { algorithm: 'best fit' });
  } catch {
    return defaultLanguage;
  }
}

/** The enabled language a single tag asks for (`es-MX` → `es`), or null when none fits. */
export function matchLanguage(value: string | null | undefined, enabled: readonly string[]): string | null {
  const canonical = canonicalTag(value);
  if (!canonical) return null;
  if (enabled.includes(canonical)) return canonical;
  const base = canonical.split('-')[0]?.toLowerCase() ?? '';
  return enabled.includes(base) ? base : null;
}

/** Accept-Language tags ordered by quality; wildcards, zero weights and invalid tags dropped. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; quality: number; position: number }[] = [];
  header
    .slice(0, 512)
    .split(',')
    .slice(0, 20)
    .forEach((part, position) => {
      const [rawTag = '', ...parameters] = part.trim().split(';');
      const tag = canonicalTag(rawTag.trim());
      if (!tag) return;
      const qualityParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = qualityParameter ? Number(qualityParameter.slice(2)) : 1;
      if (!Number.isFinite(quality) || quality <= 0) return;
      entries.push({ tag, quality, position });
    });
  entries.sort((a, b) => b.quality - a.quality || a.position - b.position);
  return entries.map((entry) => entry.tag);
}

function canonicalTag(value: string | null | undefined): string | null {
  if (!value || value === '*' || value.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}
