/**
 * Finding the cited passage in its source: at the citation's line hint when the text there agrees,
 * otherwise by text (as written, then with case/quotes/whitespace folded, then approximately), and
 * otherwise not at all. A lookalike is never taken: an approximate match must be close and unambiguous.
 */
import type { CorpusDocument, Passage } from '../types';
import { parseFragment } from '../footnotes';
import { locatorOffsets } from '../readers/locator';
import type { Located } from './types';
import { align, type QuoteElement } from './quote';
import { similarity } from './similarity';
import { documentSentences, documentWords, findSequence, firstWordAfter, wordSpan, type Word } from './words';

/** Is this a locator as the citation format writes them (whether or not it names a place in the file)? */
export function isLocator(fragment: string): boolean {
  return !!parseFragment(fragment) || /^(?:(?:page|paragraph)=\d+(?:&text=\d+-\d+)?|text=\d+-\d+)$/i.test(fragment);
}

/** A locator that names a passage exactly (columns or character offsets), not lines or a page that hold it. */
export function isExactLocator(fragment: string): boolean {
  const r = parseFragment(fragment);
  if (r) return r.startColumn !== undefined && r.endColumn !== undefined;
  return /(?:^|&)text=\d+-\d+$/i.test(fragment);
}

export interface Anchors {
  /** The link title: the passage's opening words; `complete` when it is the whole passage (no ellipsis). */
  title?: { words: string[]; raw: string; complete: boolean };
  /** A quotation of the passage (the first quote among the claims that cite it). */
  quote?: QuoteElement[];
}

export type LocateResult = { located: Located } | { notFound: string };

/** Approximate matches must be at least this similar to the citation's text… */
const FUZZY_MIN = 0.85;
/** …or, when a quotation confirms the place, at least this. */
const FUZZY_WITH_QUOTE = 0.7;
/** …and better than the runner-up by this much. */
const FUZZY_MARGIN = 0.04;

/** Find the passage a citation names: `fragment` is the link's locator (without `#`), when it is one. */
export function locatePassage(doc: CorpusDocument, fragment: string | undefined, anchors: Anchors): LocateResult {
  const hint = fragment && isLocator(fragment) ? fragment : undefined;
  const ctx = new Context(doc, hint);
  const quoteWords = anchors.quote?.filter((e) => e.type === 'word').length ?? 0;
  if (anchors.title && anchors.title.words.length) {
    const r = ctx.byTitle(anchors.title, quoteWords ? anchors.quote : undefined);
    if (r) return { located: r };
  }
  if (anchors.quote && quoteWords) {
    // When the opening words cannot be found the source has changed: only the quotation's exact words will do.
    const r = ctx.byQuote(anchors.quote, !!anchors.title?.words.length);
    if (r) return { located: r };
  }
  if (!anchors.title?.words.length && !quoteWords) {
    if (ctx.region) return { located: ctx.make(ctx.region.start, ctx.region.end, 'hint', 'unverified') };
    if (!hint) return { located: ctx.make(0, doc.text.length, 'text', 'unverified') };
    return { notFound: `the cited place (#${hint}) is not in the file and the citation has no text to find the passage by` };
  }
  const what = anchors.title?.words.length ? `“${anchors.title.raw}”` : 'the quoted words';
  return { notFound: `${what} cannot be found in the source${hint ? ' (not at the cited lines, nor anywhere else with confidence)' : ''}` };
}

class Context {
  readonly words: Word[];
  readonly region: { start: number; end: number } | undefined;
  /** The hint names columns: it is the passage itself, not lines that contain it. */
  readonly full: boolean;

  constructor(
    readonly doc: CorpusDocument,
    readonly hint: string | undefined,
  ) {
    this.words = documentWords(doc);
    this.region = hint ? locatorOffsets(doc, hint) : undefined;
    this.full = hint ? isExactLocator(hint) : false;
  }

  /** Offset the hint points at, for picking the nearest of several occurrences. */
  private hintOffset(): number {
    if (this.region) return this.region.start;
    const line = this.hint ? parseFragment(this.hint)?.startLine : undefined;
    if (!line || this.doc.format === 'pdf' || this.doc.format === 'docx') return 0;
    const starts = this.doc.lineStarts;
    return starts[Math.min(Math.max(line - 1, 0), starts.length - 1)];
  }

  make(start: number, end: number, how: Located['how'], match: Located['match']): Located {
    let scopeStart = start;
    let scopeEnd = end;
    if (this.hint && !this.full && this.doc.format !== 'pdf' && this.doc.format !== 'docx') {
      // A line citation is checked against whole lines.
      scopeStart = this.doc.text.lastIndexOf('\n', start - 1) + 1;
      scopeEnd = Math.max(end, lineEnd(this.doc.text, Math.max(start, end - 1)));
      if (how === 'hint' && this.region) {
        scopeStart = Math.min(scopeStart, this.region.start);
        scopeEnd = Math.max(scopeEnd, this.region.end);
      }
    }
    return { start, end, scopeStart, scopeEnd, how, match };
  }

  private seqAt(i: number, seq: readonly string[]): boolean {
    if (i + seq.length > this.words.length) return false;
    for (let k = 0; k < seq.length; k++) if (this.words[i + k].norm !== seq[k]) return false;
    return true;
  }

  byTitle(title: NonNullable<Anchors['title']>, quote: QuoteElement[] | undefined): Located | undefined {
    const T = title.words;
    const list = this.words;
    const text = this.doc.text;
    const tier = (start: number): Located['match'] => (text.startsWith(title.raw, start) ? 'exact' : 'normalised');
    // 1. At the hint.
    if (this.region) {
      const { start, end } = this.region;
      if (this.full) {
        const i = firstWordAfter(list, start);
        if (i < list.length && list[i].start < Math.max(end, start + 1) && !/[\p{L}\p{N}]/u.test(text.slice(start, list[i].start)) && this.seqAt(i, T)) {
          return this.make(start, end, 'hint', text.startsWith(title.raw, list[i].start) || text.startsWith(title.raw, start) ? 'exact' : 'normalised');
        }
      } else {
        const [i0, i1] = wordSpan(list, start, end);
        for (let i = i0; i < i1; i++) {
          if (!this.seqAt(i, T)) continue;
          const p = this.passageFrom(i, T.length, title.complete);
          return this.make(p.start, p.end, 'hint', tier(list[i].start));
        }
      }
    }
    // 2. Elsewhere, as written or folded: the occurrence nearest the hint.
    const found = findSequence(list, T);
    if (found.length) {
      const at = this.hintOffset();
      const i = found.reduce((a, b) => (Math.abs(list[b].start - at) < Math.abs(list[a].start - at) ? b : a));
      const p = this.passageFrom(i, T.length, title.complete);
      return this.make(p.start, p.end, this.hint ? 'moved' : 'text', tier(list[i].start));
    }
    // 3. Approximately: sentences whose opening words are close to the title, confirmed by the quotation if any.
    const want = T.join(' ');
    const scored: Array<{ p: Passage; sim: number }> = [];
    const titleSet = new Set(T);
    for (const p of documentSentences(this.doc)) {
      const [a, b] = wordSpan(list, p.start, p.end);
      const take = title.complete ? b : Math.min(b, a + T.length);
      if (take - a < T.length * 0.5) continue;
      let shared = 0;
      for (let k = a; k < take; k++) if (titleSet.has(list[k].norm)) shared++;
      if (shared < T.length * 0.5) continue;
      const cand = list.slice(a, take).map((w) => w.norm).join(' ');
      const sim = similarity(want, cand, FUZZY_WITH_QUOTE);
      if (sim > 0) scored.push({ p, sim });
    }
    scored.sort((x, y) => y.sim - x.sim);
    const best = scored[0];
    if (!best) return undefined;
    const runnerUp = scored[1]?.sim ?? 0;
    if (best.sim - runnerUp < FUZZY_MARGIN) return undefined;
    if (best.sim < FUZZY_MIN) {
      if (!quote) return undefined;
      const [a, b] = wordSpan(list, best.p.start, best.p.end);
      if (!align(quote, list, a, b).exact) return undefined;
    }
    return this.make(best.p.start, best.p.end, this.atHint(best.p.start, best.p.end) ? 'hint' : this.hint ? 'moved' : 'text', 'fuzzy');
  }

  private atHint(start: number, end: number): boolean {
    if (!this.region) return false;
    if (this.full) return this.region.start === start && this.region.end === end;
    return start >= this.region.start && start < Math.max(this.region.end, this.region.start + 1);
  }

  /** The passage that starts with the `n` words from word `i`: a whole sentence of the document when one starts there. */
  private passageFrom(i: number, n: number, complete: boolean): { start: number; end: number } {
    const list = this.words;
    const text = this.doc.text;
    const first = list[i];
    const last = list[Math.min(i + n, list.length) - 1];
    const p = this.passageStartingNear(first.start);
    const start = p ? p.start : first.start;
    if (!complete) return { start, end: p ? p.end : this.passageContaining(first.start)?.end ?? lineEnd(text, first.start) };
    if (p && wordSpan(list, p.start, p.end)[1] === i + n) return { start, end: p.end };
    let end = last.end;
    while (end < text.length && /[.!?”"’)\]…]/.test(text[end])) end++;
    return { start, end };
  }

  private passageStartingNear(offset: number): Passage | undefined {
    const list = documentSentences(this.doc);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start < offset - 3) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < list.length && list[k].start <= offset; k++) {
      if (!/[\p{L}\p{N}]/u.test(this.doc.text.slice(list[k].start, offset))) return list[k];
    }
    return undefined;
  }

  private passageContaining(offset: number): Passage | undefined {
    return documentSentences(this.doc).find((p) => p.start <= offset && offset < p.end);
  }

  /** The document's sentences that overlap `[start, end)`, joined; or the span itself. */
  private sentencesAround(start: number, end: number): { start: number; end: number } {
    let s = start;
    let e = end;
    for (const p of documentSentences(this.doc)) {
      if (p.end <= start || p.start >= end) continue;
      s = Math.min(s, p.start);
      e = Math.max(e, p.end);
    }
    return { start: s, end: e };
  }

  byQuote(quote: QuoteElement[], exactOnly: boolean): Located | undefined {
    const list = this.words;
    const text = this.doc.text;
    const place = (a: { from: number; to: number }) => this.sentencesAround(list[a.from].start, list[a.to - 1].end);
    const quoteWords = quote.filter((e) => e.type === 'word').length;
    // 1. At the hint.
    let inRegion: ReturnType<typeof align> | undefined;
    if (this.region) {
      const [i0, i1] = wordSpan(list, this.region.start, this.region.end);
      inRegion = align(quote, list, i0, i1);
      if (inRegion.exact) {
        const p = this.full ? this.region : place(inRegion);
        return this.make(p.start, p.end, 'hint', 'normalised');
      }
    }
    // 2. Elsewhere: the lines that hold the quotation's first word.
    const firstWord = quote.find((e) => e.type === 'word');
    const lines = new Map<number, { start: number; end: number }>();
    const addLine = (offset: number) => {
      const start = text.lastIndexOf('\n', offset - 1) + 1;
      if (!lines.has(start)) lines.set(start, { start, end: lineEnd(text, start) });
    };
    if (firstWord && firstWord.type === 'word') for (const w of list) if (w.norm === firstWord.norm) addLine(w.start);
    const at = this.hintOffset();
    let best: { start: number; end: number; d: number } | undefined;
    for (const line of lines.values()) {
      const [i0, i1] = wordSpan(list, line.start, line.end);
      const a = align(quote, list, i0, i1);
      if (!a.exact) continue;
      const p = place(a);
      const d = Math.abs(p.start - at);
      if (!best || d < best.d) best = { ...p, d };
    }
    if (best) return this.make(best.start, best.end, this.hint ? 'moved' : 'text', 'normalised');
    if (exactOnly) return undefined;
    // 3. Approximately at the hint: most of the quoted words are there (the quotation is then reported as altered).
    if (inRegion && inRegion.matched >= quoteWords * 0.5) {
      const p = this.full ? this.region! : place(inRegion);
      return this.make(p.start, p.end, 'hint', 'fuzzy');
    }
    // 4. Approximately elsewhere: one clearly best paragraph.
    const all = new Set(quote.filter((e) => e.type === 'word').map((e) => (e.type === 'word' ? e.norm : '')));
    lines.clear();
    for (const w of list) if (all.has(w.norm)) addLine(w.start);
    const scored: Array<{ start: number; end: number; score: number }> = [];
    for (const line of lines.values()) {
      const [i0, i1] = wordSpan(list, line.start, line.end);
      const a = align(quote, list, i0, i1);
      if (!a.matched) continue;
      const score = (2 * a.matched) / (quoteWords + (a.to - a.from));
      scored.push({ ...place(a), score });
    }
    scored.sort((x, y) => y.score - x.score);
    const top = scored[0];
    if (!top || top.score < 0.75 || top.score - (scored[1]?.score ?? 0) < FUZZY_MARGIN) return undefined;
    return this.make(top.start, top.end, this.hint ? 'moved' : 'text', 'fuzzy');
  }
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}
