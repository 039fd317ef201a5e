export { createI18n, directionOf, fallbackLanguage, getI18n, t } from './i18n.ts';
export type { I18n, I18nOptions, MessageValues, TextDirection } from './i18n.ts';
export { matchLanguage, negotiateLanguage, parseAcceptLanguage } from './negotiate.ts';
export type { LanguageNegotiation } from './negotiate.ts';
export { loadCatalogs, defaultLocalesDirectory } from './catalog-loader.ts';
export type { Catalog, Catalogs } from './catalog-loader.ts';
export { errorMessage } from './error-messages.ts';

import { getI18n } from './i18n.ts';

/** Languages with a catalog under locales/, English first (read once, at first import). */
export const supportedLanguages: readonly string[] = getI18n().supportedLanguages;
