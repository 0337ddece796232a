/**
 * PDF text with pdf.js: the text of each page (`getTextContent`), lines joined with line breaks and
 * paragraphs (a larger gap, or a change of type size) with blank lines; pages are separated by a
 * blank line and `pages[n - 1]` is the offset at which page n starts. Metadata from the document
 * information dictionary, then its XMP metadata.
 *
 * This module runs in the PDF reader's worker thread (pdfWorker.ts): pdf.js's own "worker" runs in
 * that same thread, handed over through `globalThis.pdfjsWorker`, which is where pdf.js looks for a
 * worker module that is already loaded.
 */
import { existsSync, promises as fsp } from 'node:fs';
import type { DocumentMetadata } from '../types';
import { documentDate } from './dates';
import type { ReadOutcome } from './index';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TextItem = import('pdfjs-dist/types/src/display/api').TextItem;

let pdfjs: PdfJs | undefined;

/**
 * Load pdf.js once. Its module is made for rendering too: as it initialises it creates a DOMMatrix
 * (which Node lacks) and reports on the console what else rendering would need. Text extraction uses
 * none of it, so while it loads a placeholder stands in and the console is quiet.
 */
function loadPdfJs(): PdfJs {
  if (pdfjs) return pdfjs;
  const g = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
  const placeholder = g.DOMMatrix === undefined;
  if (placeholder) g.DOMMatrix = class DOMMatrix {};
  const saved = { log: console.log, warn: console.warn, info: console.info };
  console.log = console.warn = console.info = () => {};
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const lib = require('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
    g.pdfjsWorker ??= require('pdfjs-dist/legacy/build/pdf.worker.mjs');
    /* eslint-enable @typescript-eslint/no-require-imports */
    pdfjs = lib;
    return lib;
  } finally {
    Object.assign(console, saved);
    if (placeholder) delete g.DOMMatrix;
  }
}

/** CMaps for PDFs whose fonts use predefined CJK encodings: next to the bundle, or in the installed package. */
function cMapFolder(): string | undefined {
  const candidates = [`${__dirname}/pdfjs/cmaps/`];
  try {
    candidates.push(require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, 'cmaps/'));
  } catch {
    /* not installed beside us */
  }
  return candidates.find((dir) => existsSync(dir));
}

/** Supplies pdf.js's CMap data from the file system, whatever environment pdf.js believes it runs in. */
class FileDataFactory {
  constructor(private readonly urls: { cMapUrl?: string | null }) {}

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const base = kind === 'cMapUrl' ? this.urls.cMapUrl : undefined;
    if (!base) throw new Error(`no ${kind} data`);
    return new Uint8Array(await fsp.readFile(base + filename));
  }
}

interface Line {
  text: string;
  /** Baseline and type size of the line's first piece of text. */
  y: number;
  size: number;
}

/** A page's lines, in content order, from pdf.js's text items. */
function pageLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const item of items) {
    if (item.str) {
      if (!current) {
        current = { text: '', y: Number(item.transform[5]), size: Math.abs(Number(item.transform[3])) || item.height };
        lines.push(current);
      }
      current.text += item.str;
    }
    if (item.hasEOL) current = undefined;
  }
  for (const l of lines) l.text = l.text.replace(/\s+$/, '').replace(/^\s+/, '');
  return lines.filter((l) => l.text !== '');
}

/** One page's text: lines of a paragraph joined by `\n`, paragraphs by a blank line. */
export function pageText(items: TextItem[]): string {
  const lines = pageLines(items);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i > 0) {
      const prev = lines[i - 1];
      const size = Math.max(prev.size, line.size, 1);
      const gap = prev.y - line.y;
      const sameSize = Math.abs(prev.size - line.size) <= 0.15 * size;
      const paragraph = !sameSize || gap > 1.6 * size || gap < -0.5 * size;
      out += paragraph ? '\n\n' : '\n';
    }
    out += line.text;
  }
  return out;
}

/** `D:20240318093000Z` → `2024-03-18`. */
export function pdfDate(value: string | undefined): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value?.trim() ?? '');
  if (!m) return documentDate(value);
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

/** A title that is really a file name or a template's placeholder tells nothing. */
function usefulTitle(title: string | undefined): string | undefined {
  const t = title?.trim();
  if (!t || /^(untitled|microsoft word - .*|.*\.(docx?|pdf|odt|rtf|txt))$/i.test(t)) return undefined;
  return t;
}

function pdfMetadata(info: Record<string, unknown>, xmp: { get(name: string): unknown } | null): DocumentMetadata {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const fromXmp = (name: string) => {
    const v = xmp?.get(name);
    return Array.isArray(v) ? str(v.join(', ')) : str(v);
  };
  const md: DocumentMetadata = {};
  const title = usefulTitle(str(info.Title)) ?? usefulTitle(fromXmp('dc:title'));
  if (title) md.title = title;
  const author = str(info.Author) ?? fromXmp('dc:creator');
  if (author) md.author = author;
  const date = pdfDate(str(info.CreationDate)) ?? documentDate(fromXmp('xmp:createdate')) ?? documentDate(fromXmp('dc:date'));
  if (date) md.date = date;
  const url = fromXmp('dc:source') ?? fromXmp('dc:identifier');
  if (url && /^https?:\/\/\S+$/.test(url)) md.url = url;
  return md;
}

function reasonFor(e: unknown): string {
  const name = (e as { name?: string })?.name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return 'PDF is password-protected (remove the password to index it)';
  return `PDF cannot be parsed: ${message}`;
}

/** Read a PDF in this thread: its text page by page, with each page's start offset, and its metadata. */
export async function extractPdf(bytes: Uint8Array): Promise<ReadOutcome> {
  let lib: PdfJs;
  try {
    lib = loadPdfJs();
  } catch (e) {
    return { reason: `the PDF reader cannot be loaded: ${e instanceof Error ? e.message : String(e)}` };
  }
  const cMapUrl = cMapFolder();
  // pdf.js takes ownership of (detaches) the buffer it is given, and wants a plain Uint8Array: hand it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    verbosity: lib.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
    BinaryDataFactory: FileDataFactory as never,
    useWorkerFetch: false,
  });
  try {
    const pdf = await task.promise;
    const pages: number[] = [];
    let text = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is TextItem => 'str' in i);
      if (n > 1) text += '\n\n';
      pages.push(text.length);
      text += pageText(items);
      page.cleanup();
    }
    if (!text.trim()) return { reason: 'PDF has no text layer (scanned pages need text recognition first)' };
    let metadata: DocumentMetadata = {};
    try {
      const meta = await pdf.getMetadata();
      metadata = pdfMetadata(meta.info as Record<string, unknown>, meta.metadata);
    } catch {
      /* the text is still worth indexing */
    }
    return { format: 'pdf', text, metadata, pages };
  } catch (e) {
    return { reason: reasonFor(e) };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
