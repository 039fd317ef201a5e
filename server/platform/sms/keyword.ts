/**
 * Every word the SMS hotline acts on, by what it means, written as people type them: the one
 * table that the hotline's keyword router (channels), dispatch's reply parser, the subscription
 * keywords (alerting) and the report conversation all read. Matching normalizes both sides.
 */
export const smsKeywords = {
  /** A responder takes an offer: "ACEPTO K7H3". */
  acceptOffer: [
    'ACEPTO',
    'ACEPTAR',
    'ACEPTA',
    'ACCEPT',
    'YES',
    'SI',
    'OK',
    'نعم',
    'أقبل',
    'SIM',
    'ACEITO',
    'WI',
  ],
  /** A responder turns an offer down: "NO K7H3". */
  declineOffer: ['NO', 'DECLINE', 'DECLINO', 'RECHAZO', 'RECHAZAR', 'لا', 'أرفض', 'NAO', 'RECUSO', 'NON'],
  /** A paged dispatcher takes the incident: "TOMO K7H3" (issue 16, docs/adr/0028). */
  claimIncident: ['TOMO', 'CLAIM', 'ACK', 'RECIBIDO', 'أستلم', 'PEGO', 'PRAN'],
  /** Twilio's documented default opt-out keywords, plus ALTO for Spanish speakers (the whole message). */
  optOut: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'ALTO'],
  /** Twilio's opt-in keywords that lift its own block (YES is left out: too common a reply). */
  optIn: ['START', 'UNSTOP'],
  /** Subscribe to alerts ("ALTA 60608"), by the language the keyword is in. */
  join: { ALTA: 'es', JOIN: 'en', ENTRAR: 'pt', ANTRE: 'ht' },
  /** Choose the language of alerts ("IDIOMA ESPANOL"). */
  setLanguage: { IDIOMA: 'es', LANG: 'en', LANGUAGE: 'en', LINGUA: 'pt', LANGAJ: 'ht', 语言: 'zh' },
  /** What the hotline and alerts are (the whole message). */
  help: { AYUDA: 'es', HELP: 'en', INFO: 'en', AJUDA: 'pt', EDE: 'ht', 帮助: 'zh' },
  /** A reporter agrees to be texted back about their report... */
  consentYes: ['YES', 'Y', 'SI', 'S', 'OK', 'OKAY', 'SURE', 'CLARO', 'DALE', 'نعم', 'SIM', 'WI', 'CO', '是'],
  /** ...or does not. */
  consentNo: ['NO', 'N', 'NOPE', 'لا', 'NAO', 'NON', 'KHONG', '不'],
  /** A greeting or a test text: answered with help, never made a report. */
  greeting: ['HI', 'HELLO', 'HEY', 'HOLA', 'BUENAS', 'BUENOS DIAS', 'TEST', 'PRUEBA', 'مرحبا'],
} as const;

/** The words of one table row, normalized, for lookups. */
export function smsKeywordSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(normalizeSmsKeyword));
}

/** A keyword → value row of the table, its keywords normalized. */
export function smsKeywordMap<Value>(row: Readonly<Record<string, Value>>): Readonly<Record<string, Value>> {
  return Object.fromEntries(Object.entries(row).map(([word, value]) => [normalizeSmsKeyword(word), value]));
}

/**
 * A responder's reply to an offer starts with one of these: the router reserves them (with a
 * code) for dispatch, and dispatch's parser reads them. Normalized.
 */
export const responderReplyWords: readonly string[] = [
  ...smsKeywordSet([...smsKeywords.acceptOffer, ...smsKeywords.declineOffer]),
];

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

/**
 * Language names people text instead of codes, normalized, to the language's code: "Kreyòl" and
 * "KREYOL" alike. A name may be two words ("Tiếng Việt"). Registered languages only (ADR 0033).
 */
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
    KREYOL: 'ht',
    'KREYOL AYISYEN': 'ht',
    CREOLE: 'ht',
    'HAITIAN CREOLE': 'ht',
    HT: 'ht',
    PORTUGUES: 'pt',
    PORTUGUESE: 'pt',
    PT: 'pt',
    'TIENG VIET': 'vi',
    VIETNAMESE: 'vi',
    VI: 'vi',
    中文: 'zh',
    汉语: 'zh',
    CHINESE: 'zh',
    ZH: 'zh',
  }).map(([name, code]) => [normalizeSmsKeyword(name), code]),
);
