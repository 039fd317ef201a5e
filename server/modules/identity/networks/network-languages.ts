import { AppError } from '../../../platform/errors/app-error.ts';
import {
  isRegisteredLanguage,
  supportedLanguages as offeredLanguages,
} from '../../../platform/i18n/index.ts';
import type { SupportedLanguage } from './network.contract.ts';

/**
 * Languages a network may offer: registered with a complete catalog under locales/ (ADR 0033),
 * derived at start from the catalogs, never typed by hand. GET /app/languages gives the app the
 * same list. The contract's schema knows every registered language; this narrows it.
 */
export const supportedLanguages: readonly SupportedLanguage[] = offeredLanguages.filter(isRegisteredLanguage);

/**
 * VALIDATION_FAILED, as a schema would answer, when a network asks for a language whose catalog is
 * still incomplete: its people would read half their messages in English.
 */
export function refuseUnofferedLanguages(languages: readonly string[] | undefined): void {
  const refused = (languages ?? []).filter((language) => !offeredLanguages.includes(language));
  if (refused.length === 0) return;
  throw new AppError('VALIDATION_FAILED', 'The request is not valid.', [
    { path: 'languages', message: `Use one of ${offeredLanguages.join(', ')}.` },
  ]);
}
