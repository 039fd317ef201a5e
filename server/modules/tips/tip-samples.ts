import { pick, tipSampleSets } from './tip-sample-templates.ts';
import type { Random, Slots, Template } from './tip-sample-templates.ts';
import type { LabelledTip } from './tip-scorer.ts';

/**
 * A seeded generator of labelled report texts in English and Spanish for measuring the tip
 * detector: weaponized tips (pointing at a private person) and genuine reports of enforcement,
 * including genuine reports at a home, naming the person taken, or mentioning status. The same
 * seed gives the same set, so a measured figure can be reproduced.
 */
export type TipLanguage = 'en' | 'es';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const givenNames = [
  'Jose',
  'Juan',
  'Maria',
  'Guadalupe',
  'Luis',
  'Rosa',
  'Carlos',
  'Ana',
  'Miguel',
  'Veronica',
  'Pedro',
  'Leticia',
  'John',
  'Mary',
  'Kevin',
  'Ashley',
  'Omar',
  'Fatima',
  'Wendell',
  'Ximena',
  'Anselmo',
  'Bartolo',
  'Reina',
  'Yesenia',
];
const familyNames = [
  'Garcia',
  'Hernandez',
  'Lopez',
  'Martinez',
  'Ramirez',
  'Gonzalez',
  'Perez',
  'Sanchez',
  'Flores',
  'Castillo',
  'Smith',
  'Johnson',
  'Nguyen',
  'Kowalski',
  'Haddad',
  'Okafor',
  'Villanueva',
  'Mendoza',
];
const streets = [
  'Loomis',
  'Ashland',
  'Kedzie',
  'Pulaski',
  'Cermak',
  'Western',
  'Damen',
  'Halsted',
  'Cicero',
  '18th',
  '26th',
  '31st',
  'Archer',
  'California',
  'Lawndale',
  'Harding',
  'Blue Island',
  'Central Park',
];
const suffixes = ['St', 'Ave', 'Rd', 'Blvd', 'Street', 'Avenue'];
const directions = ['S', 'W', 'N', 'E', 'South', 'West', ''];

function nameOf(random: Random): string {
  return `${pick(random, givenNames)} ${pick(random, familyNames)}`;
}

function addressOf(random: Random): string {
  const number = 100 + Math.floor(random() * 6900);
  const direction = pick(random, directions);
  return `${number} ${direction ? `${direction} ` : ''}${pick(random, streets)} ${pick(random, suffixes)}`;
}

function unitOf(random: Random, language: TipLanguage): string {
  const number = 1 + Math.floor(random() * 12);
  const letter = random() < 0.3 ? pick(random, ['A', 'B', 'C']) : '';
  return language === 'en'
    ? pick(random, [`apt ${number}${letter}`, `unit ${number}`, `#${number}${letter}`])
    : pick(random, [`depto ${number}`, `apartamento ${number}${letter}`, `#${number}`]);
}

/** How people actually type: lower case, no accents, no final stop, "q" for "que". */
function vary(text: string, random: Random, language: TipLanguage): string {
  const { prefix, suffix } = tipSampleSets[language].vocabulary;
  let varied = `${pick(random, prefix)}${text.trim()}${pick(random, suffix)}`;
  if (random() < 0.3) varied = varied.toLowerCase();
  if (language === 'es' && random() < 0.3) varied = varied.normalize('NFD').replace(/\p{M}/gu, '');
  if (language === 'es' && random() < 0.2) varied = varied.replace(/\bque\b/g, 'q');
  if (random() < 0.3) varied = varied.replace(/[.!]+$/, '');
  return varied.replace(/\s+/g, ' ').trim();
}

/**
 * `count` labelled examples in `language`, about 45 % weaponized, from `seed`. Each example's
 * `source` names its template (e.g. `en-weaponized-3`) so misses can be read by pattern.
 */
export function generateTipSamples(options: {
  language: TipLanguage;
  count: number;
  seed: number;
}): LabelledTip[] {
  const random = seededRandom(options.seed);
  const set = tipSampleSets[options.language];
  const examples: LabelledTip[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const isWeaponized = random() < 0.45;
    const templates = isWeaponized ? set.weaponized : set.genuine;
    const templateIndex = Math.floor(random() * templates.length);
    const template = templates[templateIndex] as Template;
    const street = pick(random, streets);
    const slots: Slots = {
      name: nameOf(random),
      address: addressOf(random),
      unit: unitOf(random, options.language),
      street,
      street2: pick(
        random,
        streets.filter((candidate) => candidate !== street),
      ),
      count: 2 + Math.floor(random() * 30),
    };
    examples.push({
      text: vary(template(slots, random), random, options.language),
      isWeaponized,
      language: options.language,
      source: `${options.language}-${isWeaponized ? 'weaponized' : 'genuine'}-${templateIndex}`,
    });
  }
  return examples;
}
