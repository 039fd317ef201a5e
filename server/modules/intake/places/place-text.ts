/**
 * How typed places are compared: accents, case, punctuation, street-type abbreviations, compass
 * prefixes and ordinals are folded away, so "W. 18th St", "18th Street" and "la 18" give the same
 * key ("18"), and "Blue Island Ave" and "blue island" give "blue island". Pure, no I/O.
 */

const streetTypes = new Set([
  'st',
  'street',
  'str',
  'ave',
  'av',
  'avenue',
  'blvd',
  'boulevard',
  'rd',
  'road',
  'dr',
  'drive',
  'pkwy',
  'parkway',
  'pl',
  'place',
  'ct',
  'court',
  'ln',
  'lane',
  'hwy',
  'highway',
  'ter',
  'terrace',
  'way',
  // Spanish: "calle 18", "avenida Blue Island", "bulevar ..."
  'calle',
  'avenida',
  'avda',
  'bulevar',
  'camino',
]);

const compassWords = new Set([
  'n',
  's',
  'e',
  'w',
  'north',
  'south',
  'east',
  'west',
  'norte',
  'sur',
  'este',
  'oeste',
]);

/** Words that say nothing about which place: articles, "the corner of", "near". */
const fillerWords = new Set([
  'the',
  'of',
  'on',
  'at',
  'near',
  'corner',
  'la',
  'el',
  'los',
  'las',
  'de',
  'del',
  'en',
  'esquina',
  'cerca',
  'frente',
  'a',
  'al',
]);

const wordOrdinals: Record<string, string> = {
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
  seventh: '7',
  eighth: '8',
  ninth: '9',
  tenth: '10',
  primera: '1',
  segunda: '2',
  tercera: '3',
  cuarta: '4',
  quinta: '5',
};

/** Lower case, accents removed, `&` and `@` read as words, everything else but letters and digits a space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/@/g, ' at ')
    .replace(/\//g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function ordinalOf(word: string): string {
  const numbered = /^(\d+)(st|nd|rd|th|a|o|va|vo|ra|ro|da|do)?$/.exec(word);
  if (numbered) return String(Number(numbered[1]));
  return wordOrdinals[word] ?? word;
}

/**
 * A street name's key: its words folded, compass prefixes, street types and fillers dropped,
 * ordinals as numbers. A name made only of such words keeps them (a street called "Avenue N").
 */
export function streetKey(name: string): string {
  const words = foldText(name).split(' ').filter(Boolean).map(ordinalOf);
  const core = words.filter(
    (word) => !streetTypes.has(word) && !compassWords.has(word) && !fillerWords.has(word),
  );
  return (core.length > 0 ? core : words).join(' ');
}

/** A named place's key: folded words without articles ("The Home Depot" → "home depot"). */
export function placeKey(name: string): string {
  const words = foldText(name).split(' ').filter(Boolean);
  const core = words.filter((word) => !fillerWords.has(word));
  return (core.length > 0 ? core : words).join(' ');
}

/** Joiners between two street names, English and Spanish ("and" also stands for `&`). */
const joiners = /\s(?:and|y|e|con|at|x|with)\s/;
/** Openers of an intersection phrase, removed before splitting. */
const openers =
  /^(?:(?:en\s+)?(?:la\s+)?esquina\s+(?:de\s+)?|(?:the\s+)?corner\s+of\s+|(?:at|on|en|near|cerca\s+de)\s+)+/;

/**
 * The two streets of a typed intersection ("18th & Blue Island", "Blue Island and 18th",
 * "la 18 y Paulina", "esquina de Cermak con Western"), as street keys; null when the text does not
 * read as two streets.
 */
export function parseIntersection(text: string): [string, string] | null {
  const folded = foldText(text).replace(openers, '');
  const parts = folded.split(joiners);
  if (parts.length !== 2) return null;
  const [first, second] = parts.map((part) => streetKey(part));
  if (!first || !second || first === second) return null;
  return [first, second];
}

/** Edit distance (insertions, deletions, substitutions), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether a typed key names a known key: equal, or one typo away for keys of five letters or more
 * (two for ten or more). Numbers must match exactly: "18" is never "19".
 */
export function isSameKey(typed: string, known: string): boolean {
  if (typed === known) return true;
  if (/\d/.test(typed) || /\d/.test(known)) return false;
  const allowed = known.length >= 10 ? 2 : known.length >= 5 ? 1 : 0;
  return allowed > 0 && editDistance(typed, known, allowed) <= allowed;
}
