import IntlMessageFormat from 'intl-messageformat';
import { loadCatalogs } from './catalog-loader.ts';
import type { Catalogs } from './catalog-loader.ts';
import { completeLanguages } from './languages.contract.ts';

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type TextDirection = 'ltr' | 'rtl';

export const fallbackLanguage = 'en';

const rightToLeftLanguages = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);

/** 'rtl' for Arabic, Persian, Hebrew, Urdu and other right-to-left scripts; 'ltr' otherwise. */
export function directionOf(language: string): TextDirection {
  const base = language.toLowerCase().split('-')[0] ?? '';
  return rightToLeftLanguages.has(base) ? 'rtl' : 'ltr';
}

export interface I18n {
  /** Languages with a catalog, English first. */
  supportedLanguages: readonly string[];
  /** Registered languages whose catalog is complete (languages.ts): the ones offered to people. */
  offeredLanguages: readonly string[];
  /**
   * Formats `namespace.key` in `language`. Never throws: an unknown language or a missing key
   * falls back to English (logged once per key), and a key missing everywhere returns the key.
   */
  t(language: string, key: string, values?: MessageValues): string;
  hasMessage(language: string, key: string): boolean;
  /** Every key of the English catalog (the reference every language must match). */
  keys(): IterableIterator<string>;
  directionOf(language: string): TextDirection;
}

export interface I18nOptions {
  /** Where `<language>/<namespace>.json` live; defaults to the repository's locales/. */
  directory?: string;
  /** Already-loaded catalogs (tests). */
  catalogs?: Catalogs;
  /** Receives a missing or broken key's name once; defaults to a process warning. */
  onMissingMessage?: (key: string, language: string) => void;
}

let defaultCatalogs: Catalogs | undefined;

// English (the reference) and Spanish (most of the networks' communities) lead; the rest follow by code.
const leadingLanguages = [fallbackLanguage, 'es'];

function languageRank(language: string): number {
  const index = leadingLanguages.indexOf(language);
  return index === -1 ? leadingLanguages.length : index;
}

/** Loads every catalog once (synchronously, cached for the default directory) and returns `t`. */
export function createI18n(options: I18nOptions = {}): I18n {
  const catalogs =
    options.catalogs ?? (options.directory ? loadCatalogs(options.directory) : cachedCatalogs());
  const reportMissing = options.onMissingMessage ?? warnOnce;
  const reported = new Set<string>();
  const formatters = new Map<string, IntlMessageFormat>();
  const supportedLanguages = [...catalogs.keys()].sort(
    (a, b) => languageRank(a) - languageRank(b) || a.localeCompare(b),
  );

  const report = (key: string, language: string): void => {
    const marker = `${language}\u0000${key}`;
    if (reported.has(marker)) return;
    reported.add(marker);
    reportMissing(key, language);
  };

  const formatIn = (language: string, key: string, values: MessageValues | undefined): string | null => {
    const message = catalogs.get(language)?.get(key);
    if (message === undefined) return null;
    const cacheKey = `${language}\u0000${key}`;
    let formatter = formatters.get(cacheKey);
    try {
      if (!formatter) {
        // ignoreTag: messages are plain text; markup belongs in templates, which escape values.
        formatter = new IntlMessageFormat(message, language, undefined, { ignoreTag: true });
        formatters.set(cacheKey, formatter);
      }
      const result = formatter.format(values);
      return Array.isArray(result) ? result.join('') : String(result);
    } catch {
      // A malformed message or a missing value must not take a page down.
      report(key, language);
      return null;
    }
  };

  const resolveLanguage = (language: string): string => {
    if (catalogs.has(language)) return language;
    const base = language.toLowerCase().split('-')[0] ?? '';
    return catalogs.has(base) ? base : fallbackLanguage;
  };

  return {
    supportedLanguages,
    offeredLanguages: completeLanguages(catalogs),
    directionOf,
    keys: () => (catalogs.get(fallbackLanguage) ?? new Map<string, string>()).keys(),
    hasMessage: (language, key) => catalogs.get(resolveLanguage(language))?.has(key) ?? false,
    t(language, key, values) {
      const resolved = resolveLanguage(language);
      const formatted = formatIn(resolved, key, values);
      if (formatted !== null) return formatted;
      if (!catalogs.get(resolved)?.has(key)) report(key, resolved);
      if (resolved !== fallbackLanguage) {
        const english = formatIn(fallbackLanguage, key, values);
        if (english !== null) return english;
        if (!catalogs.get(fallbackLanguage)?.has(key)) report(key, fallbackLanguage);
      }
      return key;
    },
  };
}

function cachedCatalogs(): Catalogs {
  defaultCatalogs ??= loadCatalogs();
  return defaultCatalogs;
}

function warnOnce(key: string, language: string): void {
  // Message keys are code identifiers, never personal data, so they are safe to report.
  process.emitWarning(`Missing or unformattable message "${key}" for language "${language}"`, {
    code: 'AMPARO_I18N_MISSING',
  });
}

let sharedI18n: I18n | undefined;

/** The process-wide instance over the repository's catalogs (built on first use). */
export function getI18n(): I18n {
  sharedI18n ??= createI18n();
  return sharedI18n;
}

/** Shorthand for `getI18n().t(...)`. */
export function t(language: string, key: string, values?: MessageValues): string {
  return getI18n().t(language, key, values);
}
