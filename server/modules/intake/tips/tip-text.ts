/**
 * Text features that are not phrases: normalization, street addresses and personal names. Names
 * are found by a first-name lexicon followed by a capitalized surname, or by a cue ("named",
 * "se llama", "Sr.") followed by capitalized words; streets named after people ("Blue Island
 * Ave") are excluded by what follows them.
 */

/** Lower case, accents and other combining marks removed, spaces collapsed. */
export function normalizeTipText(text: string): string {
  return (
    stripMarks(text)
      .toLowerCase()
      .replace(/[’‘`´]/g, "'")
      // Text-message shorthand in Spanish: "q" for que, "xq"/"pq" for porque, "x" for por.
      .replace(/\bq\b/g, 'que')
      .replace(/\b(?:xq|pq)\b/g, 'porque')
      .replace(/\bx\b/g, 'por')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Accents removed, case kept (for names). */
export function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

const streetSuffix =
  '(?:st|street|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|pl|place|way|pkwy|parkway|hwy|highway|ter|terrace|cir|circle|calle|avenida)';

const addressPatterns = [
  // 1845 S Loomis St, 2231 West 18th Street, 12 Oak Ave
  new RegExp(
    `\\b\\d{1,6}\\s+(?:[nsew]\\.?\\s+|north\\s+|south\\s+|east\\s+|west\\s+)?(?:[a-z0-9.']+\\s+){0,3}${streetSuffix}\\b`,
    'i',
  ),
  // calle Loomis 1845, avenida Kedzie numero 2100
  /\b(?:calle|avenida|av\.?)\s+(?:[a-z0-9.']+\s+){1,3}(?:#|no\.?|numero|num\.?)?\s*\d{1,6}\b/i,
  // apartment or unit numbers point at one household
  /\b(?:apt|apartment|unit|apartamento|depto|departamento|dpto)\.?\s*#?\s*\d{1,5}[a-z]?\b/i,
  /(?:^|\s)#\d{1,4}[a-z]?\b/i,
];

export function hasStreetAddress(text: string): boolean {
  const plain = stripMarks(text);
  return addressPatterns.some((pattern) => pattern.test(plain));
}

// Common given names in the communities these hotlines serve (English and Spanish), lower case.
const firstNames = new Set(
  `juan jose josé luis carlos jesus jesús miguel pedro manuel francisco antonio javier jorge alejandro
  fernando ricardo roberto rafael sergio eduardo mario oscar raul raúl ramon ramón hector héctor
  arturo alberto armando enrique ernesto gerardo guillermo gustavo hugo ignacio jaime julio lorenzo
  marco martin martín mateo nicolas omar pablo rodrigo ruben rubén salvador santiago teodoro tomas
  victor víctor alfredo andres andrés angel ángel benjamin cesar césar daniel david diego edgar
  efrain emilio esteban felipe gabriel gilberto ivan iván joaquin joaquín leonardo marcos noe
  maria maría guadalupe lupe rosa ana carmen juana margarita veronica verónica patricia leticia
  elena isabel sofia sofía lucia lucía gabriela daniela adriana alejandra beatriz claudia diana
  fernanda graciela irma josefina laura lorena marisol martha marta monica mónica norma silvia
  teresa yolanda esperanza dolores luz rocio rocío araceli blanca brenda cecilia cristina elsa
  erika estela gloria ines inés karla liliana mercedes miriam olga paola raquel reyna sandra susana
  john james robert michael william richard joseph thomas charles christopher daniel matthew
  anthony mark donald steven paul andrew joshua kevin brian george timothy ronald jason edward
  jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon frank gregory
  raymond samuel patrick alexander jack dennis jerry tyler aaron henry adam peter nathan zachary
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
  margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
  stephanie rebecca sharon cynthia kathleen amy angela shirley anna brenda pamela emma nicole
  helen samantha katherine christine debra rachel carolyn janet catherine heather diane ruth
  julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea
  cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean
  abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa
  diana natalie brittany charlotte marie kayla alexis lori mohammed muhammad ahmed ali omar fatima
  aisha yusuf ibrahim khalid hassan hussein mustafa layla mariam nadia samir tariq`
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => stripMarks(name)),
);

// Common family names (US census and Spanish-speaking countries), lower case, accents removed.
const familyNames = new Set(
  `garcia hernandez lopez martinez gonzalez rodriguez perez sanchez ramirez torres flores rivera
  gomez diaz reyes cruz morales ortiz gutierrez chavez ramos ruiz alvarez mendoza castillo jimenez
  moreno romero herrera medina aguilar vasquez vazquez castro fernandez guzman munoz salazar
  rojas contreras luna dominguez soto vargas delgado estrada nunez silva mejia juarez campos
  cervantes navarro avila espinoza villanueva sandoval ochoa cortez santiago padilla guerrero
  smith johnson williams brown jones miller davis wilson anderson thomas taylor moore jackson
  martin lee thompson white harris clark lewis robinson walker young allen king wright scott
  nguyen tran le pham kowalski nowak haddad okafor khan ali patel`
    .split(/\s+/)
    .filter(Boolean),
);

// Capitalized words that start place names, businesses and agencies, never a person here.
const notNames = new Set(
  `ice cbp hsi dhs fbi the el la los las home depot walmart target jewel aldi costco mcdonalds
  little village blue island south north east west cook county court school church park station
  street avenue calle avenida mercado plaza centro hospital clinic`
    .split(/\s+/)
    .filter(Boolean),
);

const capitalized = "[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?";
const particles = '(?:\\s+(?:de|del|de la|de los|y|van|von|da|al|el|bin|ibn))?';
const lexiconName = new RegExp(
  `\\b(${capitalized})${particles}\\s+(${capitalized})\\b(?!\\s*(?:${streetSuffix})\\b)`,
  'g',
);
const cuedName = new RegExp(
  `\\b(?:named|called|name is|se llama|llamad[oa]|de nombre|nombre es|mr\\.?|mrs\\.?|ms\\.?|miss|sr\\.?|sra\\.?|srta\\.?|don|dona|senor|senora)\\s+(${capitalized})\\b`,
  'gi',
);

// Two words right before a house number: "Dmitri Volkov 5512 W Belmont", "ximena garcia, 4584 ...".
const pairBeforeNumber =
  /\b([A-Za-z][a-z]+(?:[-'][A-Za-z]?[a-z]+)?)\s+([A-Za-z][a-z]+(?:[-'][A-Za-z]?[a-z]+)?),?\s+\d{1,6}\s/g;
const anyCasePair = /\b([a-z]+)\s+([a-z]+)\b/g;

const isCapitalized = (word: string) => /^[A-Z]/.test(word);

/**
 * Whether the text names a private person: a cued name ("named Ruiz", "la señora Estrada"); a
 * capitalized pair with a known given or family name; a lower-case pair where both are known; or
 * a pair right before a house number with a known name or both capitalized.
 */
export function hasPersonName(text: string): boolean {
  const plain = stripMarks(text);
  for (const match of plain.matchAll(cuedName)) {
    const name = match[1] ?? '';
    if (isCapitalized(name) && !notNames.has(name.toLowerCase())) return true;
  }
  for (const match of plain.matchAll(lexiconName)) {
    const given = (match[1] ?? '').toLowerCase();
    const family = (match[2] ?? '').toLowerCase();
    if (notNames.has(given) || notNames.has(family)) continue;
    if (firstNames.has(given) || familyNames.has(family)) return true;
  }
  for (const match of plain.matchAll(pairBeforeNumber)) {
    const [given = '', family = ''] = [match[1], match[2]];
    if (notNames.has(given.toLowerCase()) || notNames.has(family.toLowerCase())) continue;
    const isKnown = firstNames.has(given.toLowerCase()) || familyNames.has(family.toLowerCase());
    if (isKnown || (isCapitalized(given) && isCapitalized(family))) return true;
  }
  for (const match of plain.toLowerCase().matchAll(anyCasePair)) {
    if (firstNames.has(match[1] ?? '') && familyNames.has(match[2] ?? '')) return true;
  }
  return false;
}
