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
 * Sentence starts (after `start`, relative to it) of `text[start, end)`, whose characters all have a
 * known class, by UAX #29 rules SB6–SB11. `terms` holds the offsets of its terminators (ATerm and
 * STerm), in order.
 */
function findStarts(text: string, start: number, end: number, terms: Int32Array, termCount: number, out: number[]): void {
  for (let t = 0; t < termCount; t++) {
    const i = terms[t];
    const k = classes[text.charCodeAt(i)];
    // SATerm Close* Sp*: only the position after all of it can break (SB9, SB10).
    let p = i + 1;
    while (p < end && classes[text.charCodeAt(p)] === CLOSE) p++;
    while (p < end && classes[text.charCodeAt(p)] === SP) p++;
    if (p >= end) return;
    const next = classes[text.charCodeAt(p)];
    let joined = next === SCONTINUE || next === ATERM || next === STERM; // SB8a
    if (!joined && k === ATERM) {
      const before = i > start ? classes[text.charCodeAt(i - 1)] : 0;
      if (p === i + 1 && (next === NUMERIC || (next === UPPER && (before === UPPER || before === LOWER)))) {
        joined = true; // SB6, SB7
      } else {
        // SB8: no break when the next letter, past anything but letters and terminators, is lower case.
        let q = p;
        while (q < end) {
          const c = classes[text.charCodeAt(q)];
          if (c === LOWER || c === UPPER || c === OLETTER || c === ATERM || c === STERM) break;
          q++;
        }
        joined = q < end && classes[text.charCodeAt(q)] === LOWER;
      }
    }
    if (!joined) out.push(p - start); // SB11
  }
}

function probes(ch: string): string[] {
  return PROBES.map((p) => p.split('X').join(ch));
}

/** Sentence starts of a string computed by the rules, with the classes learnt so far. */
function ruleStarts(s: string): number[] | undefined {
  const terms = new Int32Array(s.length);
  let termCount = 0;
  for (let i = 0; i < s.length; i++) {
    const k = classes[s.charCodeAt(i)];
    if (k === 0 || k === UNKNOWN) return undefined;
    if (k === ATERM || k === STERM) terms[termCount++] = i;
  }
  const out: number[] = [];
  findStarts(s, 0, s.length, terms, termCount, out);
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
  for (const [i, [ch]] of REPRESENTATIVES.entries()) {
    const own = repStarts.slice(i * PROBES.length, (i + 1) * PROBES.length);
    const mine = probes(ch).map((p) => ruleStarts(p));
    if (probeSignature(mine.map((m) => m ?? [-1])) !== probeSignature(own)) return false;
  }
  // And on text exercising every rule.
  const expected = segmenterStarts(RULE_CHECKS);
  return RULE_CHECKS.every((s, i) => (ruleStarts(s) ?? [-1]).join(',') === expected[i].join(','));
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
 * The first offset, at or after a given one, of a kind of character in a text, remembered until
 * passed: asked with increasing offsets, a text costs one search of it.
 */
class Cursor {
  private from = 0;
  private at = -2; // -2: not searched yet

  constructor(private readonly find: (text: string, from: number) => number) {}

  forget(): void {
    this.at = -2;
  }

  /** The offset, or -1 when there is none. */
  next(text: string, from: number): number {
    if (this.at === -2 || from < this.from || (this.at !== -1 && from > this.at)) {
      this.from = from;
      this.at = this.find(text, from);
    }
    return this.at;
  }
}

const NON_ASCII = /[\x80-\uffff]/g;

/**
 * Cursors over the characters that need a look of their own: each ASCII character that is a
 * terminator or of no known class, found with `indexOf` (much cheaper per call than a search for any
 * of them), and every other character. The rest of the ASCII characters are known not to be
 * terminators. Set once the rules have been checked and every ASCII character classified.
 */
let marked: Cursor[] | undefined;

function markedCursors(): Cursor[] {
  const ascii = Array.from({ length: 128 }, (_, c) => c);
  classify(ascii);
  const wanted = ascii.filter((c) => classes[c] === ATERM || classes[c] === STERM || classes[c] === UNKNOWN || classes[c] === 0);
  const cursors = wanted.map((c) => new Cursor((text, from) => text.indexOf(String.fromCharCode(c), from)));
  const nonASCII = (text: string, from: number) => {
    NON_ASCII.lastIndex = from;
    return NON_ASCII.test(text) ? NON_ASCII.lastIndex - 1 : -1;
  };
  return [...cursors, new Cursor(nonASCII)];
}

// The text the cursors were last asked about.
let markedText: string | undefined;

/** The first marked character of `text` at or after `from`, or -1. */
function nextMarked(cursors: readonly Cursor[], text: string, from: number): number {
  if (text !== markedText) {
    markedText = text;
    for (const cursor of cursors) cursor.forget();
  }
  let first = -1;
  for (let k = 0; k < cursors.length; k++) {
    const at = cursors[k].next(text, from);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  return first;
}

/**
 * Puts in `out` the offsets (relative to `start`, after 0) at which the segmenter would start
 * sentences in `text[start, end)` with its line breaks read as spaces. False when the text holds a
 * character whose class is unknown: then the segmenter has to be asked.
 */
export function sentenceStarts(text: string, start: number, end: number, out: number[]): boolean {
  if (state === 'unchecked') {
    state = check() ? 'on' : 'off';
    if (state === 'on') marked = markedCursors();
  }
  if (state === 'off' || marked === undefined) return false;
  const n = end - start;
  const terms = n <= KEPT_BUFFER ? termBuffer : new Int32Array(n);
  let termCount = 0;
  for (let i = nextMarked(marked, text, start); i !== -1 && i < end; i = nextMarked(marked, text, i + 1)) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      // A terminator, or a character of no known class.
      if (classes[c] !== ATERM && classes[c] !== STERM) return false;
      terms[termCount++] = i;
      continue;
    }
    // A run of other characters is read here rather than searched for one by one.
    for (; i < end && text.charCodeAt(i) >= 128; i++) {
      const d = text.charCodeAt(i);
      if (classes[d] === 0) learnClasses(text, i, end);
      const k = classes[d];
      if (k === UNKNOWN) return false;
      if (k === ATERM || k === STERM) terms[termCount++] = i;
    }
    i--;
  }
  if (out.length !== 0) out.length = 0; // setting the length is slow, even to what it is
  findStarts(text, start, end, terms, termCount, out);
  return true;
}

/** Learn the classes of the characters in `text[from, end)` not seen before. */
function learnClasses(text: string, from: number, end: number): void {
  const unseen: number[] = [];
  for (let j = from; j < end; j++) if (classes[text.charCodeAt(j)] === 0) unseen.push(text.charCodeAt(j));
  classify(unseen);
}
