// Benchmark queries derived from the corpus's own sentences, with a fixed seed. Four kinds, as a writer
// types them: an exact span, a span with one typo, key words out of order with one dropped, and a span
// whose last word is cut mid-word (still being typed). A query's target is the passage it came from.
// Only queries that identify their passage are kept: the span (or the set of key words) occurs in no
// other passage of the corpus, so every system can in principle find the target.
import { between, mulberry32, shuffle } from './random';

export const QUERY_KINDS = ['exact', 'typo', 'reorder', 'prefix'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface PassageLike {
  /** Document (file name in the size folder). */
  d: string;
  s: number;
  e: number;
  k: string;
  t: string;
}

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  /** Index of the target passage in the corpus's passage list. */
  target: number;
}

const STOP = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its may me my no not of on or our she so such than that the their them then there these they this those to was we were what when which who will with would you your'.split(' '),
);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** A word without surrounding punctuation. */
function bare(w: string): string {
  return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function isKeyWord(w: string): boolean {
  const b = bare(w).toLowerCase();
  return b.length >= 3 && /^\p{L}[\p{L}'’-]*$/u.test(b) && !STOP.has(b);
}

/** One edit (substitution, deletion, insertion or adjacent transposition) away, never touching the first letter. */
export function typo(word: string, random: () => number): string {
  const i = between(random, 1, word.length - 1);
  const other = (c: string) => {
    let r = c;
    while (r.toLowerCase() === c.toLowerCase()) r = LETTERS[Math.floor(random() * 26)];
    return r;
  };
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + other(word[i]) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + LETTERS[Math.floor(random() * 26)] + word.slice(i);
    default: {
      const j = i === word.length - 1 ? i - 1 : i;
      if (j < 1 || word[j] === word[j + 1]) return word.slice(0, i) + other(word[i]) + word.slice(i + 1);
      return word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2);
    }
  }
}

interface Candidate extends BenchQuery {
  /** What must occur in exactly one passage: a lower-case substring, or whole lower-case words. */
  mustSpan?: string;
  mustWords?: string[];
  anchor: string;
}

function candidate(kind: QueryKind, p: PassageLike, target: number, random: () => number): Candidate | undefined {
  const ws = words(p.t);
  if (ws.length < 8) return undefined;
  const n = between(random, 4, 8);
  const start = between(random, 0, ws.length - n);
  const span = ws.slice(start, start + n);
  const spanText = span.join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const keys = span.filter(isKeyWord);
  if (keys.length < 2 || spanText.length < 12) return undefined;
  const anchorOf = (ks: string[]) => ks.map((w) => bare(w).toLowerCase()).sort((a, b) => b.length - a.length)[0];
  if (kind === 'exact') return { kind, text: spanText, target, mustSpan: spanText.toLowerCase(), anchor: anchorOf(keys) };
  if (kind === 'typo') {
    const typeable = span.map((w, i) => [bare(w), i] as const).filter(([b]) => b.length >= 5 && /^\p{L}+$/u.test(b));
    if (!typeable.length) return undefined;
    const [b, i] = typeable[Math.floor(random() * typeable.length)];
    const changed = [...span];
    changed[i] = span[i].replace(b, typo(b, random));
    const text = changed.join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    return { kind, text, target, mustSpan: spanText.toLowerCase(), anchor: anchorOf(keys) };
  }
  if (kind === 'reorder') {
    const window = ws.slice(start, Math.min(ws.length, start + n + 4));
    const unique = [...new Set(window.filter(isKeyWord).map(bare))];
    if (unique.length < 4) return undefined;
    const kept = unique.slice(0, 6);
    kept.splice(Math.floor(random() * kept.length), 1);
    const order = shuffle([...kept], random);
    if (order.every((w, i) => w === kept[i])) order.reverse();
    return { kind, text: order.join(' '), target, mustWords: kept.map((w) => w.toLowerCase()), anchor: anchorOf(kept) };
  }
  // prefix: the last word cut mid-word, as while typing.
  const last = bare(span[span.length - 1]);
  if (last.length < 4 || !/^\p{L}+$/u.test(last)) return undefined;
  const keep = between(random, Math.max(2, Math.floor(last.length / 3)), last.length - 1);
  const head = span.slice(0, -1).join(' ');
  const text = (head + ' ' + span[span.length - 1].slice(0, span[span.length - 1].indexOf(last) + keep)).replace(/^[^\p{L}\p{N}]+/u, '');
  const headKeys = span.slice(0, -1).filter(isKeyWord);
  if (!headKeys.length) return undefined;
  return { kind, text, target, mustSpan: text.toLowerCase(), anchor: anchorOf(headKeys) };
}

/**
 * `perKind` queries of each kind from `passages` (sentences and facts with at least 8 words), ordered
 * exact, typo, reorder, prefix, exact, … so that a run cut short still covers every kind.
 */
export function deriveQueries(passages: readonly PassageLike[], perKind: number, seed = 7): BenchQuery[] {
  const random = mulberry32(seed);
  const eligible: number[] = [];
  passages.forEach((p, i) => {
    if ((p.k === 'sentence' || p.k === 'fact') && p.t.length <= 600 && words(p.t).length >= 8) eligible.push(i);
  });
  if (!eligible.length) return [];
  const byKind = new Map<QueryKind, BenchQuery[]>(QUERY_KINDS.map((k) => [k, []]));
  for (let round = 0; round < 6 && QUERY_KINDS.some((k) => (byKind.get(k) as BenchQuery[]).length < perKind); round++) {
    const pool: Candidate[] = [];
    for (const kind of QUERY_KINDS) {
      const want = (perKind - (byKind.get(kind) as BenchQuery[]).length) * 3;
      for (let tries = 0, made = 0; made < want && tries < want * 20; tries++) {
        const target = eligible[Math.floor(random() * eligible.length)];
        const c = candidate(kind, passages[target], target, random);
        if (c) {
          pool.push(c);
          made++;
        }
      }
    }
    const counts = occurrences(passages, pool);
    for (const [i, c] of pool.entries()) {
      const list = byKind.get(c.kind) as BenchQuery[];
      if (counts[i] === 1 && list.length < perKind && !list.some((q) => q.target === c.target)) list.push({ kind: c.kind, text: c.text, target: c.target });
    }
  }
  const out: BenchQuery[] = [];
  for (let i = 0; i < perKind; i++) for (const kind of QUERY_KINDS) if (byKind.get(kind)?.[i]) out.push((byKind.get(kind) as BenchQuery[])[i]);
  return out;
}

/**
 * For each candidate, in how many passages its span (or all its key words) occurs, counting a passage
 * that overlaps the target in the same document (a quotation inside the sentence) as the target itself.
 */
function occurrences(passages: readonly PassageLike[], pool: Candidate[]): number[] {
  const byAnchor = new Map<string, number[]>();
  pool.forEach((c, i) => {
    const list = byAnchor.get(c.anchor);
    if (list) list.push(i);
    else byAnchor.set(c.anchor, [i]);
  });
  const counts = new Array<number>(pool.length).fill(0);
  const counted = new Array<boolean>(pool.length).fill(false);
  for (let pi = 0; pi < passages.length; pi++) {
    const p = passages[pi];
    const lower = p.t.toLowerCase();
    const tokens = lower.match(/[\p{L}\p{N}'’-]+/gu);
    if (!tokens) continue;
    let tokenSet: Set<string> | undefined;
    const hit = new Set<number>();
    for (const tok of tokens) {
      const cs = byAnchor.get(tok);
      if (cs) for (const c of cs) hit.add(c);
    }
    for (const ci of hit) {
      const c = pool[ci];
      let match: boolean;
      if (c.mustSpan !== undefined) match = lower.includes(c.mustSpan);
      else {
        tokenSet ??= new Set(tokens);
        match = (c.mustWords as string[]).every((w) => (tokenSet as Set<string>).has(w));
      }
      if (!match) continue;
      const target = passages[c.target];
      const sameAsTarget = pi === c.target || (p.d === target.d && p.s < target.e && target.s < p.e);
      if (sameAsTarget) {
        if (!counted[ci]) {
          counted[ci] = true;
          counts[ci]++;
        }
      } else counts[ci]++;
    }
  }
  return counts;
}
