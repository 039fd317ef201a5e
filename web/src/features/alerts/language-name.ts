import { currentLanguage } from '../../lib/i18n.ts';

/** A language's own name in the reader's language ("Spanish", "español", "الإسبانية"). */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
