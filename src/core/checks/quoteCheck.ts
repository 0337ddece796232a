/** Is the quotation in the cited passage? If not, how does it differ, and what would the source's words be? */
import type { CorpusDocument } from '../types';
import { shorten } from '../text';
import type { Claim } from './claim';
import { describeDiff, wordDiff, type DiffOp } from './diff';
import { align, dishonestSkip, parseQuote, type Alignment, type QuoteElement } from './quote';
import { documentWords, wordSpan, type Word } from './words';

export interface QuoteProblem {
  message: string;
  expected: string;
  diff?: DiffOp[];
  /** The source's words to put between the quotation marks. */
  replacement?: string;
}

/** Check a quotation against `doc.text[scopeStart, scopeEnd)`; undefined when it is faithful. */
export function checkQuote(briefing: string, claim: Claim, doc: CorpusDocument, scopeStart: number, scopeEnd: number): QuoteProblem | undefined {
  const pattern = parseQuote(claim.text, claim.start);
  const quoteWords = pattern.filter((e) => e.type === 'word').length;
  if (!quoteWords) return undefined;
  const list = documentWords(doc);
  const [i0, i1] = wordSpan(list, scopeStart, scopeEnd);
  const a = align(pattern, list, i0, i1);
  const sourceSpan = (x: Alignment) => collapse(doc.text.slice(list[x.from].start, list[x.to - 1].end));
  if (a.exact) {
    const bad = dishonestSkip(a, pattern, list);
    if (!bad) return undefined;
    const el = pattern[bad.q];
    const mark = briefing.slice(el.start, el.end);
    return {
      message: `the ${el.type === 'gap' ? 'ellipsis' : 'bracket'} “${mark}” stands for “${bad.words.join(' ')}”, which changes the meaning`,
      expected: sourceSpan(a),
      replacement: replacementText(a, pattern, list, doc.text, briefing, claim.open),
    };
  }
  if (a.matched < Math.max(1, Math.ceil(quoteWords / 3))) {
    return { message: 'the quoted words are not in the cited passage', expected: shorten(doc.text.slice(scopeStart, scopeEnd), 300) };
  }
  const diff = wordDiff(a, pattern, briefing, list, doc.text);
  return {
    message: `the quote differs from the source: ${describeDiff(diff)}`,
    expected: sourceSpan(a),
    diff,
    replacement: replacementText(a, pattern, list, doc.text, briefing, claim.open),
  };
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The source's words for the quotation: each stretch between ellipses becomes the source text it was
 * aligned with, and the ellipses stay. Inner quotation marks are turned into the other kind.
 */
export function replacementText(a: Alignment, pattern: readonly QuoteElement[], list: readonly Word[], sourceText: string, briefing: string, open?: string): string {
  const parts: string[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  const flush = () => {
    if (lo !== Infinity) parts.push(collapse(sourceText.slice(list[lo].start, list[hi].end)));
    lo = Infinity;
    hi = -Infinity;
  };
  const take = (s: number) => {
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  };
  for (const op of a.ops) {
    if (op.op === 'skip' && pattern[op.q].type === 'gap') {
      flush();
      const el = pattern[op.q];
      parts.push(briefing.slice(el.start, el.end));
    } else if (op.op === 'skip') op.s.forEach(take);
    else if (op.op !== 'insert') take(op.s);
  }
  flush();
  let out = parts.join(' ');
  if (open === '“' || open === '„') out = out.replace(/“/g, '‘').replace(/”/g, '’');
  else if (open === '"') out = out.replace(/"/g, "'");
  return out;
}
