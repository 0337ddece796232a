/**
 * A document made ready for the index: everything `PassageIndex.addPrepared` needs, in typed arrays
 * (its passages' places and kinds, its text as UTF-8, the hashes of its short lines, and its index
 * terms as numbers). Preparing is the per-document work of indexing (segmenting aside): it needs no
 * index, so it runs in worker threads (workerPool.ts), each numbering terms its own way; the index
 * renumbers them into its vocabulary (`TermMap`) when it adds the document, in the order the files
 * were listed, so that the index is the same as one built on a single thread.
 */
import type { CorpusDocument, DocumentMetadata, Figure } from './types';
import type { TermMap } from './vocabulary';
import { documentFields, KIND_CODE, type DocumentFields } from './passageStore';
import { utf8Offsets } from './text';
import { lineHashes } from './repeatedLines';
import { indexTermIds, TermIds } from './tokenize';

export interface PreparedDocument {
  fields: DocumentFields;
  /** The text, UTF-8. */
  bytes: Uint8Array;
  /** Per passage, in document order: its place in the text (UTF-16 offsets and UTF-8 bytes) and its kind (`KIND_CODE`). */
  start: Uint32Array;
  end: Uint32Array;
  byteStart: Uint32Array;
  byteEnd: Uint32Array;
  kind: Uint8Array;
  /** Per passage: the hash of the short line it starts on, or 0 (repeatedLines.ts). */
  line: Float64Array;
  /** The distinct hashes of the document's short lines. */
  lines: Float64Array;
  /** Per passage, when any has one: its speaker, its figures. */
  speakers?: Array<string | null>;
  figures?: Array<Figure[] | null>;
  /** Per passage, its number of index terms; the terms, passage after passage, as ids of the `TermIds` that prepared it. */
  termCount: Uint32Array;
  terms: Uint32Array;
}

const ENCODER = new TextEncoder();

/** A deep copy with fresh strings: a substring can keep the whole text it was cut from in memory. */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Prepare a document, numbering its terms by `ids`. With `copy`, the metadata, speakers and figures
 * (cut out of the document's text) are copied, so that they do not keep the text alive; a document
 * sent from a worker thread arrives as a copy anyway. `utf8`: the text's UTF-8 when the caller has it
 * (the bytes of a text file: `textFileUtf8`), taken rather than encoding the text again.
 */
export function prepareDocument(doc: CorpusDocument, ids: TermIds, copy: boolean, utf8?: Uint8Array): PreparedDocument {
  const passages = doc.passages;
  const n = passages.length;
  const hashes = lineHashes(doc.text, passages);
  const ends = new Uint32Array(2 * n);
  let speakers: Array<string | null> | undefined;
  let figures: Array<Figure[] | null> | undefined;
  const counts = new Uint32Array(n);
  const terms: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = passages[i];
    ends[2 * i] = p.start;
    ends[2 * i + 1] = p.end;
    if (p.speaker) (speakers ??= new Array<string | null>(n).fill(null))[i] = p.speaker;
    if (p.figures?.length) (figures ??= new Array<Figure[] | null>(n).fill(null))[i] = p.figures;
    const before = terms.length;
    // Read in the document's text, a flat string (the passage's own is a slice of it, slower to read).
    indexTermIds(doc.text, ids, terms, p.start, p.end);
    counts[i] = terms.length - before;
  }
  const bytes = utf8 ? ownBuffer(utf8) : ENCODER.encode(doc.text);
  // A text of as many bytes as characters is ASCII: its byte offsets are its character offsets.
  const byteAt = bytes.length === doc.text.length ? ends : utf8Offsets(doc.text, ends);

  // The columns share one buffer (one transfer to another thread): doubles first, then 32-bit, then bytes.
  const lineCount = hashes.lines.length;
  const buffer = new ArrayBuffer(8 * (n + lineCount) + 4 * (5 * n + terms.length) + n);
  let at = 0;
  const next = <T extends ArrayBufferView>(view: T): T => {
    at += view.byteLength;
    return view;
  };
  const f64 = (length: number) => next(new Float64Array(buffer, at, length));
  const u32 = (length: number) => next(new Uint32Array(buffer, at, length));
  const line = f64(n);
  const lines = f64(lineCount);
  const start = u32(n);
  const end = u32(n);
  const byteStart = u32(n);
  const byteEnd = u32(n);
  const termCount = u32(n);
  const termIds = u32(terms.length);
  const kind = new Uint8Array(buffer, at, n);
  line.set(hashes.passages);
  lines.set(hashes.lines);
  termCount.set(counts);
  termIds.set(terms);
  for (let i = 0; i < n; i++) {
    const p = passages[i];
    start[i] = p.start;
    end[i] = p.end;
    byteStart[i] = byteAt[2 * i];
    byteEnd[i] = byteAt[2 * i + 1];
    kind[i] = KIND_CODE[p.kind];
  }
  const fields = documentFields(doc);
  const prepared: PreparedDocument = {
    fields: copy ? detached(fields) : fields,
    bytes,
    start,
    end,
    byteStart,
    byteEnd,
    kind,
    line,
    lines,
    termCount,
    terms: termIds,
    // Present (undefined when none) in every prepared document: objects of one shape.
    speakers: speakers && copy ? detached(speakers) : speakers,
    figures: figures && copy ? detached(figures) : figures,
  };
  return prepared;
}

/** The bytes in an array buffer of their own (to be transferred to another thread without taking anything else along). */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
}

/**
 * A file to prepare: its bytes, or a path on this machine's disk that the preparing thread reads
 * itself; with the hash of the content indexed from it before, a file whose content is the same is
 * not prepared again.
 */
export interface PrepareJob {
  root: string;
  path: string;
  /** The file's size as listed (how much work it is). */
  size: number;
  bytes?: Uint8Array;
  localPath?: string;
  knownHash?: number;
  override?: DocumentMetadata;
}

/** A prepared document and how its terms are numbered; or the same content as before; or why the file is not a document. */
export type Prepared = { prepared: PreparedDocument; terms: TermMap; hash: number } | { same: true; hash: number } | { reason: string };

/** Prepares documents elsewhere (worker threads: workerPool.ts) while the index goes on. */
export interface DocumentPreparers {
  /** How many documents it prepares at once. */
  readonly size: number;
  /** True once closed: what it was given fails, nothing more is taken. */
  readonly closed: boolean;
  /** What to index of a file; fails (rather than giving a reason) when it cannot prepare any more. */
  prepare(job: PrepareJob): Promise<Prepared>;
  close(): void;
}

/** The buffers of a prepared document, to transfer rather than copy to another thread. */
export function transferables(p: PreparedDocument): ArrayBuffer[] {
  const arrays = [p.bytes, p.start, p.end, p.byteStart, p.byteEnd, p.kind, p.line, p.lines, p.termCount, p.terms];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * Numbers terms in order of first use, as a worker thread does for the documents it prepares: the
 * words it has numbered are sent along (`take`) with the first document that uses them.
 */
export class WordNumbering {
  private readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private sent = 0;
  readonly termIds = new TermIds((term) => {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(term);
      this.ids.set(term, id);
    }
    return id;
  });

  /** The words numbered since the last call, and the id of the first. */
  take(): { first: number; words: string[] } {
    const first = this.sent;
    this.sent = this.words.length;
    return { first, words: this.words.slice(first) };
  }

  /** Forgets every word numbered: the next is numbered 0 again (primer.ts primes a thread with the numbering it will use). */
  reset(): void {
    // Emptied in place: the array keeps the kind of elements it has (strings), which code compiled for it expects.
    this.words.length = 0;
    this.ids.clear();
    this.sent = 0;
    this.termIds.renumbered();
  }
}
