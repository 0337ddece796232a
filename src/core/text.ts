/** Offsets, lines and columns. Lines and characters are 0-based unless a name says otherwise. */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Offsets at which each line starts. Lines end at `\n`; a `\r` before it stays on the line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function offsetToPosition(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function positionToOffset(starts: readonly number[], text: string, pos: Position): number {
  if (pos.line >= starts.length) return text.length;
  const lineStart = starts[pos.line];
  const next = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length + 1;
  return Math.min(lineStart + pos.character, next - 1, text.length);
}

/** The end-of-line sequence a text mostly uses. */
export function eolOf(text: string): '\n' | '\r\n' {
  const lf = (text.match(/\n/g) ?? []).length;
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return lf > 0 && crlf * 2 > lf ? '\r\n' : '\n';
}

/** Lowercase, strip diacritics and fold typographic quotes and dashes: for comparing text. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .toLowerCase();
}

/** Shorten to at most `max` characters on a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '') + '…';
}

/** The first `n` words of a text. */
export function firstWords(text: string, n: number): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length <= n ? words.join(' ') : words.slice(0, n).join(' ') + '…';
}

/**
 * A copy of a string that does not keep the text it was cut from alive: V8 makes a long substring a
 * view of the whole string, so a kept word or name would hold its whole document in memory.
 */
export function detachedString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Offsets are put in order as `offset × ORDER_SPACE + index` in a typed array, which sorts without a comparator. */
const ORDER_SPACE = 2 ** 22;

// eslint-disable-next-line no-control-regex
const NON_ASCII_RUN = /[^\x00-\x7f]+/g;

/** The UTF-8 byte offset of each of `offsets` (UTF-16 offsets into `text`, any order, mostly ascending). */
export function utf8Offsets(text: string, offsets: ArrayLike<number>): Uint32Array {
  const n = offsets.length;
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) if (offsets[i] < offsets[i - 1]) ascending = false;
  let order: ArrayLike<number> | undefined;
  if (!ascending) {
    if (n < ORDER_SPACE && text.length < 2 ** 31) {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = offsets[i] * ORDER_SPACE + i;
      keys.sort();
      const sorted = new Uint32Array(n);
      for (let k = 0; k < n; k++) sorted[k] = keys[k] % ORDER_SPACE;
      order = sorted;
    } else order = Array.from({ length: n }, (_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  }
  const out = new Uint32Array(n);
  const length = text.length;
  // Bytes beyond one per code unit, counted up to `at`. Only the characters beyond ASCII are looked at
  // (found by a regular expression), most texts having a few among many.
  let extra = 0;
  let at = 0;
  let k = 0;
  // The offsets up to `limit`, in order: one inside a surrogate pair counts the whole pair.
  const settle = (limit: number) => {
    for (; k < n; k++) {
      const i = order ? order[k] : k;
      const target = offsets[i];
      if (target > limit) return;
      out[i] = Math.max(Math.min(target, length), at) + extra;
    }
  };
  NON_ASCII_RUN.lastIndex = 0;
  for (let run = NON_ASCII_RUN.exec(text); run && k < n; run = NON_ASCII_RUN.exec(text)) {
    const end = run.index + run[0].length;
    settle(run.index);
    at = run.index;
    while (at < end && k < n) {
      const c = text.charCodeAt(at);
      if (c < 0x800) {
        extra += 1;
        at += 1;
      } else if (c >= 0xd800 && c <= 0xdbff && at + 1 < length && isLowSurrogate(text.charCodeAt(at + 1))) {
        extra += 2;
        at += 2;
      } else {
        extra += 2;
        at += 1;
      }
      settle(at);
    }
  }
  settle(Infinity);
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
