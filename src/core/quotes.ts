/**
 * Quotations in a block of text, with who said them: `“…,” Stoltenberg said`, `Blinken said: “…”`,
 * `“…” said Blinken`, and `“…”, he reiterated` resolved to the last named speaker.
 */
import { isSpaceCode, isUppercaseCode, isWordOrSpaceCode, nextOpeningQuote, type Span } from './segment';

export interface Quote extends Span {
  speaker?: string;
}

const SPEECH =
  'said|says|added|adds|stated|states|told|tells|warned|warns|noted|notes|stressed|stresses|reiterated|reiterates|declared|declares|insisted|insists|explained|explains|argued|argues|asked|asks|wrote|writes|tweeted|tweets|continued|concluded|remarked|announced|announces|underlined|underscored|emphasised|emphasized|claimed|claims|urged|urges|replied|responded|acknowledged|admitted|called|accused|accuses|demanded|demands|described|describes|expressed|vowed|pledged|promised|predicted|cautioned';
const NAME_WORD = "\\p{Lu}(?:[\\p{L}'’-]+|\\.)";
const NAME = `${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,3}`;
const PRONOUN = '(?:he|she|they|He|She|They)';
const NOT_NAMES = new Set(['The', 'A', 'An', 'It', 'This', 'That', 'These', 'Those', 'In', 'On', 'At', 'But', 'And', 'As', 'If', 'When', 'While', 'After', 'Before', 'We', 'I', 'You', 'He', 'She', 'They', 'Earlier', 'Later', 'Speaking', 'During']);

/** `[\s([{:—–-]`: a straight quotation mark after this opens a quotation. */
function opensStraightQuote(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 58 || c === 0x2014 || c === 0x2013 || c === 45 || isSpaceCode(c);
}

/**
 * The next offset at or after `from` of one character in a text, remembered: asked with increasing
 * offsets, a whole document costs one pass of `indexOf`.
 */
class NextChar {
  private from = 0;
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly ch: string,
  ) {}

  /** The offset, or -1 when there is none. */
  next(from: number): number {
    if (this.at === -2 || from < this.from || (this.at !== -1 && from > this.at)) {
      this.from = from;
      this.at = this.text.indexOf(this.ch, from);
    }
    return this.at;
  }
}

/** Pairs of quotation marks, outermost, within one block (only the marks are looked at). */
function quotationSpans(text: string, block: Span, straight: NextChar): Span[] {
  const out: Span[] = [];
  let i = block.start;
  while (i < block.end) {
    const c = nextOpeningQuote(text, i);
    const s = straight.next(i);
    i = c === -1 ? s : s === -1 ? c : Math.min(c, s);
    if (i === -1 || i >= block.end) break;
    if (i === c) {
      // Curly quotes nest: find the matching close.
      let depth = 0;
      let j = i;
      for (; j < block.end; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x201c) depth++;
        else if (d === 0x201d && --depth === 0) break;
      }
      if (j < block.end) {
        out.push({ start: i, end: j + 1 });
        i = j + 1;
        continue;
      }
    } else if (i === block.start || opensStraightQuote(text.charCodeAt(i - 1))) {
      const j = straight.next(i + 1);
      if (j !== -1 && j < block.end) {
        out.push({ start: i, end: j + 1 });
        i = j + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** The quoted words without the marks and the trailing comma that belongs to the attribution. */
function inner(text: string, q: Span): Span {
  let start = q.start + 1;
  let end = q.end - 1;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isTrailing(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** `[\s,;:]` */
function isTrailing(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || isSpaceCode(c);
}

/** Does `text[start, end)` hold two words or more (runs of anything but whitespace)? */
function hasTwoWords(text: string, start: number, end: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (!space && !inWord && ++words === 2) return true;
    inWord = !space;
  }
  return false;
}

function cleanName(raw: string): string | undefined {
  const words = raw.trim().split(/\s+/).filter((w) => !NOT_NAMES.has(w));
  if (!words.length) return undefined;
  // "Ukrainian Foreign Minister Dmytro Kuleba": the name is the last two words.
  return words.slice(-2).join(' ').replace(/[.,]$/, '');
}

const NAMED_AFTER = new RegExp(`^[,.]?\\s*(?:(${NAME})|(${PRONOUN}))\\s+(?:also\\s+|then\\s+|later\\s+)?(?:${SPEECH})\\b`, 'u');
const VERB_THEN_NAME = new RegExp(`^[,.]?\\s*(?:${SPEECH})\\s+(${NAME})`, 'u');
const NAMED_BEFORE = new RegExp(`(?:(${NAME})|\\b(${PRONOUN}))\\s+(?:also\\s+)?(?:${SPEECH})(?:\\s+[^“”".!?]{0,80}?)?(?:\\s+that)?\\s*[:,]?\\s*$`, 'u');
/** A named speaker (global, for scanning a whole text) and the same at one position (sticky). */
const NAMED_SPEAKER = `(${NAME})\\s+(?:also\\s+)?(?:${SPEECH})\\b`;
const NAMED_SPEAKER_AT = new RegExp(NAMED_SPEAKER, 'uy');
/** Whitespace and a speech verb: every named speaker ends so. */
const SPEECH_VERB = new RegExp(`\\s(?:${SPEECH})\\b`, 'g');

/** A speaker named just after the quotation: `,” Stoltenberg said` / `” said Blinken` / `”, he reiterated`. */
function speakerAfter(text: string, end: number, limit: number): string | 'pronoun' | undefined {
  const after = text.slice(end, Math.min(limit, end + 120));
  let m = NAMED_AFTER.exec(after);
  if (m) return m[2] || isPronoun(m[1]) ? 'pronoun' : cleanName(m[1]);
  m = VERB_THEN_NAME.exec(after);
  if (m) return cleanName(m[1]);
  return undefined;
}

/**
 * Whitespace, a speech verb and a word boundary: every match of NAMED_BEFORE holds one, and this
 * finds it much faster than NAMED_BEFORE finds its match.
 */
const HAS_SPEECH_VERB = new RegExp(`\\s(?:${SPEECH})\\b`);

/** A speaker named just before the quotation: `Blinken said: “` / `Stoltenberg said that “`. */
function speakerBefore(text: string, start: number, blockStart: number): string | 'pronoun' | undefined {
  const before = text.slice(Math.max(blockStart, start - 160), start);
  if (!HAS_SPEECH_VERB.test(before)) return undefined;
  const m = NAMED_BEFORE.exec(before);
  if (!m) return undefined;
  return m[2] || isPronoun(m[1]) ? 'pronoun' : cleanName(m[1]);
}

function isPronoun(word: string | undefined): boolean {
  return !!word && /^(?:he|she|they)$/i.test(word.trim());
}

/**
 * Named speakers of speech verbs in a text (for resolving pronouns): `Lavrov said Russia…`. These are
 * the matches of NAMED_SPEAKER, in order and without overlaps, found without running it over the
 * whole text: a match ends with the first speech verb after its start (a name's words are
 * capitalised), and holds nothing but letters, `'’.-` and spaces, so for each speech verb only the
 * capital letters in the run of such characters before it can start one.
 */
export function namedSpeakers(text: string): Array<{ at: number; name: string }> {
  const out: Array<{ at: number; name: string }> = [];
  let from = 0; // no match starts before this
  SPEECH_VERB.lastIndex = 0;
  for (let v = SPEECH_VERB.exec(text); v !== null; v = SPEECH_VERB.exec(text)) {
    const at = v.index;
    let runStart = at;
    while (runStart > from && mayBeInSpeaker(text.charCodeAt(runStart - 1))) runStart--;
    let found = false;
    for (let p = runStart; p < at; p++) {
      const c = text.charCodeAt(p);
      if (!(c >= 0xd800 && c <= 0xdbff) && !isUppercaseCode(c)) continue;
      NAMED_SPEAKER_AT.lastIndex = p;
      const m = NAMED_SPEAKER_AT.exec(text);
      if (!m) continue;
      const name = cleanName(m[1]);
      if (name) out.push({ at: p, name });
      from = NAMED_SPEAKER_AT.lastIndex;
      SPEECH_VERB.lastIndex = from;
      found = true;
      break;
    }
    if (!found) from = at + 1;
  }
  return out;
}

/** Letters, digits, `'’.-`, spaces and surrogates (a name outside the Basic Multilingual Plane). */
function mayBeInSpeaker(c: number): boolean {
  return (c >= 0xd800 && c <= 0xdfff) || isWordOrSpaceCode(c);
}

/** A capitalised word. */
const CAPITALISED = /\p{Lu}[\p{L}'’-]+/gu;

/** The first capitalised word of `text[from, to)` that is one of `names`. */
function topicOf(text: string, from: number, to: number, names: ReadonlySet<string>): string | undefined {
  const before = text.slice(from, to);
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(before); m !== null; m = CAPITALISED.exec(before)) if (names.has(m[0])) return m[0];
  return undefined;
}

/** The name of the last of `speakers` named before `at`. */
function priorSpeaker(speakers: ReadonlyArray<{ at: number; name: string }>, at: number): string | undefined {
  for (let i = speakers.length - 1; i >= 0; i--) if (speakers[i].at < at) return speakers[i].name;
  return undefined;
}

/** Two capitalised words in a row: a full name whose second word may stand alone later. */
const FULL_NAME = /\b(\p{Lu}\p{Ll}+)[ \t]+(?=(\p{Lu}\p{Ll}+)\b)/gu;

/**
 * Quotations of at least two words in the given blocks, with speakers. `speakers` are named speakers
 * of the whole document (for pronouns); `fullNames` expands a surname to the full name used elsewhere.
 */
export function findQuotes(text: string, blocks: readonly Span[]): Quote[] {
  // Speakers and full names are read from the whole text, once, and only when a quotation needs them.
  let named: Array<{ at: number; name: string }> | undefined;
  const speakersOf = () => (named ??= namedSpeakers(text));
  // Full names by surname: those of named speakers (the last one wins), then the first pair of
  // capitalised words with the surname. Pairs are read in order, only as far as a surname asked about
  // needs (the first word is consumed: no pair starts inside it).
  let fullNames: Map<string, string> | undefined;
  let pairsFrom = 0; // -1 once every pair has been read
  const fullNameOf = (surname: string): string | undefined => {
    if (!fullNames) {
      fullNames = new Map<string, string>();
      for (const s of speakersOf()) {
        const parts = s.name.split(' ');
        if (parts.length === 2) fullNames.set(parts[1], s.name);
      }
    }
    while (pairsFrom !== -1 && !fullNames.has(surname)) {
      FULL_NAME.lastIndex = pairsFrom;
      const m = FULL_NAME.exec(text);
      pairsFrom = m === null ? -1 : FULL_NAME.lastIndex;
      if (m !== null && !fullNames.has(m[2])) fullNames.set(m[2], `${m[1]} ${m[2]}`);
    }
    return fullNames.get(surname);
  };
  const expand = (name: string) => (name.includes(' ') ? name : fullNameOf(name) ?? name);
  let known: Set<string> | undefined;

  const out: Quote[] = [];
  let last: string | undefined;
  const straight = new NextChar(text, '"');
  for (const block of blocks) {
    let previousInBlock: string | undefined;
    for (const q of quotationSpans(text, block, straight)) {
      const span = inner(text, q);
      // An unattributed quotation right after an attributed one in the same paragraph continues it.
      let who = speakerAfter(text, q.end, block.end) ?? speakerBefore(text, q.start, block.start) ?? previousInBlock;
      if (who === 'pronoun') {
        // The speaker the paragraph is about (the first known speaker it names), else the last one named.
        const speakers = speakersOf();
        known ??= new Set(speakers.map((s) => s.name.split(' ').pop() as string));
        const names = known;
        who = topicOf(text, block.start, q.start, names) ?? priorSpeaker(speakers, q.start) ?? last;
      }
      const quote: Quote = { ...span };
      if (who) {
        quote.speaker = expand(who);
        last = quote.speaker;
        previousInBlock = quote.speaker;
      }
      if (hasTwoWords(text, span.start, span.end)) out.push(quote);
    }
  }
  return out;
}
