/** Figures (numbers, percentages, money, dates) in a cited sentence that the cited passage does not carry. */
import type { CorpusDocument, Figure } from '../types';
import { extractFigures, sameFigure } from '../figures';
import { Memo } from './memo';

const claimFigures = new Memo<Figure[]>();

export interface FigureProblem {
  figure: Figure;
  /** The source's figure of the same kind, when the passage has one. */
  source?: Figure;
}

const cache = new WeakMap<CorpusDocument, Map<string, Figure[]>>();

/** Figures of `doc.text[start, end)`, cached per document and span. */
export function figuresIn(doc: CorpusDocument, start: number, end: number): Figure[] {
  let perDoc = cache.get(doc);
  if (!perDoc) {
    perDoc = new Map();
    cache.set(doc, perDoc);
  }
  const key = `${start}:${end}`;
  let figs = perDoc.get(key);
  if (!figs) {
    figs = extractFigures(doc.text.slice(start, end));
    perDoc.set(key, figs);
  }
  return figs;
}

const group = (f: Figure) => f.kind;

function carries(source: readonly Figure[], f: Figure): boolean {
  if (source.some((s) => sameFigure(f, s))) return true;
  // A year matches a full date in that year ("in 2021" / "2 December 2021").
  if (f.kind === 'year') return source.some((s) => s.kind === 'date' && s.normal?.startsWith(`${f.value}-`));
  return false;
}

/** The claim's figures (offsets relative to `claimText`) the source figures do not carry. */
export function checkFigures(claimText: string, source: readonly Figure[]): FigureProblem[] {
  const out: FigureProblem[] = [];
  for (const f of claimFigures.get(claimText, () => extractFigures(claimText))) {
    if (carries(source, f)) continue;
    const same = source.filter((s) => group(s) === group(f) && !sameFigure(s, f));
    const nearest = same.sort((a, b) => Math.abs(a.value - f.value) - Math.abs(b.value - f.value))[0];
    out.push(nearest ? { figure: f, source: nearest } : { figure: f });
  }
  return out;
}
