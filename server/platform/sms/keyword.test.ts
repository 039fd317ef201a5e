import { describe, expect, it } from 'vitest';
import { normalizeSmsKeyword, smsLanguageNames } from './keyword.ts';

describe('normalizeSmsKeyword', () => {
  it('ignores case, accents and punctuation', () => {
    expect(normalizeSmsKeyword('  ¡Sí!  ')).toBe('SI');
    expect(normalizeSmsKeyword('altó')).toBe('ALTO');
    expect(normalizeSmsKeyword('Español')).toBe('ESPANOL');
    expect(normalizeSmsKeyword('acepto: 4821')).toBe('ACEPTO 4821');
    expect(normalizeSmsKeyword('sí, k7h3.')).toBe('SI K7H3');
    expect(normalizeSmsKeyword('opt-out')).toBe('OPT OUT');
  });

  it('folds full-width letters and digits and ligatures to their plain forms', () => {
    expect(normalizeSmsKeyword('Ａｌｔｏ')).toBe('ALTO');
    expect(normalizeSmsKeyword('ＡＬＴＡ　６０６０８')).toBe('ALTA 60608');
    expect(normalizeSmsKeyword('ﬁn')).toBe('FIN');
  });

  it('turns every run of spaces, tabs, newlines, symbols and emoji into one space', () => {
    expect(normalizeSmsKeyword('  Ésta   es\tuna \n PRUEBA! ')).toBe('ESTA ES UNA PRUEBA');
    expect(normalizeSmsKeyword('STOP 🛑🛑')).toBe('STOP');
    expect(normalizeSmsKeyword('join:60608,60609')).toBe('JOIN 60608 60609');
  });

  it('keeps letters of other scripts, without their marks', () => {
    expect(normalizeSmsKeyword('نعم')).toBe('نعم');
    // Alef with hamza above loses the hamza (a combining mark after NFKD), as on many keyboards.
    expect(normalizeSmsKeyword('أقبل')).toBe('اقبل');
    expect(normalizeSmsKeyword('مَرْحَبًا')).toBe('مرحبا');
  });

  it('returns an empty string for nothing but noise', () => {
    expect(normalizeSmsKeyword('')).toBe('');
    expect(normalizeSmsKeyword(' ?! … ')).toBe('');
  });
});

describe('smsLanguageNames', () => {
  it('finds a language from its name however it was typed', () => {
    for (const [typed, code] of [
      ['español', 'es'],
      ['ESPAÑOL', 'es'],
      ['Inglés', 'en'],
      ['english', 'en'],
      ['عربي', 'ar'],
      ['العربية', 'ar'],
      ['Kreyòl', 'ht'],
      ['KREYOL', 'ht'],
      ['ht', 'ht'],
      ['Português', 'pt'],
      ['PORTUGUES', 'pt'],
      ['Tiếng Việt', 'vi'],
      ['中文', 'zh'],
    ] as const) {
      expect(smsLanguageNames[normalizeSmsKeyword(typed)], typed).toBe(code);
    }
    expect(smsLanguageNames[normalizeSmsKeyword('francais')]).toBeUndefined();
  });
});
