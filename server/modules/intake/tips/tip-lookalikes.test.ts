import { describe, expect, it } from 'vitest';
import { assessTip } from './tip-detector.ts';
import { foldLookalikes } from './tip-lookalikes.ts';

/** Cyrillic е, а, о, р, с in place of the Latin letters, as a tipster would type them. */
function cyrillic(text: string): string {
  const lookalikes: Record<string, string> = {
    e: '\u0435',
    a: '\u0430',
    o: '\u043E',
    p: '\u0440',
    c: '\u0441',
  };
  return text.replace(/[eaopc]/g, (letter) => lookalikes[letter] ?? letter);
}
/** A zero-width space, joiner or bidi control after every letter. */
function invisible(text: string): string {
  const marks = ['\u200B', '\u200D', '\u2060', '\uFEFF', '\u202E', '\u2066', '\u00AD'];
  return [...text]
    .map((character, index) => character + (/\p{L}/u.test(character) ? marks[index % marks.length] : ''))
    .join('');
}

const tips = [
  'I want to report my neighbor, he is illegal and lives at 4410 S Wood St',
  'Quiero denunciar a mi vecino, es ilegal, vive en 2231 W 18th St',
  'Please call ICE on my ex, she overstayed her visa',
  'mi cuñada no tiene papeles, que la deporten',
];
const genuine = [
  'ICE agents are detaining people at 1845 S Loomis St right now',
  'La migra está deteniendo gente en la parada del 18, hay dos camionetas',
];

describe('tip screening reads through look-alike letters and invisible characters', () => {
  it('folds Cyrillic е/а/о, fullwidth and mathematical letters, and drops zero-width and bidi controls', () => {
    expect(foldLookalikes('r\u0435p\u043Ert my n\u0435ighb\u043Er \u0430t')).toBe('report my neighbor at');
    expect(foldLookalikes('ｒｅｐｏｒｔ 𝐢𝐥𝐥𝐞𝐠𝐚𝐥')).toBe('report illegal');
    expect(foldLookalikes('de\u200Bnun\u200Dciar\u202E a\u2066 mi\uFEFF ve\u00ADcino')).toBe(
      'denunciar a mi vecino',
    );
    // Arabic stays Arabic (the Arabic patterns read it), and ASCII is untouched.
    expect(foldLookalikes('أبلغوا عن جاري | 5512 W. Belmont #4')).toBe('أبلغوا عن جاري | 5512 W. Belmont #4');
  });

  for (const tip of tips) {
    it(`flags "${tip.slice(0, 40)}…" written plainly, in Cyrillic look-alikes and with invisible characters`, () => {
      expect(assessTip(tip).isFlagged).toBe(true);
      expect(assessTip(cyrillic(tip)).isFlagged).toBe(true);
      expect(assessTip(invisible(tip)).isFlagged).toBe(true);
      expect(assessTip(invisible(cyrillic(tip))).isFlagged).toBe(true);
    });
  }

  it('does not flag genuine reports because of the folding', () => {
    for (const report of genuine) {
      expect(assessTip(report).isFlagged).toBe(false);
      expect(assessTip(invisible(cyrillic(report))).isFlagged).toBe(false);
    }
  });
});
