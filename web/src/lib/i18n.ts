import { IntlMessageFormat } from 'intl-messageformat';
import type { LanguageList, OfferedLanguage } from '../../../server/modules/system/webapp/webapp.contract.ts';

/** A language code the server offers (GET /app/languages): `en`, `es`, `ht`, ... */
export type Language = string;

const english: OfferedLanguage = { code: 'en', name: 'English', direction: 'ltr' };
/**
 * The languages with a complete catalog, from the server (ADR 0033), English first. Until they are
 * loaded, or when the server cannot be reached, English alone.
 */
let offered: readonly OfferedLanguage[] = [english];
const storageKey = 'amparo.language';

let current: Language = 'en';
let catalog: Record<string, string> = {};
let fallback: Record<string, string> = {};
const formatters = new Map<string, IntlMessageFormat>();

/** Asks the server which languages are complete; keeps English alone if it cannot say. */
export async function loadLanguages(): Promise<void> {
  try {
    const response = await fetch('/app/languages', { credentials: 'same-origin' });
    if (!response.ok) return;
    const list = (await response.json()) as LanguageList;
    if (Array.isArray(list.languages) && list.languages.some((language) => language.code === 'en')) {
      offered = list.languages;
    }
  } catch {
    // Offline: English, which every page can fall back to.
  }
}

/** The offered languages with their own names, English first. */
export function offeredLanguages(): readonly OfferedLanguage[] {
  return offered;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && offered.some((language) => language.code === value);
}

/** The saved choice, else the browser's first supported language, else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  if (isLanguage(saved)) return saved;
  const preferred = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLanguage);
  return preferred ?? 'en';
}

async function fetchCatalog(language: Language): Promise<Record<string, string>> {
  const response = await fetch(`/app/locales/${language}.json`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`catalog ${language}: ${response.status}`);
  return (await response.json()) as Record<string, string>;
}

/** Loads a language's catalog and sets `lang` and `dir` on the document. */
export async function setLanguage(language: Language): Promise<void> {
  if (Object.keys(fallback).length === 0) fallback = await fetchCatalog('en');
  catalog = language === 'en' ? fallback : await fetchCatalog(language);
  current = language;
  formatters.clear();
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

// Right-to-left scripts, for a language the server did not list (a network's older choice).
const rightToLeftScripts: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);

/** The script direction of a language: the server's word for an offered one. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  const listed = offered.find((entry) => entry.code === language);
  if (listed) return listed.direction;
  return rightToLeftScripts.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

export function currentLanguage(): Language {
  return current;
}

/** The translated message for `key` (ICU MessageFormat), falling back to English, then the key. */
export function t(key: string, values?: Record<string, string | number>): string {
  const source = catalog[key] ?? fallback[key];
  if (source === undefined) return key;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new IntlMessageFormat(source, current);
    formatters.set(key, formatter);
  }
  return String(formatter.format(values));
}

/** "5 min ago" style relative time in the current language. */
export function relativeTime(at: number, now: number = Date.now()): string {
  const seconds = Math.round((at - now) / 1000);
  const format = new Intl.RelativeTimeFormat(current, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return format.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

export function formatTime(at: number): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** A language's own name in the reader's language ("Spanish", "español", "الإسبانية"). */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames([current], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
