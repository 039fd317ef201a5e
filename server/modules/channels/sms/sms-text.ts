import { lookupZip } from '../../../platform/geo/index.ts';
import { normalizeSmsKeyword, smsLanguageNames } from '../../../platform/sms/keyword.ts';
import type { ReportCategory } from '../../intake/index.ts';

/**
 * Reading a texted report: where (a ZIP code, a street address, an intersection), what kind of
 * place, and which language — in English and Spanish, the hotline's main languages, with Arabic
 * recognized by its script.
 */

/** The shared SMS keyword normalization (platform/sms/keyword.ts): "¡Sí!" → "SI". */
export { normalizeSmsKeyword as normalizeKeyword } from '../../../platform/sms/keyword.ts';

export interface SmsLocation {
  zip?: string;
  /** The address or intersection as written, for the dispatcher (stored encrypted). */
  locationText?: string;
}

const streetWords =
  'st|street|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|pl|place|way|pkwy|parkway|hwy|highway|calle|avenida|ave\\.';
const streetAddress = new RegExp(
  `\\b\\d{1,6}\\s+(?:[nsew]\\.?\\s+|north\\s+|south\\s+|east\\s+|west\\s+|norte\\s+|sur\\s+|este\\s+|oeste\\s+)?(?:[\\p{L}0-9.']+\\s+){0,3}(?:${streetWords})\\b`,
  'iu',
);
const spanishAddress =
  /\b(?:calle|avenida|av\.)\s+(?:[\p{L}0-9.']+\s+){0,3}(?:#|no\.?|numero|número)?\s*\d{1,6}\b/iu;
// A street name: a capitalized word, an ordinal ("18th", "47"), or "la 26" in Spanish.
const streetName =
  "(?:la\\s+)?(?:\\d{1,3}(?:st|nd|rd|th|a|va)?|\\p{Lu}[\\p{L}'.-]+(?:\\s+\\p{Lu}[\\p{L}'.-]+)?)";
const intersection = new RegExp(
  `(?:\\b(?:corner of|esquina de|cruce de)\\s+)?${streetName}\\s+(?:and|&|y|con|at|e)\\s+${streetName}`,
  'u',
);
const ordinalOrStreet = new RegExp(`\\d|\\b(?:${streetWords})\\b`, 'i');
const placeWord =
  /(?:\b(?:at|on|near|in|en|cerca de|por|frente a|corner of|esquina de|esquina|cruce de)\s+)$/i;

/**
 * The ZIP code (only one the centroid table knows, and not a house number) and an address-like
 * part of the text. Returns an empty object when neither is there.
 */
export function parseSmsLocation(text: string): SmsLocation {
  const clipped = text.slice(0, 1000);
  const location: SmsLocation = {};
  for (const match of clipped.matchAll(/\b(\d{5})(?:-\d{4})?\b/g)) {
    const after = clipped.slice((match.index ?? 0) + match[0].length);
    // "12345 S Main St": a five-digit house number, not a ZIP code.
    if (/^\s+(?:[nsew]\.?\s|north|south|east|west|[A-Za-z]+\s+(?:st|ave|rd|blvd)\b)/i.test(after)) continue;
    const zip = match[1] ?? '';
    if (lookupZip(zip)) {
      location.zip = zip;
      break;
    }
  }
  const address = streetAddress.exec(clipped) ?? spanishAddress.exec(clipped);
  if (address) {
    location.locationText = address[0].trim();
    return location;
  }
  const corner = intersection.exec(clipped);
  // Two capitalized words could be two names ("Juan y María"): one side must look like a street,
  // or the pair must follow a word that introduces a place ("en Cermak y Western").
  if (corner) {
    const before = clipped.slice(0, corner.index);
    if (ordinalOrStreet.test(corner[0]) || placeWord.test(before)) location.locationText = corner[0].trim();
  }
  return location;
}

const categoryWords: [ReportCategory, RegExp][] = [
  ['checkpoint', /\b(?:checkpoint|roadblock|reten|retén|puesto de control)\b/iu],
  ['courthouse', /\b(?:court|courthouse|corte|juzgado|tribunal)\b/iu],
  [
    'transport',
    /\b(?:bus of detainees|transporting|detention bus|autobus de detenidos|trasladando|transport)\b/iu,
  ],
  [
    'home',
    /\b(?:homes?|houses?|apartments?|apt|buildings?|doors?|casas?|apartamentos?|depto|edificios?|puertas?|hogar)\b/iu,
  ],
  [
    'workplace',
    /\b(?:work|workplace|factory|plant|job|warehouse|restaurant|car wash|construction|trabajo|fabrica|fábrica|bodega|obra|restaurante|taller)\b/iu,
  ],
  ['street_stop', /\b(?:stopped|pulled over|traffic stop|corner|bus stop|parada|pararon|esquina)\b/iu],
];

/** What kind of place, from the words used; `other` when nothing fits. */
export function detectSmsCategory(text: string): ReportCategory {
  for (const [category, pattern] of categoryWords) if (pattern.test(text)) return category;
  return 'other';
}

const spanishMarkers = new Set(
  'la el los las en esta estan está están hay migra calle de que por una un y esquina ahorita agentes se llevaron mi su casa trabajo donde aqui aquí afuera hola buenas gracias ayuda tienen'.split(
    ' ',
  ),
);
const englishMarkers = new Set(
  'the is are at on and there street agents right now in of my his her they outside here hi hello thanks help were was taking took'.split(
    ' ',
  ),
);

/** Language names people text to choose one (normalized), shared with the subscription keywords. */
export const languageNameKeywords = smsLanguageNames;

/**
 * The reply language: a language name as the whole message, Arabic script, or the balance of
 * common English and Spanish words; otherwise the conversation's earlier language, otherwise the
 * network's default. Always one of the network's languages.
 */
export function detectSmsLanguage(
  text: string,
  options: { previous: string | null; enabled: readonly string[] },
): string {
  const enabled = options.enabled.length > 0 ? options.enabled : ['en'];
  const offered = (language: string | null | undefined) =>
    language && enabled.includes(language) ? language : null;
  const named = offered(languageNameKeywords[normalizeSmsKeyword(text)]);
  if (named) return named;
  if (/[\u0600-\u06FF]/.test(text) && offered('ar')) return 'ar';
  const words = text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  let spanish = /[ñáéíóú¿¡]/i.test(text) ? 2 : 0;
  let english = 0;
  for (const word of words) {
    if (spanishMarkers.has(word)) spanish += 1;
    if (englishMarkers.has(word)) english += 1;
  }
  if (spanish > english && offered('es')) return 'es';
  if (english > spanish && offered('en')) return 'en';
  return offered(options.previous) ?? enabled[0] ?? 'en';
}
