/** Facts: sentences that carry figures, dates, counts or named agreements and events. */
import { extractFigures } from './figures';
import type { Figure } from './types';

const NAMED_AGREEMENT =
  /\b(?:\p{Lu}[\p{L}-]+\s+){1,4}(?:agreements?|accords?|protocols?|treaty|treaties|declaration|process|summit|convention|pact|deal|charter|resolution|talks|ministerial|council|conference)\b/iu;
const COUNTS = /\b(?:tens of thousands|hundreds of thousands|thousands|hundreds|dozens|millions|billions)\b/i;

export interface FactInfo {
  figures: Figure[];
  isFact: boolean;
}

/** The figures of a sentence and whether it states a fact worth citing. */
export function factInfo(sentence: string): FactInfo {
  const figures = extractFigures(sentence);
  const named = NAMED_AGREEMENT.exec(sentence);
  const namedProper = named !== null && /\p{Lu}/u.test(named[0][0]);
  return { figures, isFact: figures.length > 0 || COUNTS.test(sentence) || namedProper };
}
