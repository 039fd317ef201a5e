import { tipPatternsByLanguage } from './tip-patterns.ts';
import type { TipPatternGroups } from './tip-patterns.ts';
import { foldLookalikes } from './tip-lookalikes.ts';
import { hasPersonName, hasStreetAddress, normalizeTipText } from './tip-text.ts';

/**
 * Why a report looks like a weaponized tip (aimed at getting a private person deported) rather
 * than a report of enforcement activity. Stored with a flagged report; never shown to reporters.
 */
export type { TipReason } from './flagged-report.contract.ts';
import type { TipReason } from './flagged-report.contract.ts';

export interface TipAssessment {
  isFlagged: boolean;
  score: number;
  reasons: TipReason[];
}

/**
 * Weights, tuned on the labelled set in tip-samples.ts and the hand-written hard cases: a single
 * strong signal (asking to report or deport a person) flags alone; a status accusation needs one
 * more sign that it is about a particular person; each sign of enforcement activity happening
 * (agents, vans, "right now", someone taken) counts against, because a genuine report of a raid
 * at a home also names the home and often the person taken.
 */
const weights = {
  denounce: 3,
  deportIntent: 3,
  accusation: 2,
  relation: 1,
  pointer: 1,
  name: 1,
  nameWithAddress: 1,
  quietNameWithAddress: 1,
  enforcementEach: -1,
  enforcementFloor: -3,
} as const;

export const flagThreshold = 3;

const groups: TipPatternGroups[] = Object.values(tipPatternsByLanguage);

function matchesAny(text: string, pick: (patterns: TipPatternGroups) => RegExp[]): boolean {
  return groups.some((patterns) => pick(patterns).some((pattern) => pattern.test(text)));
}

function countEnforcementSigns(text: string): number {
  let count = 0;
  for (const patterns of groups) {
    for (const pattern of patterns.enforcement) if (pattern.test(text)) count += 1;
  }
  return count;
}

/**
 * Scores free text (a report's description and typed location together), after undoing look-alike
 * letters and invisible characters (tip-lookalikes.ts). Every language's patterns run on every
 * text, so a report in mixed Spanish and English is read whole.
 */
export function assessTip(rawText: string): TipAssessment {
  const text = foldLookalikes(rawText);
  const normalized = normalizeTipText(text);
  if (normalized.length === 0) return { isFlagged: false, score: 0, reasons: [] };
  const reasons = new Set<TipReason>();
  let score = 0;

  if (matchesAny(normalized, (patterns) => patterns.denounce)) {
    score += weights.denounce;
    reasons.add('denounces_person');
  }
  if (matchesAny(normalized, (patterns) => patterns.deportIntent)) {
    score += weights.deportIntent;
    reasons.add('wants_deportation');
  }
  if (matchesAny(normalized, (patterns) => patterns.accusation)) {
    score += weights.accusation;
    reasons.add('accuses_status');
  }
  if (matchesAny(normalized, (patterns) => patterns.relation)) score += weights.relation;
  const isPointing = matchesAny(normalized, (patterns) => patterns.pointer);
  if (isPointing) {
    score += weights.pointer;
    reasons.add('points_at_household');
  }

  const enforcementSigns = countEnforcementSigns(normalized);
  const hasName = hasPersonName(text);
  const hasAddress = hasStreetAddress(text);
  if (hasName) score += weights.name;
  if (hasName && hasAddress) {
    score += weights.nameWithAddress;
    // A name and an address with nothing happening there is a pointer at a person, not a report.
    if (enforcementSigns === 0) score += weights.quietNameWithAddress;
    reasons.add('names_person_at_address');
  }
  score += Math.max(weights.enforcementFloor, enforcementSigns * weights.enforcementEach);

  return { isFlagged: score >= flagThreshold, score, reasons: score >= flagThreshold ? [...reasons] : [] };
}
