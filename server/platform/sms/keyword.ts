/**
 * The one normalization of inbound SMS keywords, shared by the hotline's keyword router, the
 * subscription keywords (ALTA, STOP, …) and responder replies (ACEPTO K7H3). People text from
 * every kind of phone and keyboard, so matching ignores:
 * - case ("stop", "Stop");
 * - accents and other combining marks ("Sí", "altó"; Arabic hamza and vowel marks);
 * - compatibility forms: full-width letters and digits ("Ａｌｔｏ", "６０６０８"), ligatures ("ﬁ");
 * - punctuation, symbols, emoji and runs of whitespace, each run becoming one space ("¡Sí!" → "SI",
 *   "acepto: 4821" → "ACEPTO 4821").
 * Letters and digits of every script are kept ("نعم" stays Arabic).
 */
export function normalizeSmsKeyword(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Language names people text instead of codes, normalized, to the language's code. */
export const smsLanguageNames: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    ENGLISH: 'en',
    INGLES: 'en',
    ESPANOL: 'es',
    SPANISH: 'es',
    CASTELLANO: 'es',
    ARABIC: 'ar',
    ARABE: 'ar',
    عربي: 'ar',
    العربية: 'ar',
  }).map(([name, code]) => [normalizeSmsKeyword(name), code]),
);
