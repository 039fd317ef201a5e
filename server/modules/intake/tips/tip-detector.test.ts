import { describe, expect, it } from 'vitest';
import { assessTip } from './tip-detector.ts';
import { tipHardCases } from '../../../../test/fixtures/tips/tip-hard-cases.ts';
import { generateTipSamples } from '../../../../test/fixtures/tips/tip-samples.ts';
import { scoreTipDetector } from '../../../../test/fixtures/tips/tip-scorer.ts';
import type { TipScore } from '../../../../test/fixtures/tips/tip-scorer.ts';

/** Floors the detector must keep on the labelled set (issue 4: state precision and recall). */
const floors = { precision: 0.9, recall: 0.85 };
const seed = 20261129;

function summary(label: string, score: TipScore): string {
  return `${label}: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)} (${score.examples} examples, TP ${score.truePositives} FP ${score.falsePositives} FN ${score.falseNegatives} TN ${score.trueNegatives})`;
}

describe('weaponized-tip detector, measured on a labelled set', () => {
  for (const language of ['en', 'es'] as const) {
    it(`keeps precision ≥ ${floors.precision} and recall ≥ ${floors.recall} in ${language}`, () => {
      const generated = generateTipSamples({ language, count: 300, seed });
      const hard = tipHardCases[language];
      expect(generated.length).toBeGreaterThanOrEqual(200);
      expect(new Set(generated.map((example) => example.source)).size).toBeGreaterThanOrEqual(25);
      const all = scoreTipDetector([...generated, ...hard]);
      const hardOnly = scoreTipDetector(hard);
      console.log(summary(`tips ${language} all`, all));
      console.log(summary(`tips ${language} hand-written`, hardOnly));
      expect(all.precision).toBeGreaterThanOrEqual(floors.precision);
      expect(all.recall).toBeGreaterThanOrEqual(floors.recall);
      expect(hardOnly.precision).toBeGreaterThanOrEqual(floors.precision);
      expect(hardOnly.recall).toBeGreaterThanOrEqual(floors.recall);
    });
  }

  it('has both classes in each set, so neither figure is vacuous', () => {
    for (const language of ['en', 'es'] as const) {
      const examples = [...generateTipSamples({ language, count: 300, seed }), ...tipHardCases[language]];
      const positives = examples.filter((example) => example.isWeaponized).length;
      expect(positives).toBeGreaterThan(examples.length * 0.3);
      expect(positives).toBeLessThan(examples.length * 0.7);
      // A detector that flags nothing, or everything, fails the floors.
      expect(scoreTipDetector(examples, () => false).recall).toBe(0);
      expect(scoreTipDetector(examples, () => true).precision).toBeLessThan(floors.precision);
    }
  });

  it('is reproducible from its seed', () => {
    const first = generateTipSamples({ language: 'es', count: 50, seed: 7 });
    expect(generateTipSamples({ language: 'es', count: 50, seed: 7 })).toEqual(first);
    expect(generateTipSamples({ language: 'es', count: 50, seed: 8 })).not.toEqual(first);
  });
});

describe('assessTip', () => {
  it.each([
    'I want to report my neighbor, she is illegal and lives at 2100 S Kedzie Ave',
    'Quiero denunciar a mi vecino, es ilegal y vive en 2100 S Kedzie Ave',
    'ilegal vive en 3300 W 25th St, manden a la migra',
    'undocumented person lives at 4400 W 26th St apt 2',
    'Juan Pérez, 4521 S Ashland Ave apt 3',
    'Quero denunciar meu vizinho, ele está ilegal e mora na rua Kedzie 2100',
    'Mwen vle denonse vwazen mwen, li san papye, li rete nan 2100 S Kedzie Ave',
  ])('flags %j', (text) => {
    const assessment = assessTip(text);
    expect(assessment.isFlagged).toBe(true);
    expect(assessment.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    'ICE agents are knocking on my neighbor’s door at 1845 S Loomis St right now',
    'La migra se llevó a mi vecino Juan Pérez de su casa en 2231 W 18th St esta mañana',
    'Agents arrested undocumented workers at the car wash on 26th',
    'checkpoint on Cicero and 31st',
    'Os agentes levaram meu vizinho agora mesmo na frente da casa dele',
    'Ajan yo arete vwazen mwen kounye a devan kay li',
    'Tôi thấy xe cảnh sát ở góc đường 26',
    '',
  ])('does not flag a genuine report at a home or workplace: %j', (text) => {
    expect(assessTip(text)).toMatchObject({ isFlagged: false, reasons: [] });
  });
});
