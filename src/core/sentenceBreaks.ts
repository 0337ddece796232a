/**
 * Sentence boundaries exactly as `Intl.Segmenter` (granularity 'sentence') finds them, computed
 * directly for text whose characters all belong to a known sentence-break class; the segmenter
 * itself is used for anything else. The rules are those of Unicode UAX #29 (SB6–SB11) for text
 * without paragraph separators, Extend or Format characters. A character's class is never assumed:
 * it is read off the segmenter's own answers on a few probe strings, and the rules are checked
 * against the segmenter once, before first use; any disagreement leaves all of it to the segmenter.
 */

const SP = 1;
const LOWER = 2;
const UPPER = 3;
const NUMERIC = 4;
const ATERM = 5;
const STERM = 6;
const CLOSE = 7;
const SCONTINUE = 8;
const OTHER = 9;
const OLETTER = 10;
/** A character of no class above (or not yet shown to be): text holding it goes to the segmenter. */
const UNKNOWN = 255;

/** One character of each class. */
const REPRESENTATIVES: ReadonlyArray<readonly [string, number]> = [
  [' ', SP],
  ['a', LOWER],
  ['A', UPPER],
  ['1', NUMERIC],
  ['.', ATERM],
  ['!', STERM],
  [')', CLOSE],
  [',', SCONTINUE],
  ['#', OTHER],
  ['\u05d0', OLETTER],
];

/** Contexts for a character X whose sentence breaks differ for every class (and for Extend, Format and separators). */
const PROBES = ['aX A', 'a.XA', 'a.X a', 'a.Xa', 'a. Xa', 'a. XA', 'A!X A', 'A! X', 'a.X', 'X. a', 'X. A', 'aX. A', 'aX a', 'a.X A', '1.X', 'A.X', 'a.)X', 'a X. a', 'a!X', 'a.X.a'];

/** Text exercising each rule, written with the representatives only, compared with the segmenter once. */
const RULE_CHECKS = [
  'U.S. Army units. They left.',
  'See e.g. the list. Then stop.',
  'Mr. Smith arrived. Mrs. Jones too.',
  'It is 3.5 m long. Ok.',
  'end. 5 more things',
  'end.) (Next one',
  'end." And then',
  'Is it so?! Yes.',
  'wait... what now',
  'etc., and more',
  'No. 1 in line',
  'a.b.c. D e.f',
  'Hi!) x y',
  'x. - y z',
  'x.: y z',
  'x!, y z',
  'x. (y z',
  'A. b c',
  'A.B c',
  'a.B c',
  '1.A b',
  '#.A b',
  ')! a b',
  'end.  ( b',
  'x?  Y z',
  'x. \u05d0 y',
  'x. 1 # b',
  'x. 1 # B',
  '"Yes." He said.',
  '(It was.) Then',
  'a? ) B',
  '#. # a',
  'a.#.a',
].map((s) =>
  s
    .replace(/[a-z]/g, 'a')
    .replace(/[A-Z]/g, 'A')
    .replace(/[0-9]/g, '1')
    .replace(/\?/g, '!')
    .replace(/["(]/g, ')')
    .replace(/[-:]/g, ','),
);

const SEPARATOR = '\u2029';

let segmenter: Intl.Segmenter | undefined;
let state: 'unchecked' | 'on' | 'off' = 'unchecked';
const classes = new Uint8Array(65536);
/** The segmenter's answers to the probes, per class. */
const signatures = new Map<string, number>();
/** Reused for blocks up to this many characters; a longer block gets its own. */
const KEPT_BUFFER = 1 << 16;
const buffer = new Uint8Array(KEPT_BUFFER);
const termBuffer = new Int32Array(KEPT_BUFFER);

export function sentenceSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  return segmenter;
}

/**
 * The segmenter's sentence starts (after 0) in each string, from one call: the strings are joined
 * with paragraph separators, after which a sentence always breaks and across which no rule looks.
 */
function segmenterStarts(strings: readonly string[]): number[][] {
  const out: number[][] = strings.map(() => []);
  const offsets: number[] = [];
  let at = 0;
  for (const s of strings) {
    offsets.push(at);
    at += s.length + SEPARATOR.length;
  }
  let k = 0;
  for (const seg of sentenceSegmenter().segment(strings.join(SEPARATOR))) {
    while (k + 1 < strings.length && seg.index >= offsets[k + 1]) k++;
    const local = seg.index - offsets[k];
    if (local > 0) out[k].push(local);
  }
  return out;
}

function probeSignature(starts: readonly number[][]): string {
  return starts.map((s) => s.join(',')).join('|');
}

/**
 * Sentence starts (after 0) of a class sequence, by UAX #29 rules SB6–SB11. `terms` holds the
 * positions of its terminators (ATerm and STerm), in order.
 */
function findStarts(cls: Uint8Array, n: number, terms: Int32Array, termCount: number, out: number[]): void {
  for (let t = 0; t < termCount; t++) {
    const i = terms[t];
    const k = cls[i];
    // SATerm Close* Sp*: only the position after all of it can break (SB9, SB10).
    let p = i + 1;
    while (p < n && cls[p] === CLOSE) p++;
    while (p < n && cls[p] === SP) p++;
    if (p >= n) return;
    const next = cls[p];
    let joined = next === SCONTINUE || next === ATERM || next === STERM; // SB8a
    if (!joined && k === ATERM) {
      if (p === i + 1 && (next === NUMERIC || (next === UPPER && i > 0 && (cls[i - 1] === UPPER || cls[i - 1] === LOWER)))) {
        joined = true; // SB6, SB7
      } else {
        // SB8: no break when the next letter, past anything but letters and terminators, is lower case.
        let q = p;
        while (q < n) {
          const c = cls[q];
          if (c === LOWER || c === UPPER || c === OLETTER || c === ATERM || c === STERM) break;
          q++;
        }
        joined = q < n && cls[q] === LOWER;
      }
    }
    if (!joined) out.push(p); // SB11
  }
}

function probes(ch: string): string[] {
  return PROBES.map((p) => p.split('X').join(ch));
}

/** Sentence starts of a string computed by the rules, with the given classes for its characters. */
function ruleStarts(s: string, classOf: (c: number) => number): number[] | undefined {
  const cls = new Uint8Array(s.length);
  const terms = new Int32Array(s.length);
  let termCount = 0;
  for (let i = 0; i < s.length; i++) {
    const k = classOf(s.charCodeAt(i));
    if (k === 0 || k === UNKNOWN) return undefined;
    cls[i] = k;
    if (k === ATERM || k === STERM) terms[termCount++] = i;
  }
  const out: number[] = [];
  findStarts(cls, s.length, terms, termCount, out);
  return out;
}

/** Learn the classes of the representatives and check the rules against the segmenter. */
function check(): boolean {
  // Surrogates, line and paragraph separators are left to the segmenter; the caller reads CR and LF as spaces.
  classes.fill(UNKNOWN, 0xd800, 0xe000);
  for (const c of [0x85, 0x2028, 0x2029]) classes[c] = UNKNOWN;
  classes[10] = SP;
  classes[13] = SP;
  const repStarts = segmenterStarts(REPRESENTATIVES.flatMap(([ch]) => probes(ch)));
  for (const [i, [ch, k]] of REPRESENTATIVES.entries()) {
    const own = repStarts.slice(i * PROBES.length, (i + 1) * PROBES.length);
    const sig = probeSignature(own);
    if (signatures.has(sig)) return false;
    signatures.set(sig, k);
    classes[ch.charCodeAt(0)] = k;
  }
  // The rules, with the representatives' classes, must give the segmenter's answers on the probes.
  for (const [i, [ch, k]] of REPRESENTATIVES.entries()) {
    const own = repStarts.slice(i * PROBES.length, (i + 1) * PROBES.length);
    const mine = probes(ch).map((p) => ruleStarts(p, (c) => (c === ch.charCodeAt(0) ? k : classes[c])));
    if (probeSignature(mine.map((m) => m ?? [-1])) !== probeSignature(own)) return false;
  }
  // And on text exercising every rule.
  const expected = segmenterStarts(RULE_CHECKS);
  return RULE_CHECKS.every((s, i) => (ruleStarts(s, (c) => classes[c]) ?? [-1]).join(',') === expected[i].join(','));
}

/** Learn the classes of characters not seen before from the segmenter's answers on the probes (one call for all). */
function classify(chars: readonly number[]): void {
  const fresh = [...new Set(chars)].filter((c) => classes[c] === 0);
  if (!fresh.length) return;
  const starts = segmenterStarts(fresh.flatMap((c) => probes(String.fromCharCode(c))));
  fresh.forEach((c, i) => {
    classes[c] = signatures.get(probeSignature(starts.slice(i * PROBES.length, (i + 1) * PROBES.length))) ?? UNKNOWN;
  });
}

/**
 * Puts in `out` the offsets (relative to `start`, after 0) at which the segmenter would start
 * sentences in `text[start, end)` with its line breaks read as spaces. False when the text holds a
 * character whose class is unknown: then the segmenter has to be asked.
 */
export function sentenceStarts(text: string, start: number, end: number, out: number[]): boolean {
  if (state === 'unchecked') state = check() ? 'on' : 'off';
  if (state === 'off') return false;
  const n = end - start;
  const cls = n <= KEPT_BUFFER ? buffer : new Uint8Array(n);
  const terms = n <= KEPT_BUFFER ? termBuffer : new Int32Array(n);
  let termCount = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(start + i);
    let k = classes[c];
    if (k === 0) {
      const unseen: number[] = [];
      for (let j = i; j < n; j++) if (classes[text.charCodeAt(start + j)] === 0) unseen.push(text.charCodeAt(start + j));
      classify(unseen);
      k = classes[c];
    }
    if (k === UNKNOWN) return false;
    cls[i] = k;
    if (k === ATERM || k === STERM) terms[termCount++] = i;
  }
  out.length = 0;
  findStarts(cls, n, terms, termCount, out);
  return true;
}
