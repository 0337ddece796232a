/**
 * "Renumber Footnotes": numeric labels become 1, 2, 3… in order of first reference; named labels stay
 * as they are; duplicate definitions of the same passage (same file, same range) are merged into one
 * label (a label's own definition wins over a repeated one, a named label over a numeric one, then
 * the one referred to first); all definitions move, in order of first reference, to one block at the
 * end of the document after one blank line, out of any blockquote or list they were in. Nothing else
 * changes: text outside footnote labels and definitions stays byte-identical and in order (blank
 * lines that only separated a moved definition from the text go with it; the document ends with a
 * line break if it did before).
 *
 * Order of first reference: the references in the text in document order, then those inside the
 * definitions in the order the definitions end up in. Definitions that nothing refers to come after
 * the referenced ones, in document order. Renumbering twice gives the same text as renumbering once.
 * When the result would not read back as planned (text that swallows the moved definitions, such as
 * an unclosed code fence), nothing changes and `error` says why.
 */
import {
  isNumericLabel,
  labelKey,
  parseCitationLink,
  parseFootnotes,
  type FootnoteDefinition,
  type FootnoteReference,
  type Footnotes,
} from './footnotes';
import { eolOf } from './text';

export interface RenumberResult {
  text: string;
  changed: boolean;
  /** Definitions dropped because another definition cites the same passage. */
  merged: number;
  /** Set when the document could not be renumbered safely; `text` is then the input, unchanged. */
  error?: string;
}

interface Patch {
  start: number;
  end: number;
  text: string;
}

function applyPatches(text: string, patches: Patch[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const p of [...patches].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, p.start) + p.text;
    at = p.end;
  }
  return out + text.slice(at, to);
}

/** Offset after the line break that ends the line containing `offset` (or the text's end). */
function afterLineBreak(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function isBlank(s: string): boolean {
  return /^[ \t]*(?:\r?\n)?$/.test(s);
}

/** Skip whole lines of spaces and tabs starting at a line start. */
function skipBlankLines(text: string, offset: number): number {
  let at = offset;
  while (at < text.length) {
    const next = afterLineBreak(text, at);
    if (!isBlank(text.slice(at, next))) break;
    at = next;
  }
  return at;
}

/**
 * What removing the definitions takes out of the text: each run of definitions (only blank lines
 * between them) with its line breaks, and, when the run stood alone between blank lines, the blank
 * lines after it.
 */
function removals(text: string, defs: readonly FootnoteDefinition[]): Patch[] {
  const out: Patch[] = [];
  for (let i = 0; i < defs.length; ) {
    const start = defs[i].start;
    let end = afterLineBreak(text, defs[i].end);
    let j = i + 1;
    while (j < defs.length && /^(?:[ \t]*\r?\n)*$/.test(text.slice(end, defs[j].start))) end = afterLineBreak(text, defs[j++].end);
    const previousLine = text.slice(text.lastIndexOf('\n', start - 2) + 1, start);
    if (start === 0 || isBlank(previousLine)) end = skipBlankLines(text, end);
    out.push({ start, end, text: '' });
    i = j;
  }
  return out;
}

/** The text up to the end of its last line that is not blank. */
function trimTrailingBlankLines(text: string): string {
  const last = text.search(/\s*$/);
  if (last <= 0) return '';
  const nl = text.indexOf('\n', last);
  const end = nl === -1 ? text.length : nl;
  return text.slice(0, end > last && text[end - 1] === '\r' ? end - 1 : end);
}

/** Two definitions cite the same passage when their file links name the same file and range. */
function passageKey(d: FootnoteDefinition): string | undefined {
  const link = parseCitationLink(d.content);
  return link ? `${link.path}#${link.fragment ?? ''}` : undefined;
}

function within(r: FootnoteReference, d: FootnoteDefinition): boolean {
  return r.start >= d.labelEnd && r.end <= d.end;
}

export function renumber(text: string): RenumberResult {
  const fn = parseFootnotes(text);
  const plan = planRenumber(text, fn);
  if (plan.text === text) return { text, changed: false, merged: 0 };
  const problem = verify(plan);
  if (problem) return { text, changed: false, merged: 0, error: problem };
  return { text: plan.text, changed: true, merged: plan.merged };
}

interface Plan {
  text: string;
  merged: number;
  /** Expected in the result: references, and definitions all in the final block. */
  references: number;
  definitions: number;
  blockStart: number;
}

function planRenumber(text: string, fn: Footnotes): Plan {
  const eol = eolOf(text);
  const top = fn.definitions.filter((d) => !d.nested);

  const firstRef = new Map<string, number>();
  for (const r of fn.references) if (!firstRef.has(labelKey(r.label))) firstRef.set(labelKey(r.label), r.start);
  // GFM: the first definition of a label is the one references point to.
  const primary = new Map<string, FootnoteDefinition>();
  for (const d of fn.definitions) if (!primary.has(labelKey(d.label))) primary.set(labelKey(d.label), d);
  const isPrimary = (d: FootnoteDefinition) => primary.get(labelKey(d.label)) === d;

  // Merge definitions of the same passage into one survivor: a label's own definition before a
  // duplicate of a label, a named label before a numeric one, then the one referred to first.
  const alias = new Map<string, string>();
  const dropped = new Set<FootnoteDefinition>();
  const groups = new Map<string, FootnoteDefinition[]>();
  for (const d of top) {
    const key = passageKey(d);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const rank = (d: FootnoteDefinition): number[] => [
    isPrimary(d) ? 0 : 1,
    isNumericLabel(d.label) ? 1 : 0,
    firstRef.get(labelKey(d.label)) ?? Infinity,
    d.start,
  ];
  const before = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const survivor = members.reduce((best, d) => (before(rank(d), rank(best)) ? d : best));
    for (const d of members) {
      if (d === survivor) continue;
      dropped.add(d);
      if (isPrimary(d) && labelKey(d.label) !== labelKey(survivor.label)) alias.set(labelKey(d.label), labelKey(survivor.label));
    }
  }
  const resolve = (label: string) => alias.get(labelKey(label)) ?? labelKey(label);

  // Number in order of first reference: the text's references, then the definitions' as they are placed.
  const numbers = new Map<string, string>();
  const orphanLabels = new Map<FootnoteDefinition, string>();
  let next = 1;
  const order: string[] = [];
  const seen = new Set<string>();
  const addKey = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    order.push(key);
    if (isNumericLabel(key)) numbers.set(key, String(next++));
  };
  const block: FootnoteDefinition[] = [];
  const placed = new Set<FootnoteDefinition>();
  const inside = (r: FootnoteReference) => top.some((d) => within(r, d));
  const place = (d: FootnoteDefinition) => {
    placed.add(d);
    block.push(d);
    for (const r of fn.references) if (within(r, d)) addKey(resolve(r.label));
  };
  let drained = 0;
  const drain = () => {
    while (drained < order.length) {
      const d = primary.get(order[drained++]);
      if (d && !d.nested && !dropped.has(d) && !placed.has(d)) place(d);
    }
  };
  const bodyRefs = fn.references.filter((r) => !inside(r));
  for (const r of bodyRefs) addKey(resolve(r.label));
  drain();
  for (const d of top) {
    if (placed.has(d) || dropped.has(d)) continue;
    if (isPrimary(d)) addKey(labelKey(d.label));
    else {
      // A second definition of a label (GFM ignores it): kept, under a number of its own.
      if (isNumericLabel(d.label)) orphanLabels.set(d, String(next++));
      place(d);
    }
    drain();
  }
  // Definitions inside definitions travel with their parent; their labels still get numbers.
  for (const parent of block) {
    for (const n of fn.definitions) {
      if (!n.nested || n.start < parent.start || n.end > parent.end) continue;
      if (isPrimary(n)) addKey(labelKey(n.label));
      else if (isNumericLabel(n.label)) orphanLabels.set(n, String(next++));
    }
  }

  const referenceLabel = (r: FootnoteReference): string => {
    const own = labelKey(r.label);
    const key = resolve(r.label);
    return numbers.get(key) ?? (key === own ? r.label : (primary.get(key)?.label ?? r.label));
  };
  const definitionLabel = (d: FootnoteDefinition): string =>
    orphanLabels.get(d) ?? (isPrimary(d) ? (numbers.get(labelKey(d.label)) ?? d.label) : d.label);
  const relabel = (start: number, end: number, label: string): Patch[] =>
    text.slice(start, end) === `[^${label}]` ? [] : [{ start, end, text: `[^${label}]` }];

  const bodyPatches: Patch[] = bodyRefs.flatMap((r) => relabel(r.start, r.end, referenceLabel(r)));
  let referenceCount = bodyRefs.length;
  if (!top.length) return { text: applyPatches(text, bodyPatches), merged: 0, references: referenceCount, definitions: 0, blockStart: text.length };

  const body = trimTrailingBlankLines(applyPatches(text, [...bodyPatches, ...removals(text, top)]));
  const definitions = block.map((d) => {
    const patches: Patch[] = d.outer.map(([s, e]) => ({ start: s, end: e, text: '' }));
    patches.push(...relabel(d.labelStart, d.labelEnd, definitionLabel(d)));
    for (const n of fn.definitions) if (n.nested && n.start >= d.start && n.end <= d.end) patches.push(...relabel(n.labelStart, n.labelEnd, definitionLabel(n)));
    for (const r of fn.references) {
      if (!within(r, d)) continue;
      referenceCount++;
      patches.push(...relabel(r.start, r.end, referenceLabel(r)));
    }
    return applyPatches(text, patches, d.start, d.end);
  });
  const head = body ? body + eol + eol : '';
  const nestedCount = fn.definitions.filter((n) => n.nested && block.some((d) => n.start >= d.start && n.end <= d.end)).length;
  return {
    text: head + definitions.join(eol) + (text.endsWith('\n') ? eol : ''),
    merged: dropped.size,
    references: referenceCount,
    definitions: block.length + nestedCount,
    blockStart: head.length,
  };
}

/** The result must read back as planned: every reference kept, every definition in the final block. */
function verify(plan: Plan): string | undefined {
  const fn = parseFootnotes(plan.text);
  if (fn.references.length !== plan.references) return `expected ${plan.references} footnote references after renumbering, found ${fn.references.length}`;
  if (fn.definitions.length !== plan.definitions) return `expected ${plan.definitions} footnote definitions after renumbering, found ${fn.definitions.length}`;
  if (fn.definitions.some((d) => d.start < plan.blockStart)) return 'a footnote definition would not end up at the end of the document';
  return undefined;
}

/**
 * The smallest single replacement that turns `before` into `after`: the common prefix and suffix are
 * left alone, never splitting a CRLF line break or a surrogate pair.
 */
export function changedRegion(before: string, after: string): { start: number; end: number; text: string } {
  const limit = Math.min(before.length, after.length);
  let p = 0;
  while (p < limit && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  while (p > 0 && (splits(before, p) || splits(after, p))) p--;
  let s = 0;
  while (s < limit - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  while (s > 0 && (splits(before, before.length - s) || splits(after, after.length - s))) s--;
  return { start: p, end: before.length - s, text: after.slice(p, after.length - s) };
}

function splits(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const a = text.charCodeAt(at - 1);
  const b = text.charCodeAt(at);
  return (a === 13 && b === 10) || (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff);
}
