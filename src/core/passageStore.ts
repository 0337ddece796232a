/**
 * Passages in columns (typed arrays, a few dozen bytes each) rather than one object each, so that a
 * million of them fit in little memory and load from the on-disk cache at once. Passage objects are
 * made when asked for, by the document that holds them (`IndexedDocument`).
 */
import type { CorpusDocument, DocumentFormat, DocumentMetadata, Figure, Passage, PassageKind, TextSourceMap } from './types';
import type { PreparedDocument } from './prepare';
import { detachedString, lineStarts } from './text';
import { STEP_ITEMS, type Steps } from './steps';

export const KINDS: readonly PassageKind[] = ['sentence', 'quote', 'fact'];
export const KIND_CODE: Record<PassageKind, number> = { sentence: 0, quote: 1, fact: 2 };
/** Flags: the document was removed or changed; the passage is a line repeated across documents. */
export const DEAD = 1;
export const HIDDEN = 2;

export class PassageStore {
  count = 0;
  doc = new Int32Array(0);
  start = new Uint32Array(0);
  end = new Uint32Array(0);
  kind = new Uint8Array(0);
  flags = new Uint8Array(0);
  /** Index terms in the passage. */
  len = new Uint16Array(0);
  /** Speaker (index into `speakers`) or -1. */
  speaker = new Int32Array(0);
  /** Hash of the short line the passage starts on (0: not a short line); see `PassageIndex.hideRepeatedLines`. */
  line = new Float64Array(0);
  /** Where the passage lies in its document's UTF-8 bytes. */
  byteStart = new Uint32Array(0);
  byteEnd = new Uint32Array(0);
  readonly figures = new Map<number, Figure[]>();
  readonly speakers: string[] = [];
  private readonly speakerIds = new Map<string, number>();

  /** A passage of the document in `slot`, `terms` index terms long, at `[byteStart, byteEnd)` of its UTF-8 text. */
  add(slot: number, p: Pick<Passage, 'start' | 'end' | 'kind' | 'speaker' | 'figures'>, terms: number, lineHash: number, byteStart: number, byteEnd: number): number {
    return this.append(slot, p.start, p.end, KIND_CODE[p.kind], p.speaker, p.figures, terms, lineHash, byteStart, byteEnd);
  }

  /** `add` from the passage's columns (`kind` a `KIND_CODE`). */
  append(
    slot: number,
    start: number,
    end: number,
    kind: number,
    speaker: string | null | undefined,
    figures: Figure[] | null | undefined,
    terms: number,
    lineHash: number,
    byteStart: number,
    byteEnd: number,
  ): number {
    const pid = this.count;
    this.ensure(pid + 1);
    this.doc[pid] = slot;
    this.start[pid] = start;
    this.end[pid] = end;
    this.kind[pid] = kind;
    this.flags[pid] = 0;
    this.len[pid] = Math.min(terms, MAX_LEN);
    this.speaker[pid] = speaker ? this.speakerId(speaker) : -1;
    this.line[pid] = lineHash;
    this.byteStart[pid] = byteStart;
    this.byteEnd[pid] = byteEnd;
    if (figures?.length) this.figures.set(pid, figures);
    this.count++;
    return pid;
  }

  /**
   * `append` for each passage of a prepared document, in the document in `slot`; returns the first
   * passage's id. The prepared columns are copied whole (a copy a column rather than a call a passage).
   */
  appendAll(slot: number, p: Pick<PreparedDocument, 'start' | 'end' | 'kind' | 'speakers' | 'figures' | 'termCount' | 'line' | 'byteStart' | 'byteEnd'>): number {
    const first = this.count;
    const n = p.termCount.length;
    const to = first + n;
    this.ensure(to);
    this.doc.fill(slot, first, to);
    this.start.set(p.start, first);
    this.end.set(p.end, first);
    this.kind.set(p.kind, first);
    this.flags.fill(0, first, to);
    this.line.set(p.line, first);
    this.byteStart.set(p.byteStart, first);
    this.byteEnd.set(p.byteEnd, first);
    const { len, speaker } = this;
    for (let i = 0; i < n; i++) len[first + i] = Math.min(p.termCount[i], MAX_LEN);
    if (p.speakers) {
      for (let i = 0; i < n; i++) {
        const name = p.speakers[i];
        speaker[first + i] = name ? this.speakerId(name) : -1;
      }
    } else speaker.fill(-1, first, to);
    if (p.figures) {
      for (let i = 0; i < n; i++) {
        const figures = p.figures[i];
        if (figures?.length) this.figures.set(first + i, figures);
      }
    }
    this.count = to;
    return first;
  }

  speakerId(name: string): number {
    let id = this.speakerIds.get(name);
    if (id === undefined) {
      // A name cut out of a text would keep the text in memory: a copy.
      name = detachedString(name);
      id = this.speakers.length;
      this.speakers.push(name);
      this.speakerIds.set(name, id);
    }
    return id;
  }

  /**
   * A copy of the store's passages as `add` in passage order would make them, in steps: flags other
   * than HIDDEN cleared, speakers numbered in order of first use, figures in passage order.
   */
  *compacting(): Steps<PassageStore> {
    const n = this.count;
    const doc = this.doc.slice(0, n);
    const start = this.start.slice(0, n);
    yield;
    const end = this.end.slice(0, n);
    const kind = this.kind.slice(0, n);
    const len = this.len.slice(0, n);
    yield;
    const line = this.line.slice(0, n);
    yield;
    const byteStart = this.byteStart.slice(0, n);
    const byteEnd = this.byteEnd.slice(0, n);
    yield;
    const flags = this.flags.slice(0, n);
    for (let pid = 0; pid < n; pid++) {
      flags[pid] &= HIDDEN;
      if ((pid & (STEP_ITEMS - 1)) === STEP_ITEMS - 1) yield;
    }
    const speaker = this.speaker.slice(0, n);
    const newOf = new Int32Array(this.speakers.length).fill(-1);
    const names: string[] = [];
    for (let pid = 0; pid < n; pid++) {
      const old = speaker[pid];
      if ((pid & (STEP_ITEMS - 1)) === STEP_ITEMS - 1) yield;
      if (old < 0) continue;
      if (newOf[old] < 0) {
        newOf[old] = names.length;
        names.push(this.speakers[old]);
      }
      speaker[pid] = newOf[old];
    }
    const out = new PassageStore();
    out.load(n, { doc, start, end, kind, flags, len, speaker, line, byteStart, byteEnd }, names);
    yield;
    let ascending = true;
    let previous = -1;
    for (const pid of this.figures.keys()) {
      if (pid <= previous) ascending = false;
      previous = pid;
    }
    const entries = ascending ? this.figures : [...this.figures].sort((a, b) => a[0] - b[0]);
    let i = 0;
    for (const [pid, figures] of entries) {
      if (pid < n) out.figures.set(pid, figures);
      if ((++i & 16383) === 0) yield;
    }
    return out;
  }

  /** Take over columns read back from the cache. */
  load(count: number, columns: Pick<PassageStore, ColumnName>, speakers: string[]): void {
    this.count = count;
    ({
      doc: this.doc,
      start: this.start,
      end: this.end,
      kind: this.kind,
      flags: this.flags,
      len: this.len,
      speaker: this.speaker,
      line: this.line,
      byteStart: this.byteStart,
      byteEnd: this.byteEnd,
    } = columns);
    for (const s of speakers) this.speakerId(s);
  }

  private ensure(n: number): void {
    if (n <= this.doc.length) return;
    const size = Math.max(n, this.doc.length * 2, 1024);
    this.doc = grow(this.doc, new Int32Array(size));
    this.start = grow(this.start, new Uint32Array(size));
    this.end = grow(this.end, new Uint32Array(size));
    this.kind = grow(this.kind, new Uint8Array(size));
    this.flags = grow(this.flags, new Uint8Array(size));
    this.len = grow(this.len, new Uint16Array(size));
    this.speaker = grow(this.speaker, new Int32Array(size));
    this.line = grow(this.line, new Float64Array(size));
    this.byteStart = grow(this.byteStart, new Uint32Array(size));
    this.byteEnd = grow(this.byteEnd, new Uint32Array(size));
  }
}

/** A passage's number of index terms as kept (`len`, 16 bits): a longer one is counted as this long. */
const MAX_LEN = 0xffff;

export type ColumnName = 'doc' | 'start' | 'end' | 'kind' | 'flags' | 'len' | 'speaker' | 'line' | 'byteStart' | 'byteEnd';

function grow<T extends { set(a: ArrayLike<number>): void }>(old: ArrayLike<number>, next: T): T {
  next.set(old);
  return next;
}

/** What a document is apart from its text and passages. */
export interface DocumentFields {
  path: string;
  root: string;
  relPath: string;
  metadata: DocumentMetadata;
  boilerplate: Array<[number, number]>;
  format?: DocumentFormat;
  pages?: number[];
  paragraphs?: number[];
  sourceMap?: TextSourceMap;
}

export function documentFields(doc: CorpusDocument): DocumentFields {
  const f: DocumentFields = { path: doc.path, root: doc.root, relPath: doc.relPath, metadata: doc.metadata, boilerplate: doc.boilerplate };
  if (doc.format) f.format = doc.format;
  if (doc.pages) f.pages = doc.pages;
  if (doc.paragraphs) f.paragraphs = doc.paragraphs;
  if (doc.sourceMap) f.sourceMap = doc.sourceMap;
  return f;
}

/** Decoded texts of the documents used last (a document keeps its text as UTF-8 bytes). */
const TEXTS_KEPT = 64;
const decodedTexts = new Map<IndexedDocument, string>();
const utf8 = new TextDecoder();

/**
 * A document in the index. Its text is kept as UTF-8 (a byte a character for most text, where a
 * JavaScript string with one curly quote takes two) and decoded when asked for; its passages are
 * the store's `[first, first + count)` that are neither removed nor hidden, made into objects on
 * first use; line starts are computed on first use.
 */
export class IndexedDocument implements CorpusDocument {
  readonly path: string;
  readonly root: string;
  readonly relPath: string;
  readonly metadata: DocumentMetadata;
  readonly boilerplate: Array<[number, number]>;
  format?: DocumentFormat;
  pages?: number[];
  paragraphs?: number[];
  sourceMap?: TextSourceMap;
  private starts: number[] | undefined;
  private objects: Array<Passage | undefined> = [];
  private visible: Passage[] | undefined;

  constructor(
    fields: DocumentFields,
    /** The text, UTF-8. */
    readonly bytes: Uint8Array,
    private readonly store: PassageStore,
    readonly first: number,
    readonly count: number,
  ) {
    this.path = fields.path;
    this.root = fields.root;
    this.relPath = fields.relPath;
    this.metadata = fields.metadata;
    this.boilerplate = fields.boilerplate;
    if (fields.format) this.format = fields.format;
    if (fields.pages) this.pages = fields.pages;
    if (fields.paragraphs) this.paragraphs = fields.paragraphs;
    if (fields.sourceMap) this.sourceMap = fields.sourceMap;
  }

  get text(): string {
    let text = decodedTexts.get(this);
    if (text === undefined) {
      text = utf8.decode(this.bytes);
      if (decodedTexts.size >= TEXTS_KEPT) decodedTexts.delete(decodedTexts.keys().next().value as IndexedDocument);
    } else decodedTexts.delete(this);
    decodedTexts.set(this, text);
    return text;
  }

  /** A passage's text, decoded from its bytes alone. */
  passageText(pid: number): string {
    return utf8.decode(this.bytes.subarray(this.store.byteStart[pid], this.store.byteEnd[pid]));
  }

  get lineStarts(): number[] {
    return (this.starts ??= lineStarts(this.text));
  }

  get passages(): Passage[] {
    if (!this.visible) {
      const out: Passage[] = [];
      for (let pid = this.first; pid < this.first + this.count; pid++) if (this.store.flags[pid] === 0) out.push(this.passage(pid));
      this.visible = out;
    }
    return this.visible;
  }

  /** The passage object for an id of this document (the same object each time). */
  passage(pid: number): Passage {
    const i = pid - this.first;
    let p = this.objects[i];
    if (!p) {
      const s = this.store;
      const start = s.start[pid];
      const end = s.end[pid];
      p = { id: pid, doc: this, kind: KINDS[s.kind[pid]], start, end, text: this.passageText(pid) };
      if (s.speaker[pid] >= 0) p.speaker = s.speakers[s.speaker[pid]];
      const figures = s.figures.get(pid);
      if (figures) p.figures = figures;
      this.objects[i] = p;
    }
    return p;
  }

  /** Which passages are visible changed. */
  invalidate(): void {
    this.visible = undefined;
  }
}
