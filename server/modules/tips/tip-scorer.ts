import { assessTip } from './tip-detector.ts';

/** One labelled example: is this text a weaponized tip? */
export interface LabelledTip {
  text: string;
  isWeaponized: boolean;
  language: string;
  /** Where the example comes from (a template id or 'hard-case'), to read misses by source. */
  source: string;
}

export interface TipScore {
  examples: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  /** The misclassified examples, for reading (never logged in production: test data only). */
  misses: { text: string; expected: boolean; source: string }[];
}

/**
 * Precision and recall of a classifier (default: the detector) on labelled examples. Precision is
 * 1 when nothing was flagged and recall is 1 when there was nothing to find, so an empty class
 * cannot fail a floor by division by zero.
 */
export function scoreTipDetector(
  examples: readonly LabelledTip[],
  isFlagged: (text: string) => boolean = (text) => assessTip(text).isFlagged,
): TipScore {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  const misses: TipScore['misses'] = [];
  for (const example of examples) {
    const flagged = isFlagged(example.text);
    if (flagged && example.isWeaponized) truePositives += 1;
    else if (flagged) falsePositives += 1;
    else if (example.isWeaponized) falseNegatives += 1;
    else trueNegatives += 1;
    if (flagged !== example.isWeaponized) {
      misses.push({ text: example.text, expected: example.isWeaponized, source: example.source });
    }
  }
  const flaggedCount = truePositives + falsePositives;
  const positives = truePositives + falseNegatives;
  return {
    examples: examples.length,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives,
    precision: flaggedCount === 0 ? 1 : truePositives / flaggedCount,
    recall: positives === 0 ? 1 : truePositives / positives,
    misses,
  };
}
