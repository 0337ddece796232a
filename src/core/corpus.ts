/**
 * Reading a corpus: walking its roots, decoding files (skipping what cannot be read, with a reason),
 * and turning each file into a document with metadata and passages.
 */
import type { CorpusDocument, DocumentMetadata, Logger, Passage } from './types';
import { isInside, joinPath, normalizePath, relativePath, type CorpusFileSystem, type FileStat } from './fs';
import { lineStarts } from './text';
import { blocks, boilerplate, countWords, isSpaceCode, sentences, trimmedLines, type Span } from './segment';
import { extractMetadataFields, mergeMetadata, MetadataFields, parseFrontMatter } from './metadata';
import { READER_EXTENSIONS, readerFor } from './readers/index';
import { excludeMatcher, type ExcludeMatcher } from './glob';
import { findQuotes } from './quotes';
import { parseSidecar, SIDECAR_NAMES } from './sidecar';
import { sentenceFacts } from './facts';

export interface CorpusOptions {
  /** File endings read as documents. */
  extensions?: readonly string[];
  /** Files larger than this are skipped. */
  maxFileBytes?: number;
  /** Folder names never entered. */
  ignoreFolders?: readonly string[];
  /** Globs, relative to each root, of files and folders left out of the corpus (see glob.ts). */
  exclude?: readonly string[];
  log?: Logger;
}

export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];
export const DEFAULT_EXTENSIONS = [...TEXT_EXTENSIONS, ...READER_EXTENSIONS];
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const DEFAULT_IGNORED = ['.git', 'node_modules', '.vscode'];
const SIDECARS = SIDECAR_NAMES;

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CorpusLoad {
  documents: CorpusDocument[];
  skipped: SkippedFile[];
  /** Roots that do not exist or are not folders. */
  missingRoots: string[];
}

/** Decode UTF-8 strictly; undefined when the bytes are binary or not UTF-8. */
export function decodeText(bytes: Uint8Array): { text?: string; reason?: string } {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    return { reason: 'not valid UTF-8 text' };
  }
}

/** Build a document's passages (sentences outside boilerplate) and metadata from its text. */
export function buildDocument(path: string, root: string, text: string, override?: DocumentMetadata): CorpusDocument {
  const fm = parseFrontMatter(text);
  const lines = trimmedLines(text);
  const bp = boilerplate(text, {}, lines);
  const known = new MetadataFields();
  known.take(extractMetadataFields(text, bp, lines));
  if (override) known.take(override);
  const metadata = known.metadata();
  const doc: CorpusDocument = {
    path,
    root,
    relPath: relativePath(root, path),
    text,
    lineStarts: lineStarts(text),
    metadata,
    passages: [],
    boilerplate: bp.map((s) => [s.start, s.end]),
  };
  const title = known.title;
  const bodyBlocks: Span[] = [];
  // Boilerplate spans come in document order without overlapping: one sweep finds those a block meets.
  let b = 0;
  for (const block of blocks(text, lines)) {
    if (block.start < fm.end) continue;
    while (b < bp.length && bp[b].end <= block.start) b++;
    if (b < bp.length && bp[b].start < block.end) continue;
    if (title && block.end - block.start >= title.length && isTitle(text, block, title)) continue;
    if (startsVerbatim(text, block)) continue;
    bodyBlocks.push(block);
    for (const s of sentences(text, block)) {
      if (!isPassage(text, s)) continue;
      const sentence = text.slice(s.start, s.end);
      const fact = sentenceFacts(text, s.start, s.end, sentence);
      const p: Passage = { id: -1, doc, kind: fact.isFact ? 'fact' : 'sentence', start: s.start, end: s.end, text: sentence };
      if (fact.figures.length) p.figures = fact.figures;
      doc.passages.push(p);
    }
  }
  const quotes = findQuotes(text, bodyBlocks);
  for (const q of quotes) doc.passages.push(makePassage(doc, q, 'quote', q.speaker));
  // Sentences come in order: only quotations, added after them, call for a sort.
  if (quotes.length > 0 || !inOrder(doc.passages)) doc.passages.sort(byPosition);
  return doc;
}

/** Passages by start, the longer first. */
function byPosition(a: Passage, b: Passage): number {
  return a.start - b.start || b.end - a.end;
}

function inOrder(passages: readonly Passage[]): boolean {
  for (let i = 1; i < passages.length; i++) if (byPosition(passages[i - 1], passages[i]) > 0) return false;
  return true;
}

/** Is the block the title (a Markdown heading's `#` marks aside, as `/^#+\s+/` matches them)? */
function isTitle(text: string, block: Span, title: string): boolean {
  let from = block.start;
  if (text.charCodeAt(from) === 35) {
    let p = from;
    while (p < block.end && text.charCodeAt(p) === 35) p++;
    const marks = p;
    while (p < block.end && isSpaceCode(text.charCodeAt(p))) p++;
    if (p > marks) from = p;
  }
  return block.end - from === title.length && text.startsWith(title, from);
}

/** Code fences, HTML comments and table rows are not prose. */
function startsVerbatim(text: string, block: Span): boolean {
  const c = text.charCodeAt(block.start);
  if (c !== 96 && c !== 126 && c !== 60 && c !== 124) return false; // ` ~ < |
  return /^(```|~~~|<!--|\|)/.test(text.slice(block.start, block.end));
}

function isPassage(text: string, s: Span): boolean {
  const words = countWords(text, s.start, s.end, 6);
  // A heading, a name or a label is not a passage; a short sentence with a verb-like end still is.
  return words >= 6 || (words >= 3 && isSentenceEnd(text.charCodeAt(s.end - 1)));
}

/** `.!?”"` */
function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x201d || c === 34;
}

export function makePassage(doc: CorpusDocument, s: Span, kind: Passage['kind'], speaker?: string): Passage {
  const p: Passage = { id: -1, doc, kind, start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) };
  if (speaker) p.speaker = speaker;
  return p;
}

/** A document file found under a root, with its size and modification time. */
export interface CorpusFile {
  root: string;
  path: string;
  size: number;
  mtime: number;
}

/** Files of a folder whose size and time are asked for ahead of the one being looked at. */
const STATS_AHEAD = 32;

/** Folders below a root deeper than this are not entered. */
const MAX_DEPTH = 32;

function basename(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * Which files under a root are documents: the one set of rules for walking the roots and for
 * checking a single path (a file the watcher saw change).
 */
export class CorpusRules {
  readonly extensions: readonly string[];
  readonly maxBytes: number;
  private readonly ignored: Set<string>;
  private readonly excluded: ExcludeMatcher;

  constructor(opts: CorpusOptions = {}) {
    this.extensions = opts.extensions ?? DEFAULT_EXTENSIONS;
    this.ignored = new Set(opts.ignoreFolders ?? DEFAULT_IGNORED);
    this.maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.excluded = excludeMatcher(opts.exclude);
  }

  /** Does a walk of `root` enter this folder, `depth` folders below the root (its children are 1)? */
  entersFolder(root: string, folder: string, depth: number): boolean {
    const name = basename(folder);
    return !this.ignored.has(name) && !name.startsWith('.') && depth <= MAX_DEPTH && !this.excluded.folder(relativePath(root, folder));
  }

  /** Does a walk of `root` reach `path`: is it below the root, with every folder on the way entered? */
  reaches(root: string, path: string): boolean {
    if (!isInside(root, path) || normalizePath(path) === normalizePath(root)) return false;
    const parts = relativePath(root, path).split('/');
    let dir = root;
    for (let i = 0; i < parts.length - 1; i++) {
      dir = joinPath(dir, parts[i]);
      if (!this.entersFolder(root, dir, i + 1)) return false;
    }
    return true;
  }

  /**
   * A file by its name: a candidate document (true), a file skipped with a reason, or not part of the
   * corpus at all (undefined: sidecars, hidden and excluded files).
   */
  byName(root: string, path: string): true | SkippedFile | undefined {
    const name = basename(path);
    if (SIDECARS.includes(name) || name.startsWith('.')) return undefined;
    if (this.excluded.file(relativePath(root, path))) return undefined;
    const lower = name.toLowerCase();
    if (!this.extensions.some((ext) => lower.endsWith(ext))) return { path, reason: `not a supported document type (reads ${this.extensions.join(', ')})` };
    return true;
  }

  /** A candidate document by its size: the file, or skipped when it is too large. */
  bySize(root: string, path: string, stat: FileStat): { file: CorpusFile } | { skipped: SkippedFile } {
    if (stat.size > this.maxBytes) return { skipped: { path, reason: `too large (${formatBytes(stat.size)}; the limit is ${formatBytes(this.maxBytes)})` } };
    return { file: { root, path, size: stat.size, mtime: stat.mtime } };
  }
}

/**
 * One file under a root, by the rules: a document with its size and time, skipped with a reason, or
 * undefined when it is not part of the corpus. `seen`: paths already listed (overlapping roots).
 */
async function checkCorpusFile(
  fs: CorpusFileSystem,
  rules: CorpusRules,
  root: string,
  path: string,
  seen?: Set<string>,
): Promise<{ file: CorpusFile } | { skipped: SkippedFile } | undefined> {
  const verdict = rules.byName(root, path);
  if (verdict === undefined) return undefined;
  if (verdict !== true) return { skipped: verdict };
  if (seen) {
    if (seen.has(path)) return undefined;
    seen.add(path);
  }
  const stat = await fs.stat(path).catch(() => undefined);
  if (!stat) return { skipped: { path, reason: 'file cannot be read' } };
  return rules.bySize(root, path, stat);
}

/** Walks folders under a root by the rules, gathering documents and skipped files. */
class Walker {
  readonly files: CorpusFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly fs: CorpusFileSystem,
    private readonly rules: CorpusRules,
    private readonly onFile?: (file: CorpusFile) => void,
  ) {}

  async walk(root: string, dir: string, depth: number): Promise<void> {
    let entries: Array<[string, string]>;
    try {
      entries = await this.fs.readDirectory(dir);
    } catch (e) {
      this.skipped.push({ path: dir, reason: `folder cannot be read: ${errorMessage(e)}` });
      return;
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    // Files are looked at a few dozen ahead (a file system far away answers many at once), and taken
    // in name order, folders walked where they come.
    const checks = new Map<number, Promise<{ file: CorpusFile } | { skipped: SkippedFile } | undefined>>();
    let ahead = 0;
    for (let i = 0; i < entries.length; i++) {
      for (; ahead < entries.length && ahead < i + STATS_AHEAD; ahead++) {
        if (entries[ahead][1] === 'file') checks.set(ahead, checkCorpusFile(this.fs, this.rules, root, joinPath(dir, entries[ahead][0]), this.seen));
      }
      const [name, kind] = entries[i];
      if (kind === 'directory') {
        const path = joinPath(dir, name);
        if (this.rules.entersFolder(root, path, depth + 1)) await this.walk(root, path, depth + 1);
        continue;
      }
      const found = await checks.get(i);
      checks.delete(i);
      if (!found) continue;
      if ('file' in found) {
        this.files.push(found.file);
        this.onFile?.(found.file);
      } else this.skipped.push(found.skipped);
    }
  }
}

/**
 * Every file under the roots that has a document ending, with the reason for each one skipped.
 * `onFile` is told of each file as it is found, in the order of the list.
 */
export async function listCorpusFiles(
  fs: CorpusFileSystem,
  roots: readonly string[],
  opts: CorpusOptions | CorpusRules = {},
  onFile?: (file: CorpusFile) => void,
): Promise<{ files: CorpusFile[]; skipped: SkippedFile[]; missingRoots: string[] }> {
  const walker = new Walker(fs, opts instanceof CorpusRules ? opts : new CorpusRules(opts), onFile);
  const missingRoots: string[] = [];
  for (const root of roots) {
    const stat = await fs.stat(root).catch(() => undefined);
    if (!stat || stat.kind !== 'directory') {
      missingRoots.push(root);
      continue;
    }
    await walker.walk(root, root, 0);
  }
  return { files: walker.files, skipped: walker.skipped, missingRoots };
}

/** The documents in one folder under a root (which the walk of the root must reach), as `listCorpusFiles` lists them. */
export async function listCorpusFolder(
  fs: CorpusFileSystem,
  rules: CorpusRules,
  root: string,
  folder: string,
): Promise<{ files: CorpusFile[]; skipped: SkippedFile[] }> {
  const walker = new Walker(fs, rules);
  const depth = relativePath(root, folder).split('/').length;
  if (rules.reaches(root, folder) && rules.entersFolder(root, folder, depth)) await walker.walk(root, folder, depth);
  return { files: walker.files, skipped: walker.skipped };
}

/** Per-file metadata overrides from `sources.json` or `sources.yaml` at a root (the first that exists). */
export async function readSidecar(fs: CorpusFileSystem, root: string, log?: Logger): Promise<Map<string, DocumentMetadata>> {
  for (const name of SIDECAR_NAMES) {
    const path = joinPath(root, name);
    const stat = await fs.stat(path).catch(() => undefined);
    if (!stat || stat.kind !== 'file') continue;
    try {
      return parseSidecar(name, new TextDecoder().decode(await fs.readFile(path)));
    } catch (e) {
      log?.warn(`Ignoring ${path}: ${errorMessage(e)}`);
    }
    return new Map();
  }
  return new Map();
}

/** Read every document under the roots. Never throws for a bad file: it is skipped with a reason. */
export async function loadCorpus(fs: CorpusFileSystem, roots: readonly string[], opts: CorpusOptions = {}): Promise<CorpusLoad> {
  const log = opts.log;
  const listed = await listCorpusFiles(fs, roots, opts);
  const skipped = [...listed.skipped];
  const documents: CorpusDocument[] = [];
  const sidecars = new Map<string, Map<string, DocumentMetadata>>();
  for (const root of roots) if (!listed.missingRoots.includes(root)) sidecars.set(root, await readSidecar(fs, root, log));
  for (const file of listed.files) {
    const doc = await readDocument(fs, file.root, file.path, sidecars.get(file.root));
    if ('reason' in doc) skipped.push({ path: file.path, reason: doc.reason });
    else documents.push(doc);
  }
  for (const s of skipped) log?.warn(`Skipped ${s.path}: ${s.reason}`);
  return { documents, skipped, missingRoots: listed.missingRoots };
}

export async function readDocument(
  fs: CorpusFileSystem,
  root: string,
  path: string,
  sidecar?: Map<string, DocumentMetadata>,
): Promise<CorpusDocument | { reason: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    return { reason: `cannot be read: ${errorMessage(e)}` };
  }
  return documentFromBytes(root, path, bytes, sidecar?.get(relativePath(root, path)));
}

/**
 * The UTF-8 of the text `documentFromBytes` made of a text file's bytes: the bytes themselves, without
 * a byte order mark (strict decoding gives back what encoding the text would). None for a file read
 * by a reader (HTML, PDF, DOCX), whose text is extracted.
 */
export function textFileUtf8(path: string, bytes: Uint8Array): Uint8Array | undefined {
  if (readerFor(path)) return undefined;
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** A document from a file's bytes (with the metadata a sidecar gives it), or why it cannot be one. */
export async function documentFromBytes(
  root: string,
  path: string,
  bytes: Uint8Array,
  override?: DocumentMetadata,
): Promise<CorpusDocument | { reason: string }> {
  const reader = readerFor(path);
  if (reader) {
    // HTML, PDF, DOCX: passages index into the extracted text; the reader says how to cite it.
    try {
      const read = await reader.read(bytes);
      if ('reason' in read) return read;
      const doc = buildDocument(path, root, read.text, mergeMetadata(read.metadata, override));
      doc.format = read.format;
      if (read.pages) doc.pages = read.pages;
      if (read.paragraphs) doc.paragraphs = read.paragraphs;
      if (read.sourceMap) doc.sourceMap = read.sourceMap;
      return doc;
    } catch (e) {
      return { reason: `${reader.label} cannot be read: ${errorMessage(e)}` };
    }
  }
  const decoded = decodeText(bytes);
  if (decoded.text === undefined) return { reason: decoded.reason ?? 'cannot be decoded' };
  try {
    const doc = buildDocument(path, root, decoded.text, override);
    doc.format = /\.(md|markdown)$/i.test(path) ? 'markdown' : 'text';
    return doc;
  } catch (e) {
    return { reason: `cannot be parsed: ${errorMessage(e)}` };
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
