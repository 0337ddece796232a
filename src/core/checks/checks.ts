/**
 * The citation checks of a briefing, one engine for the editor's diagnostics and hovers and for the
 * command line: footnote bookkeeping, where each citation's source and passage are, and whether the
 * cited claims (quotes, figures) agree with the passage.
 */
import type { CorpusDocument } from '../types';
import { labelKey, parseCitationLink, parseFootnotes, type CitationLink, type FootnoteDefinition, type FootnoteReference, type Footnotes } from '../footnotes';
import { dirname, isInside, joinPath, relativePath } from '../fs';
import { lineStarts, offsetToPosition } from '../text';
import { claimsFor } from './claim';
import { checkFigures, figuresIn } from './figureCheck';
import { fragmentLike, removeDefinitionFix, replaceQuoteFix, updateFragmentFix } from './fixes';
import { isLocator, locatePassage, type Anchors } from './locate';
import { parseQuote, plainWords } from './quote';
import { checkQuote } from './quoteCheck';
import { documentSentences } from './words';
import { Memo } from './memo';
import type { CheckResult, CitationCheck, Finding, Located, SourceLookup, SourceReader } from './types';

/** Parsed citation links by definition text: most definitions are unchanged from one check to the next. */
const links = new Memo<CitationLink | null>();

export interface CheckInput {
  /** The briefing's text. */
  text: string;
  /** The briefing's absolute path (`/`-separated): links are relative to its folder. */
  path: string;
  /** Corpus roots: only files inside them are sources. */
  roots: readonly string[];
  read: SourceReader;
  /** Footnotes already parsed from `text`. */
  footnotes?: Footnotes;
  /** When this returns true the check stops and resolves to undefined. */
  cancelled?: () => boolean;
  /** Awaited every few citations, so that a long check lets other work run. */
  pause?: () => Promise<void>;
}

export async function checkBriefing(input: CheckInput): Promise<CheckResult | undefined> {
  const t0 = performance.now();
  const { text } = input;
  const fn = input.footnotes ?? parseFootnotes(text);
  const starts = lineStarts(text);
  const lineOf = (offset: number) => offsetToPosition(starts, offset).line + 1;
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'line'>): Finding => {
    const full: Finding = { ...f, line: lineOf(f.start) };
    findings.push(full);
    return full;
  };

  const defs = new Map<string, FootnoteDefinition>();
  for (const d of fn.definitions) {
    const first = defs.get(labelKey(d.label));
    if (!first) defs.set(labelKey(d.label), d);
    else add({ kind: 'duplicate-definition', severity: 'error', label: d.label, start: d.labelStart, end: d.labelEnd, message: `[^${d.label}] is defined more than once (first on line ${lineOf(first.start)}, which is the one used)` });
  }
  const refsByLabel = new Map<string, FootnoteReference[]>();
  for (const r of fn.references) {
    const list = refsByLabel.get(labelKey(r.label));
    if (list) list.push(r);
    else refsByLabel.set(labelKey(r.label), [r]);
  }

  const claims = claimsFor(text, fn.references);
  const citations: CitationCheck[] = [];
  for (const r of fn.references) {
    if (defs.has(labelKey(r.label))) continue;
    const f = add({ kind: 'missing-definition', severity: 'error', label: r.label, start: r.start, end: r.end, message: `[^${r.label}] has no definition` });
    const c: CitationCheck = { label: r.label, reference: r, status: 'not-found', findings: [f] };
    const claim = claims.get(r);
    if (claim) c.claim = claim;
    citations.push(c);
  }
  for (const d of defs.values()) {
    if (refsByLabel.has(labelKey(d.label))) continue;
    add({ kind: 'unused-definition', severity: 'warning', label: d.label, start: d.labelStart, end: d.labelEnd, message: `[^${d.label}] is defined but never referenced`, fix: removeDefinitionFix(text, d) });
  }

  const cache = new Map<string, Promise<SourceLookup>>();
  const read = (path: string) => {
    let p = cache.get(path);
    if (!p) {
      p = input.read(path).catch((e: unknown) => ({ status: 'unreadable', reason: e instanceof Error ? e.message : String(e) }) as SourceLookup);
      cache.set(path, p);
    }
    return p;
  };

  let n = 0;
  for (const def of defs.values()) {
    if (input.cancelled?.()) return undefined;
    if (input.pause && ++n % 25 === 0) {
      await input.pause();
      if (input.cancelled?.()) return undefined;
    }
    const refs = refsByLabel.get(labelKey(def.label)) ?? [];
    const group: CitationCheck[] = refs.length
      ? refs.map((r) => {
          const c: CitationCheck = { label: def.label, reference: r, definition: def, status: 'unchecked', findings: [] };
          const claim = claims.get(r);
          if (claim) c.claim = claim;
          return c;
        })
      : [{ label: def.label, definition: def, status: 'unchecked', findings: [] }];
    citations.push(...group);
    await checkDefinition(def, group);
  }
  if (input.cancelled?.()) return undefined;
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  citations.sort((a, b) => (a.reference?.start ?? a.definition?.start ?? 0) - (b.reference?.start ?? b.definition?.start ?? 0));
  return { findings, citations, ms: performance.now() - t0 };

  async function checkDefinition(def: FootnoteDefinition, group: CitationCheck[]): Promise<void> {
    const label = def.label;
    const forAll = (f: Omit<Finding, 'line' | 'label'>) => {
      const x = add({ ...f, label });
      for (const c of group) c.findings.push(x);
      return x;
    };
    const setStatus = (s: CitationCheck['status']) => group.forEach((c) => (c.status = s));
    const link = links.get(def.content, () => parseCitationLink(def.content) ?? null);
    if (!link) {
      const other = /\]\(\s*<?([a-z][a-z0-9+.-]*):/i.exec(def.content);
      if (other) {
        const scheme = other[1].toLowerCase();
        const what = scheme === 'http' || scheme === 'https' ? 'a web address' : `a “${scheme}:” link`;
        forAll({ kind: 'not-a-source', severity: 'warning', start: def.contentStart, end: def.end, message: `[^${label}] cites ${what}, not a corpus file, so it cannot be checked` });
      }
      return; // a note without a link is not a citation
    }
    const linkStart = def.contentStart + link.start;
    const linkEnd = def.contentStart + link.end;
    if (!link.path) {
      forAll({ kind: 'not-a-source', severity: 'warning', start: linkStart, end: linkEnd, message: `[^${label}] links within this briefing, not to a corpus file` });
      return;
    }
    const abs = joinPath(dirname(input.path), link.path);
    for (const c of group) c.sourcePath = abs;
    if (!input.roots.some((r) => isInside(r, abs))) {
      const where = input.roots.length ? input.roots.map((r) => relativePath(dirname(input.path), r)).join(', ') : 'no corpus folder is configured';
      forAll({ kind: 'outside-corpus', severity: 'error', start: linkStart, end: linkEnd, message: `[^${label}] cites ${link.path}, which is outside the corpus (${where})` });
      setStatus('not-found');
      return;
    }
    const lookup = await read(abs);
    if (lookup.status === 'missing') {
      forAll({ kind: 'missing-source', severity: 'error', start: linkStart, end: linkEnd, message: `[^${label}] cites ${link.path}, which does not exist` });
      setStatus('not-found');
      return;
    }
    if (lookup.status === 'unreadable') {
      forAll({ kind: 'not-a-source', severity: 'error', start: linkStart, end: linkEnd, message: `[^${label}] cites ${link.path}, which cannot be read as a source: ${lookup.reason}` });
      setStatus('not-found');
      return;
    }
    const doc = lookup.doc;
    for (const c of group) c.document = doc;
    const fragment = link.fragment ? decodeFragment(link.fragment) : undefined;
    const hint = fragment && isLocator(fragment) ? fragment : undefined;
    const malformed = !!fragment && !hint;

    const anchors: Anchors = {};
    if (link.title !== undefined) {
      const raw = link.title.replace(/\s*(?:…|\.\.\.)\s*$/, '').trim();
      const words = plainWords(raw);
      if (words.length) anchors.title = { raw, words, complete: !/(?:…|\.\.\.)\s*$/.test(link.title) };
    }
    const quoted = group.find((c) => c.claim?.kind === 'quote')?.claim;
    if (quoted) anchors.quote = parseQuote(quoted.text, quoted.start);
    const result = locatePassage(doc, hint, anchors);
    if (malformed) {
      const f: Omit<Finding, 'line' | 'label'> = {
        kind: 'not-a-source',
        severity: 'warning',
        start: linkStart,
        end: linkEnd,
        message: `[^${label}] has a malformed location “#${link.fragment}” (expected #L<line>, #L<a>-L<b>, #L<l1>C<c1>-L<l2>C<c2>, or #page=<p>&text=<o1>-<o2> for PDF and #paragraph=<n>&text=<o1>-<o2> for DOCX); the passage is looked up by its text`,
      };
      if ('located' in result) {
        const proper = fragmentLike(doc, undefined, result.located.start, result.located.end);
        f.fix = { ...updateFragmentFix(def, link, link.fragment as string, proper), title: `Replace the location with #${proper}` };
      }
      forAll(f);
    }
    if ('notFound' in result) {
      forAll({ kind: 'not-found', severity: 'error', start: linkStart, end: linkEnd, message: `[^${label}]: ${result.notFound} (${doc.relPath})` });
      setStatus('not-found');
      return;
    }
    const located = result.located;
    const context = contextOf(doc, located);
    for (const c of group) {
      c.located = located;
      c.context = context;
      c.status = located.match === 'unverified' ? 'unchecked' : 'ok';
    }
    if (located.how === 'moved' && hint && link.fragment) movedFinding(def, link, hint, doc, located, forAll, group);
    for (const c of group) if (c.claim) checkClaim(c, doc, located);
  }

  function movedFinding(def: FootnoteDefinition, link: CitationLink, hint: string, doc: CorpusDocument, located: Located, forAll: (f: Omit<Finding, 'line' | 'label'>) => Finding, group: CitationCheck[]) {
    const old = link.fragment as string;
    const fragment = fragmentLike(doc, hint, located.start, located.end);
    if (fragment === old || fragment === hint) return;
    const line = offsetToPosition(doc.lineStarts, located.start).line + 1;
    const was = link.range ? `the citation says line ${link.range.startLine}` : `the citation says #${hint}`;
    forAll({
      kind: 'moved',
      severity: 'info',
      start: def.contentStart + link.start,
      end: def.contentStart + link.end,
      message: `[^${def.label}]: the passage has moved to ${doc.format === 'pdf' || doc.format === 'docx' ? `#${fragment}` : `line ${line}`} of ${doc.relPath} (${was})`,
      expected: '#' + fragment,
      actual: '#' + old,
      fix: updateFragmentFix(def, link, old, fragment),
    });
    for (const c of group) c.status = 'moved';
  }

  function checkClaim(c: CitationCheck, doc: CorpusDocument, located: Located) {
    const claim = c.claim;
    if (!claim) return;
    let quoteFlagged = false;
    if (claim.kind === 'quote') {
      const problem = checkQuote(text, claim, doc, located.scopeStart, located.scopeEnd);
      if (problem) {
        quoteFlagged = true;
        const f: Omit<Finding, 'line'> = { kind: 'altered-quote', severity: 'error', label: c.label, start: claim.start, end: claim.end, message: `[^${c.label}]: ${problem.message}`, expected: problem.expected, actual: claim.text };
        if (problem.diff) f.diff = problem.diff;
        if (problem.replacement !== undefined) f.fix = replaceQuoteFix(claim.start, claim.end, problem.replacement);
        c.findings.push(add(f));
        c.status = 'differs';
      }
    }
    const sourceFigures = figuresIn(doc, located.scopeStart, located.scopeEnd);
    for (const p of checkFigures(claim.figureText, sourceFigures)) {
      const start = claim.sentenceStart + p.figure.start;
      const end = claim.sentenceStart + p.figure.end;
      if (quoteFlagged && claim.kind === 'quote' && start >= claim.start && end <= claim.end) continue;
      const f: Omit<Finding, 'line'> = {
        kind: 'figure-mismatch',
        severity: p.source ? 'error' : 'warning',
        label: c.label,
        start,
        end,
        message: p.source
          ? `[^${c.label}]: “${p.figure.text}” does not match the source, which says “${p.source.text}”`
          : `[^${c.label}]: “${p.figure.text}” is not in the cited passage`,
        actual: text.slice(start, end),
      };
      if (p.source) f.expected = p.source.text;
      c.findings.push(add(f));
      c.status = 'differs';
    }
  }
}

/** The source sentences just before and after a located passage. */
function contextOf(doc: CorpusDocument, located: Located): { before?: string; after?: string } {
  const list = documentSentences(doc);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end <= located.start) lo = mid + 1;
    else hi = mid;
  }
  const out: { before?: string; after?: string } = {};
  if (lo > 0) out.before = list[lo - 1].text;
  let k = lo;
  while (k < list.length && list[k].start < located.end) k++;
  if (k < list.length) out.after = list[k].text;
  return out;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
