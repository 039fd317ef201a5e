/**
 * How many SMS segments a text takes, as carriers bill it (3GPP TS 23.038 / 23.040).
 *
 * GSM-7: 160 septets in one message; concatenated messages carry a 6-byte header and hold 153.
 * Characters of the extension table (^ { } \ [ ~ ] | € and form feed) cost two septets (an escape
 * and the character), and an escape pair is never split across two segments.
 * UCS-2 (any character outside GSM-7): 70 UTF-16 code units, or 67 per segment when
 * concatenated; a surrogate pair (emoji) is never split either.
 */
import type { SmsEncoding, SmsSegmentCount } from './alert.contract.ts';

export type { SmsEncoding, SmsSegmentCount } from './alert.contract.ts';

const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '\f^{}\\[~]|€';
const basicSet = new Set(gsmBasic);
const extensionSet = new Set(gsmExtension);

export function isGsm7(text: string): boolean {
  for (const character of text) {
    if (!basicSet.has(character) && !extensionSet.has(character)) return false;
  }
  return true;
}

export function countSmsSegments(text: string): SmsSegmentCount {
  if (text.length === 0) return { encoding: 'GSM-7', segments: 0, units: 0, unitsPerSegment: 160 };
  // Each entry is an unsplittable unit: its cost in septets or code units.
  const isGsm = isGsm7(text);
  const costs = [...text].map((character) =>
    isGsm ? (extensionSet.has(character) ? 2 : 1) : character.length,
  );
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const single = isGsm ? 160 : 70;
  const concatenated = isGsm ? 153 : 67;
  const encoding: SmsEncoding = isGsm ? 'GSM-7' : 'UCS-2';
  if (units <= single) return { encoding, segments: 1, units, unitsPerSegment: single };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > concatenated) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units, unitsPerSegment: concatenated };
}
