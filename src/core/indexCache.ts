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
const STEP_ENTRIES = 2000;

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
  const parts: Array<[SectionName, ArrayBufferView[]]> = [
    ['text', texts],
    ['terms', [enc.encode(snap.terms.join('\n'))]],
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
  const docs: Header['docs'] = snap.docs.map((d, i) => {
    const fields = d.fields;
    const stamp = c.stamps.get(d.fields.path);
    if (!stamp) throw new Error(`no file stamp for ${d.fields.path}`);
    return { ...fields, ...stamp, first: d.first, count: d.count, textBytes: texts[i].length, lineCount: d.lines.length };
  });
  // The header's fields in the order of `Header`, the checksum last and left to the end.
  const fields: string[] = [];
  const field = (name: keyof Header, json: string | undefined) => {
    if (json !== undefined) fields.push(`${JSON.stringify(name)}:${json}`);
  };
  field('version', JSON.stringify(INDEX_CACHE_VERSION));
  field('key', JSON.stringify(c.key));
  field('sidecars', JSON.stringify(c.sidecars));
  field('docs', yield* jsonArray(docs));
  field('passages', JSON.stringify(n));
  field('terms', JSON.stringify(snap.terms.length));
  field('speakers', JSON.stringify(s.speakers));
  field('figures', yield* jsonArray([...s.figures].filter(([pid]) => pid < n)));
  field('sections', JSON.stringify(sections));
  const headerHead = enc.encode(`{${fields.join(',')},"checksum":`);
  const startFor = (digits: number) => align8(16 + headerHead.length + digits + 1);

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
  view.setUint32(12, headerHead.length + headerTail.length, true);
  out.set(headerHead, 16);
  out.set(headerTail, 16 + headerHead.length);
  return out;
}

/** `JSON.stringify(items)` for an array of plain values, written a few thousand entries at a time. */
function* jsonArray(items: readonly unknown[]): Steps<string> {
  const chunks: string[] = [];
  for (let i = 0; i < items.length; i += STEP_ENTRIES) {
    // `[a,b]` without its brackets: a chunk's entries as the whole array's JSON has them.
    chunks.push(JSON.stringify(items.slice(i, i + STEP_ENTRIES)).slice(1, -1));
    yield;
  }
  return `[${chunks.join(',')}]`;
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
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as Header;
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
  const column = <T>(name: SectionName, make: (b: ArrayBuffer, o: number, len: number) => T, width: number, count = n): T => {
    const b = section(name);
    if (b.length !== count * width) throw new Error(`section ${name} has the wrong size`);
    // A copy, so that the file's buffer (texts and all) can be freed.
    const copy = b.slice();
    return make(copy.buffer, copy.byteOffset, count);
  };
  const store = new PassageStore();
  store.load(
    n,
    {
      doc: column('doc', (b, o, l) => new Int32Array(b, o, l), 4),
      start: column('start', (b, o, l) => new Uint32Array(b, o, l), 4),
      end: column('end', (b, o, l) => new Uint32Array(b, o, l), 4),
      kind: column('kind', (b, o, l) => new Uint8Array(b, o, l), 1),
      flags: column('flags', (b, o, l) => new Uint8Array(b, o, l), 1),
      len: column('len', (b, o, l) => new Uint16Array(b, o, l), 2),
      speaker: column('speaker', (b, o, l) => new Int32Array(b, o, l), 4),
      line: column('line', (b, o, l) => new Float64Array(b, o, l), 8),
      byteStart: column('byteStart', (b, o, l) => new Uint32Array(b, o, l), 4),
      byteEnd: column('byteEnd', (b, o, l) => new Uint32Array(b, o, l), 4),
    },
    header.speakers,
  );
  yield;
  for (let pid = 0; pid < n; pid++) {
    if ((pid & (STEP_ITEMS - 1)) === 0) yield;
    if (
      store.kind[pid] > 2 ||
      store.flags[pid] > 2 ||
      store.speaker[pid] >= header.speakers.length ||
      store.start[pid] > store.end[pid] ||
      store.byteStart[pid] > store.byteEnd[pid]
    ) {
      throw new Error(`passage ${pid} is malformed`);
    }
  }
  for (const [pid, figures] of header.figures) {
    if (pid < 0 || pid >= n || !Array.isArray(figures)) throw new Error('figures out of range');
    store.figures.set(pid, figures);
  }
  const terms = header.terms ? new TextDecoder().decode(section('terms')).split('\n') : [];
  if (terms.length !== header.terms) throw new Error('term count does not match');
  const offsets = column('offsets', (b, o, l) => new Uint32Array(b, o, l), 4, header.terms + 1);
  const dataBytes = section('data');
  const data = column('data', (b, o, l) => new Uint32Array(b, o, l), 4, dataBytes.length / 4);
  yield;
  const postings = Postings.fromBase(offsets, data, n);
  yield;

  // The texts stay UTF-8, in one copy that the documents share (decoded when used).
  const textBytes = section('text').slice();
  const lineBytes = column('lines', (b, o, l) => new Float64Array(b, o, l), 8, section('lines').length / 8);
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
    for (let pid = first; pid < first + count; pid++) if (store.byteEnd[pid] > tb || store.end[pid] > tb) throw new Error(`passage ${pid} lies outside its text`);
    docs.push({ fields: rest, bytes, first, count, lines: lineBytes.slice(lineAt, lineAt + lineCount) });
    stamps.set(d.path, { size, mtime, hash });
    textAt += tb;
    lineAt += lineCount;
    expectFirst = first + count;
  }
  if (expectFirst !== n) throw new Error('passages without a document');
  return { key, snapshot: { docs, terms, store, postings }, stamps, sidecars: header.sidecars ?? {} };
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
