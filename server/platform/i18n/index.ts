export { createI18n, directionOf, fallbackLanguage, getI18n, t } from './i18n.ts';
export type { I18n, I18nOptions, MessageValues, TextDirection } from './i18n.ts';
export { matchLanguage, negotiateLanguage, parseAcceptLanguage } from './negotiate.ts';
export type { LanguageNegotiation } from './negotiate.ts';
export { loadCatalogs, defaultLocalesDirectory } from './catalog-loader.ts';
export type { Catalog, Catalogs } from './catalog-loader.ts';
export { errorMessage } from './error-messages.ts';
export {
  completeLanguages,
  incompleteLanguages,
  isRegisteredLanguage,
  registeredLanguages,
} from './languages.contract.ts';
export type { RegisteredLanguage } from './languages.contract.ts';

import { getI18n } from './i18n.ts';

/**
 * Languages offered to people: registered (languages.ts) with a complete catalog under locales/,
 * English first (read once, at first import). A folder still being translated is not offered.
 */
export const supportedLanguages: readonly string[] = getI18n().offeredLanguages;
