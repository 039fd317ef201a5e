import { describe, expect, it } from 'vitest';
import { countSmsSegments, isGsm7 } from './sms-segments.ts';

describe('countSmsSegments', () => {
  it('fits 160 GSM-7 characters in one segment and splits at 153 after that', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      units: 160,
      unitsPerSegment: 160,
    });
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({
      segments: 2,
      units: 161,
      unitsPerSegment: 153,
    });
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(countSmsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(countSmsSegments('')).toMatchObject({ segments: 0 });
  });

  it('counts extension-table characters as two septets', () => {
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSmsSegments(`${'a'.repeat(159)}{`)).toMatchObject({ segments: 2, units: 161 });
    for (const character of ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f']) {
      expect(countSmsSegments(character).units, character).toBe(2);
    }
  });

  it('never splits an escape pair across segments', () => {
    // 152 septets then "€": the pair would straddle the boundary, so it moves to segment two.
    const text = `${'a'.repeat(152)}€${'b'.repeat(152)}`;
    expect(countSmsSegments(text)).toMatchObject({ units: 306, segments: 3 });
    expect(countSmsSegments(`${'a'.repeat(151)}€${'b'.repeat(153)}`)).toMatchObject({
      units: 306,
      segments: 2,
    });
  });

  it('switches to UCS-2 for accents outside GSM-7 and for Arabic, with 70 and 67 code units', () => {
    expect(isGsm7('Redadas en Pilsen: ñ é ü à Ç')).toBe(true);
    expect(isGsm7('á')).toBe(false);
    expect(countSmsSegments('á'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      segments: 1,
      units: 70,
      unitsPerSegment: 70,
    });
    expect(countSmsSegments('á'.repeat(71))).toMatchObject({ segments: 2, unitsPerSegment: 67 });
    expect(countSmsSegments('ت'.repeat(134))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(countSmsSegments('ت'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('counts emoji as two code units and keeps surrogate pairs whole', () => {
    expect(countSmsSegments('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    // 66 units then an emoji: it cannot take the last unit of segment one.
    expect(countSmsSegments(`${'x'.repeat(66)}😀${'y'.repeat(66)}á`)).toMatchObject({
      units: 135,
      segments: 3,
    });
    expect(countSmsSegments(`${'x'.repeat(65)}😀${'y'.repeat(67)}`)).toMatchObject({
      units: 134,
      segments: 2,
    });
  });
});
