/**
 * The index on disk, so that a start with an unchanged corpus reads one file instead of every source.
 *
 * Layout: the magic `SRCBIDX\n`, the format version and the header's length (two little-endian
 * u32), the header (JSON: documents with their file stamps, speakers, figures, where each section
 * lies, a checksum), then the sections, each 8-byte aligned: the documents' texts (UTF-8), the terms
 * (UTF-8, one per line), the passage columns, each document's short-line hashes, and the postings.
 * A cache is never trusted: anything that does not add up (magic, version, key, lengths, checksum,
 * ids out of range) makes `decodeIndexCache` throw, and the caller rebuilds.
 */
import type { Figure } from './types';
import { PassageStore, type ColumnName, type DocumentFields } from './passageStore';
import { Postings } from './postings';
import { hashString } from './hash';
import type { IndexSnapshot } from './search';
import { nextTurn, runInSlices, runSteps, STEP_ITEMS, type Steps } from './steps';

/** Bump when the layout, or what the readers, segmenter, fact finder or tokenizer make of a file, changes. */
export const INDEX_CACHE_VERSION = 2;
const MAGIC = 'SRCBIDX\n';

/** The cache file's name for a corpus (its roots and settings, as a key): one file per corpus. */
export function indexCacheFileName(corpusKey: string): string {
  return `corpus-${hashString(corpusKey).toString(36)}.idx`;
}

/** Where a corpus keeps its cache (the extension's storage, the command line's cache folder). */
export interface IndexCacheStore {
  /** The cache's bytes, or undefined when there is none. */
  read(): Promise<Uint8Array | undefined>;
  write(bytes: Uint8Array): Promise<void>;
  /** Where it is, for the log. */
  readonly location: string;
}

/** A source file as it was when its document was indexed. */
export interface FileStamp {
  size: number;
  mtime: number;
  /** hashBytes of the file's content. */
  hash: number;
}

export interface CacheContents {
  /** What the corpus was made from (roots, options): a cache for another corpus is not used. */
  key: string;
  snapshot: IndexSnapshot;
  /** By document path. */
  stamps: Map<string, FileStamp>;
  /** Per root, the sidecar files' stamps (metadata overrides). */
  sidecars: Record<string, string>;
}

interface Header {
  version: number;
  key: string;
  sidecars: Record<string, string>;
  docs: Array<DocumentFields & FileStamp & { first: number; count: number; textBytes: number; lineCount: number }>;
  passages: number;
  terms: number;
  speakers: string[];
  figures: Array<[number, Figure[]]>;
  sections: Record<SectionName, [offset: number, length: number]>;
  checksum: number;
}

type SectionName = 'text' | 'terms' | ColumnName | 'lines' | 'offsets' | 'data';

export function encodeIndexCache(c: CacheContents): Uint8Array {
  return runSteps(encodeSteps(c));
}

/**
 * `encodeIndexCache` in slices of about `sliceMs` milliseconds of work, awaiting `pause()` (by default
 * a turn of the event loop) between them, so that a large index is written without holding up
 * anything else for long. The contents must not change meanwhile (a snapshot's do not).
 */
export function encodeIndexCacheInSlices(c: CacheContents, sliceMs = 20, pause: () => Promise<void> = nextTurn): Promise<Uint8Array> {
  return runInSlices(encodeSteps(c), sliceMs, pause);
}

/** Bytes copied, or checksummed, between two points where the encoder may pause. */
const STEP_BYTES = 1 << 22;
/** Entries of the header's long lists written as JSON between two such points. */
const STEP_ENTRIES = 500;

/**
 * The encoder, pausing (yielding) between steps. The file is written in one buffer: the sections at
 * the offsets the header gives them, then the checksum over them, then the header (JSON as
 * `JSON.stringify` writes it, the checksum its last field), which says where the sections start.
 */
function* encodeSteps(c: CacheContents): Steps<Uint8Array> {
  const { snapshot: snap } = c;
  const enc = new TextEncoder();
  const s = snap.store;
  const n = s.count;
  const texts = snap.docs.map((d) => d.bytes);
  // The terms, one a line, encoded a number at a time.
  const terms: Uint8Array[] = [];
  for (let i = 0; i < snap.terms.length; i += STEP_ITEMS) {
    const end = Math.min(snap.terms.length, i + STEP_ITEMS);
    terms.push(enc.encode(snap.terms.slice(i, end).join('\n') + (end < snap.terms.length ? '\n' : '')));
    yield;
  }
  const parts: Array<[SectionName, ArrayBufferView[]]> = [
    ['text', texts],
    ['terms', terms],
    ['doc', [s.doc.subarray(0, n)]],
    ['start', [s.start.subarray(0, n)]],
    ['end', [s.end.subarray(0, n)]],
    ['kind', [s.kind.subarray(0, n)]],
    ['flags', [s.flags.subarray(0, n)]],
    ['len', [s.len.subarray(0, n)]],
    ['speaker', [s.speaker.subarray(0, n)]],
    ['line', [s.line.subarray(0, n)]],
    ['byteStart', [s.byteStart.subarray(0, n)]],
    ['byteEnd', [s.byteEnd.subarray(0, n)]],
    ['lines', snap.docs.map((d) => d.lines)],
    ['offsets', [snap.postings.offsets]],
    ['data', [snap.postings.data]],
  ];
  yield;
  const sections = {} as Header['sections'];
  let bodyLength = 0;
  for (const [name, pieces] of parts) {
    const length = pieces.reduce((sum, p) => sum + p.byteLength, 0);
    sections[name] = [bodyLength, length];
    bodyLength = align8(bodyLength + length);
  }
  const docEntry = (d: IndexSnapshot['docs'][number], i: number): Header['docs'][number] => {
    const stamp = c.stamps.get(d.fields.path);
    if (!stamp) throw new Error(`no file stamp for ${d.fields.path}`);
    return { ...d.fields, ...stamp, first: d.first, count: d.count, textBytes: texts[i].length, lineCount: d.lines.length };
  };
  // The header up to the checksum's value, as UTF-8 pieces of the JSON text.
  const head: Uint8Array[] = [];
  let headLength = 0;
  const put = (json: string) => {
    const bytes = enc.encode(json);
    head.push(bytes);
    headLength += bytes.length;
  };
  // The header's fields in the order of `Header`, the checksum last and left to the end.
  const field = (name: keyof Header, json: string | undefined) => {
    if (json !== undefined) put(`${head.length ? ',' : '{'}${JSON.stringify(name)}:${json}`);
  };
  /**
   * A field whose value is a long array: `JSON.stringify(items.map(entry))` (plain values), a few
   * hundred entries at a time.
   */
  function* arrayField<T>(name: keyof Header, items: readonly T[], entry: (item: T, i: number) => unknown = (item) => item): Steps<void> {
    field(name, '[');
    for (let i = 0; i < items.length; i += STEP_ENTRIES) {
      // `[a,b]` without its brackets: a chunk's entries as the whole array's JSON has them.
      const chunk = items.slice(i, i + STEP_ENTRIES).map((item, k) => entry(item, i + k));
      put(`${i ? ',' : ''}${JSON.stringify(chunk).slice(1, -1)}`);
      yield;
    }
    put(']');
  }
  field('version', JSON.stringify(INDEX_CACHE_VERSION));
  field('key', JSON.stringify(c.key));
  field('sidecars', JSON.stringify(c.sidecars));
  yield* arrayField('docs', snap.docs, docEntry);
  field('passages', JSON.stringify(n));
  field('terms', JSON.stringify(snap.terms.length));
  field('speakers', JSON.stringify(s.speakers));
  yield* arrayField('figures', [...s.figures].filter(([pid]) => pid < n));
  field('sections', JSON.stringify(sections));
  put(',"checksum":');
  const startFor = (digits: number) => align8(16 + headLength + digits + 1);

  // The sections, placed for a checksum of ten digits (most are), and moved if it has fewer.
  let start = startFor(10);
  let out = new Uint8Array(start + bodyLength);
  for (const [name, pieces] of parts) {
    let at = start + sections[name][0];
    for (const piece of pieces) {
      const bytes = bytesOf(piece);
      for (let from = 0; from < bytes.length; from += STEP_BYTES) {
        out.set(from === 0 && bytes.length <= STEP_BYTES ? bytes : bytes.subarray(from, from + STEP_BYTES), at + from);
        yield;
      }
      at += bytes.length;
    }
  }
  const sum = new Checksum(out.subarray(start));
  while (!sum.step(STEP_BYTES >> 2)) yield;
  const digits = String(sum.value());
  if (startFor(digits.length) !== start) {
    const moved = new Uint8Array(startFor(digits.length) + bodyLength);
    for (let from = 0; from < bodyLength; from += STEP_BYTES) {
      moved.set(out.subarray(start + from, start + Math.min(bodyLength, from + STEP_BYTES)), startFor(digits.length) + from);
      yield;
    }
    out = moved;
    start = startFor(digits.length);
  }
  const headerTail = enc.encode(`${digits}}`);
  out.set(enc.encode(MAGIC), 0);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(8, INDEX_CACHE_VERSION, true);
  view.setUint32(12, headLength + headerTail.length, true);
  let at = 16;
  for (const piece of head) {
    out.set(piece, at);
    at += piece.length;
  }
  out.set(headerTail, at);
  return out;
}

/** Read a cache back; throws with the reason when it is not a sound cache for `key`. */
export function decodeIndexCache(bytes: Uint8Array, key: string): CacheContents {
  return runSteps(decodeSteps(bytes, key));
}

/** `decodeIndexCache` in slices of about `sliceMs` milliseconds of work, awaiting `pause()` between them. */
export function decodeIndexCacheInSlices(bytes: Uint8Array, key: string, sliceMs = 20, pause: () => Promise<void> = nextTurn): Promise<CacheContents> {
  return runInSlices(decodeSteps(bytes, key), sliceMs, pause);
}

/** The decoder, pausing (yielding) between steps: checksumming, copying and checking the columns. */
function* decodeSteps(bytes: Uint8Array, key: string): Steps<CacheContents> {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error('not an index cache');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== INDEX_CACHE_VERSION) throw new Error(`format version ${version}, expected ${INDEX_CACHE_VERSION}`);
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length) throw new Error('truncated header');
  let header: Header;
  try {
    header = (yield* parseJsonObject(bytes.subarray(16, 16 + headerLength))) as unknown as Header;
  } catch {
    throw new Error('unreadable header');
  }
  if (header.key !== key) throw new Error('made for another corpus or other settings');
  const start = align8(16 + headerLength);
  // Typed views need aligned memory: copy the body when the buffer does not give it.
  let body = bytes.subarray(start);
  if ((body.byteOffset & 7) !== 0) body = body.slice();
  const sum = new Checksum(body);
  while (!sum.step(STEP_BYTES >> 2)) yield;
  if (sum.value() !== header.checksum) throw new Error('checksum does not match (the file is damaged or was cut short)');
  yield;
  const section = (name: SectionName): Uint8Array => {
    const [offset, length] = header.sections[name] ?? [-1, -1];
    if (offset < 0 || offset + length > body.length) throw new Error(`section ${name} out of bounds`);
    return body.subarray(offset, offset + length);
  };
  const n = header.passages;
  function* column<T>(name: SectionName, make: (b: ArrayBuffer, o: number, len: number) => T, width: number, count = n): Steps<T> {
    const b = section(name);
    if (b.length !== count * width) throw new Error(`section ${name} has the wrong size`);
    // A copy, so that the file's buffer (texts and all) can be freed.
    const copy = yield* copied(b);
    return make(copy.buffer, copy.byteOffset, count);
  }
  const store = new PassageStore();
  store.load(
    n,
    {
      doc: yield* column('doc', (b, o, l) => new Int32Array(b, o, l), 4),
      start: yield* column('start', (b, o, l) => new Uint32Array(b, o, l), 4),
      end: yield* column('end', (b, o, l) => new Uint32Array(b, o, l), 4),
      kind: yield* column('kind', (b, o, l) => new Uint8Array(b, o, l), 1),
      flags: yield* column('flags', (b, o, l) => new Uint8Array(b, o, l), 1),
      len: yield* column('len', (b, o, l) => new Uint16Array(b, o, l), 2),
      speaker: yield* column('speaker', (b, o, l) => new Int32Array(b, o, l), 4),
      line: yield* column('line', (b, o, l) => new Float64Array(b, o, l), 8),
      byteStart: yield* column('byteStart', (b, o, l) => new Uint32Array(b, o, l), 4),
      byteEnd: yield* column('byteEnd', (b, o, l) => new Uint32Array(b, o, l), 4),
    },
    header.speakers,
  );
  yield;
  // The loops over every passage are plain functions, called a range at a time: the optimiser makes more of them than of a long generator.
  for (let from = 0; from < n; from += STEP_ITEMS) {
    const bad = malformed(store, from, Math.min(n, from + STEP_ITEMS), header.speakers.length);
    if (bad >= 0) throw new Error(`passage ${bad} is malformed`);
    yield;
  }
  for (const [pid, figures] of header.figures) {
    if (pid < 0 || pid >= n || !Array.isArray(figures)) throw new Error('figures out of range');
    store.figures.set(pid, figures);
    if ((store.figures.size & 16383) === 0) yield;
  }
  yield;
  const terms = header.terms ? new TextDecoder().decode(section('terms')).split('\n') : [];
  if (terms.length !== header.terms) throw new Error('term count does not match');
  yield;
  const offsets = yield* column('offsets', (b, o, l) => new Uint32Array(b, o, l), 4, header.terms + 1);
  const dataBytes = section('data');
  const data = yield* column('data', (b, o, l) => new Uint32Array(b, o, l), 4, dataBytes.length / 4);
  const postings = yield* checkedPostings(offsets, data, n);

  // The texts stay UTF-8, in one copy that the documents share (decoded when used).
  const textBytes = yield* copied(section('text'));
  const lineBytes = yield* column('lines', (b, o, l) => new Float64Array(b, o, l), 8, section('lines').length / 8);
  const stamps = new Map<string, FileStamp>();
  const docs: IndexSnapshot['docs'] = [];
  let textAt = 0;
  let lineAt = 0;
  let expectFirst = 0;
  for (const d of header.docs) {
    if ((docs.length & 255) === 0) yield;
    const { size, mtime, hash, first, count, textBytes: tb, lineCount, ...rest } = d;
    if (first !== expectFirst || first + count > n || textAt + tb > textBytes.length || lineAt + lineCount > lineBytes.length) {
      throw new Error(`document ${d.path} does not match the columns`);
    }
    const bytes = textBytes.subarray(textAt, textAt + tb);
    const outside = beyond(store, first, first + count, tb);
    if (outside >= 0) throw new Error(`passage ${outside} lies outside its text`);
    docs.push({ fields: rest, bytes, first, count, lines: lineBytes.slice(lineAt, lineAt + lineCount) });
    stamps.set(d.path, { size, mtime, hash });
    textAt += tb;
    lineAt += lineCount;
    expectFirst = first + count;
  }
  if (expectFirst !== n) throw new Error('passages without a document');
  return { key, snapshot: { docs, terms, store, postings }, stamps, sidecars: header.sidecars ?? {} };
}

/** The first of the passages `[from, to)` whose columns do not add up, or -1. */
function malformed(store: PassageStore, from: number, to: number, speakers: number): number {
  const { kind, flags, speaker, start, end, byteStart, byteEnd } = store;
  for (let pid = from; pid < to; pid++) {
    if (kind[pid] > 2 || flags[pid] > 2 || speaker[pid] >= speakers || start[pid] > end[pid] || byteStart[pid] > byteEnd[pid]) return pid;
  }
  return -1;
}

/** The first of the passages `[from, to)` that ends beyond `length` (its document's text), or -1. */
function beyond(store: PassageStore, from: number, to: number, length: number): number {
  const { end, byteEnd } = store;
  for (let pid = from; pid < to; pid++) if (byteEnd[pid] > length || end[pid] > length) return pid;
  return -1;
}

/**
 * `bytes.slice()`, a copy made a few megabytes at a time. (Node's Buffer, which is what a file read
 * gives there, slices into a view of the same memory rather than a copy: that is taken as it is.)
 */
function* copied(bytes: Uint8Array): Steps<Uint8Array<ArrayBuffer>> {
  if (bytes.length <= STEP_BYTES || bytes.subarray(0, 1).slice().buffer === bytes.buffer) return bytes.slice();
  const out = new Uint8Array(bytes.length);
  for (let from = 0; from < bytes.length; from += STEP_BYTES) {
    out.set(bytes.subarray(from, from + STEP_BYTES), from);
    yield;
  }
  return out;
}

/** The postings read back (each term's passages ascending and below `passages`), checked in steps. */
function* checkedPostings(offsets: Uint32Array, data: Uint32Array, passages: number): Steps<Postings> {
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== data.length) throw new Error('postings offsets do not match the data');
  for (let t = 0; t + 1 < offsets.length; yield) t = checkTerms(offsets, data, passages, t, STEP_ITEMS << 3);
  const postings = new Postings();
  postings.offsets = offsets;
  postings.data = data;
  return postings;
}

/** Check the postings of the terms from `t` on, about `budget` of them; returns the term to go on from. */
function checkTerms(offsets: Uint32Array, data: Uint32Array, passages: number, t: number, budget: number): number {
  for (let work = 0; t + 1 < offsets.length && work < budget; t++) {
    const from = offsets[t];
    const to = offsets[t + 1];
    if (to < from) throw new Error('postings offsets are not ascending');
    let prev = -1;
    for (let i = from; i < to; i++) {
      const pid = data[i];
      if (pid <= prev || pid >= passages) throw new Error('postings are out of order or out of range');
      prev = pid;
    }
    work += to - from + 1;
  }
  return t;
}

/** Bytes of the header parsed at once: a longer array is parsed in pieces of about this many. */
const PIECE_BYTES = 1 << 18;

/**
 * `JSON.parse` of an object's UTF-8 JSON text, in steps: a long array among its values (the
 * documents, the figures) is parsed about `pieceBytes` at a time. The text is cut where JSON allows
 * it (outside strings: between members, between an array's entries) and each piece goes through
 * `JSON.parse`, so that what is accepted is what `JSON.parse` accepts of the whole, an object. Throws
 * on anything else.
 */
export function* parseJsonObject(bytes: Uint8Array, pieceBytes = PIECE_BYTES): Steps<Record<string, unknown>> {
  const scan: ObjectScan = { members: [], member: undefined, depth: 0, second: 0, closed: -1 };
  for (let i = 0; i < bytes.length; yield) i = scanObject(bytes, i, i + pieceBytes, scan);
  const { members, closed } = scan;
  if (closed < 0 || scan.depth !== 0 || !blank(bytes, closed + 1, bytes.length)) throw new Error('not an object');
  const decoder = new TextDecoder();
  const text = (from: number, to: number) => decoder.decode(bytes.subarray(from, to));
  const out: Record<string, unknown> = {};
  if (members.length === 1 && blank(bytes, members[0].start, members[0].end)) return out;
  for (const m of members) {
    if (m.colon < 0) throw new Error('a member without a value');
    const key: unknown = JSON.parse(text(m.start, m.colon));
    if (typeof key !== 'string') throw new Error('a key that is not a string');
    let value: unknown;
    if (m.open >= 0 && m.close >= 0 && m.commas.length === 0 && blank(bytes, m.colon + 1, m.open) && blank(bytes, m.open + 1, m.close) && blank(bytes, m.close + 1, m.end)) {
      value = [];
    } else if (m.open >= 0 && m.close >= 0 && m.close - m.open > pieceBytes && blank(bytes, m.colon + 1, m.open) && blank(bytes, m.close + 1, m.end)) {
      // A long array: its entries a piece at a time (an empty entry leaves its piece short, or unreadable).
      const entries: unknown[] = [];
      const cuts = [m.open, ...m.commas, m.close];
      for (let first = 0; first + 1 < cuts.length; ) {
        let last = first + 1;
        while (last + 1 < cuts.length && cuts[last] - cuts[first] < pieceBytes) last++;
        const piece = JSON.parse(`[${text(cuts[first] + 1, cuts[last])}]`) as unknown[];
        if (piece.length !== last - first) throw new Error('an empty entry');
        for (const entry of piece) entries.push(entry);
        first = last;
        yield;
      }
      value = entries;
    } else {
      value = JSON.parse(text(m.colon + 1, m.end));
      if (m.end - m.start > pieceBytes) yield;
    }
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A member of an object's JSON: its bounds and first colon; for an array value, its brackets and the commas between its entries. */
interface Member {
  start: number;
  colon: number;
  end: number;
  open: number;
  close: number;
  commas: number[];
}

/** How far `scanObject` has come: the members so far, the member being read, the brackets open, where the object closed. */
interface ObjectScan {
  members: Member[];
  member: Member | undefined;
  /** Brackets open; the kind of the second (the member's value) when open. */
  depth: number;
  second: number;
  closed: number;
}

/**
 * Scan an object's JSON from `i` to about `to` (a string is read to its end); returns where to go on.
 * Brackets are matched at the object's level and its members'; deeper, only counted (every piece
 * goes through JSON.parse, which sees the rest).
 */
function scanObject(bytes: Uint8Array, i: number, to: number, scan: ObjectScan): number {
  const { members } = scan;
  let { member, depth } = scan;
  const n = Math.min(to, bytes.length);
  for (; i < n; i++) {
    const b = bytes[i];
    if (STRUCTURAL[b] === 0) continue;
    if (b === 0x22) {
      // A string: to its closing quote, escapes skipped.
      for (i++; i < bytes.length && bytes[i] !== 0x22; i++) if (bytes[i] === 0x5c) i++;
      if (i >= bytes.length) throw new Error('unterminated string');
    } else if (b === 0x7b || b === 0x5b) {
      if (depth === 0) {
        if (b !== 0x7b || scan.closed >= 0 || !blank(bytes, 0, i)) throw new Error('not an object');
        member = newMember(i + 1);
      } else if (depth === 1) {
        scan.second = b;
        if (b === 0x5b && member && member.open < 0) member.open = i;
      }
      depth++;
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
      if (depth < 0 || (depth === 0 && b !== 0x7d) || (depth === 1 && b !== (scan.second === 0x7b ? 0x7d : 0x5d))) throw new Error('brackets do not match');
      if (depth === 1 && b === 0x5d && member && member.close < 0) member.close = i;
      if (depth === 0 && member) {
        member.end = i;
        members.push(member);
        member = undefined;
        scan.closed = i;
      }
    } else if (b === 0x2c && member) {
      if (depth === 1) {
        member.end = i;
        members.push(member);
        member = newMember(i + 1);
      } else if (depth === 2 && scan.second === 0x5b && member.close < 0) member.commas.push(i);
    } else if (b === 0x3a && depth === 1 && member && member.colon < 0) member.colon = i;
  }
  scan.member = member;
  scan.depth = depth;
  return i;
}

/** The bytes `scanObject` looks at: quote, brackets, comma, colon. */
const STRUCTURAL = new Uint8Array(256);
for (const c of '"{}[],:') STRUCTURAL[c.charCodeAt(0)] = 1;

function newMember(start: number): Member {
  return { start, colon: -1, end: -1, open: -1, close: -1, commas: [] };
}

/** Is `bytes[from, to)` JSON white space only? */
function blank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** A 32-bit checksum of an 8-byte-aligned buffer (four interleaved lanes over 32-bit words), taken a number of words at a time. */
class Checksum {
  private a = 1;
  private b = 2;
  private c = 3;
  private d = 4;
  /** Words summed so far. */
  private at = 0;
  private readonly words: Int32Array;
  /** Words summed four at a time (the rest go to one lane at the end). */
  private readonly whole: number;

  constructor(private readonly body: Uint8Array) {
    this.words = new Int32Array(body.buffer, body.byteOffset, body.length >>> 2);
    this.whole = this.words.length & ~3;
  }

  /** Sum up to `count` more words (a multiple of four); true when all are summed. */
  step(count: number): boolean {
    const w = this.words;
    const end = Math.min(this.whole, this.at + count);
    let { a, b, c, d, at: i } = this;
    for (; i < end; i += 4) {
      a = (Math.imul(a, 31) + w[i]) | 0;
      b = (Math.imul(b, 37) + w[i + 1]) | 0;
      c = (Math.imul(c, 41) + w[i + 2]) | 0;
      d = (Math.imul(d, 43) + w[i + 3]) | 0;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.at = i;
    return i >= this.whole;
  }

  value(): number {
    const { body, words } = this;
    let { a, b } = this;
    for (let i = this.whole; i < words.length; i++) a = (Math.imul(a, 31) + words[i]) | 0;
    for (let j = words.length * 4; j < body.length; j++) b = (Math.imul(b, 37) + body[j]) | 0;
    return (Math.imul(a ^ b, 0x01000193) ^ Math.imul(this.c ^ this.d, 0x05ebca6b) ^ body.length) >>> 0;
  }
}
