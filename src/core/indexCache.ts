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
  const { snapshot: snap } = c;
  const enc = new TextEncoder();
  const texts = snap.docs.map((d) => d.bytes);
  const s = snap.store;
  const n = s.count;
  const lines = concat(snap.docs.map((d) => d.lines), (n) => new Float64Array(n));
  const parts: Array<[SectionName, Uint8Array]> = [
    ['text', concat(texts, (n) => new Uint8Array(n))],
    ['terms', enc.encode(snap.terms.join('\n'))],
    ['doc', bytesOf(s.doc.subarray(0, n))],
    ['start', bytesOf(s.start.subarray(0, n))],
    ['end', bytesOf(s.end.subarray(0, n))],
    ['kind', bytesOf(s.kind.subarray(0, n))],
    ['flags', bytesOf(s.flags.subarray(0, n))],
    ['len', bytesOf(s.len.subarray(0, n))],
    ['speaker', bytesOf(s.speaker.subarray(0, n))],
    ['line', bytesOf(s.line.subarray(0, n))],
    ['byteStart', bytesOf(s.byteStart.subarray(0, n))],
    ['byteEnd', bytesOf(s.byteEnd.subarray(0, n))],
    ['lines', bytesOf(lines)],
    ['offsets', bytesOf(snap.postings.offsets)],
    ['data', bytesOf(snap.postings.data)],
  ];
  const sections = {} as Header['sections'];
  let at = 0;
  for (const [name, bytes] of parts) {
    sections[name] = [at, bytes.length];
    at = align8(at + bytes.length);
  }
  const body = new Uint8Array(at);
  for (const [name, bytes] of parts) body.set(bytes, sections[name][0]);
  const header: Header = {
    version: INDEX_CACHE_VERSION,
    key: c.key,
    sidecars: c.sidecars,
    docs: snap.docs.map((d, i) => {
      const fields = d.fields;
      const stamp = c.stamps.get(d.fields.path);
      if (!stamp) throw new Error(`no file stamp for ${d.fields.path}`);
      return { ...fields, ...stamp, first: d.first, count: d.count, textBytes: texts[i].length, lineCount: d.lines.length };
    }),
    passages: n,
    terms: snap.terms.length,
    speakers: s.speakers,
    figures: [...s.figures].filter(([pid]) => pid < n),
    sections,
    checksum: checksum(body),
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const start = align8(16 + headerBytes.length);
  const out = new Uint8Array(start + body.length);
  out.set(enc.encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, INDEX_CACHE_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  out.set(body, start);
  return out;
}

/** Read a cache back; throws with the reason when it is not a sound cache for `key`. */
export function decodeIndexCache(bytes: Uint8Array, key: string): CacheContents {
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
  if (checksum(body) !== header.checksum) throw new Error('checksum does not match (the file is damaged or was cut short)');
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
  for (let pid = 0; pid < n; pid++) {
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
  const postings = Postings.fromBase(offsets, data, n);

  // The texts stay UTF-8, in one copy that the documents share (decoded when used).
  const textBytes = section('text').slice();
  const lineBytes = column('lines', (b, o, l) => new Float64Array(b, o, l), 8, section('lines').length / 8);
  const stamps = new Map<string, FileStamp>();
  const docs: IndexSnapshot['docs'] = [];
  let textAt = 0;
  let lineAt = 0;
  let expectFirst = 0;
  for (const d of header.docs) {
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

/** Arrays of one kind, one after another in a new one. */
function concat<T extends Uint8Array | Float64Array>(parts: T[], make: (length: number) => T): T {
  const out = make(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A 32-bit checksum of an 8-byte-aligned buffer: four interleaved lanes over 32-bit words. */
function checksum(body: Uint8Array): number {
  const words = body.length >>> 2;
  const w = new Int32Array(body.buffer, body.byteOffset, words);
  let a = 1;
  let b = 2;
  let c = 3;
  let d = 4;
  let i = 0;
  for (; i + 4 <= words; i += 4) {
    a = (Math.imul(a, 31) + w[i]) | 0;
    b = (Math.imul(b, 37) + w[i + 1]) | 0;
    c = (Math.imul(c, 41) + w[i + 2]) | 0;
    d = (Math.imul(d, 43) + w[i + 3]) | 0;
  }
  for (; i < words; i++) a = (Math.imul(a, 31) + w[i]) | 0;
  for (let j = words * 4; j < body.length; j++) b = (Math.imul(b, 37) + body[j]) | 0;
  return (Math.imul(a ^ b, 0x01000193) ^ Math.imul(c ^ d, 0x05ebca6b) ^ body.length) >>> 0;
}
