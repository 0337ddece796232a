/**
 * DOCX: the document's paragraphs (mammoth's raw text: body paragraphs, headings, list items and
 * table cells, in document order), empty ones left out, joined by blank lines; `paragraphs[n - 1]`
 * is the offset at which paragraph n starts. Metadata from the package's core properties.
 */
import JSZip from 'jszip';
import * as mammoth from 'mammoth';
import type { DocumentMetadata } from '../types';
import { documentDate } from './dates';
import type { ReadOutcome } from './index';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: a password-protected DOCX, or an old binary .doc. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function xmlText(s: string): string {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string)
    .trim();
}

/** Title, creator and creation date from `docProps/core.xml`. */
export function coreProperties(xml: string): DocumentMetadata {
  const field = (tag: string) => {
    const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
    const v = m ? xmlText(m[1]) : '';
    return v || undefined;
  };
  const md: DocumentMetadata = {};
  const title = field('dc:title');
  if (title) md.title = title;
  const author = field('dc:creator');
  if (author) md.author = author;
  const date = documentDate(field('dcterms:created'));
  if (date) md.date = date;
  const identifier = field('dc:identifier');
  if (identifier && /^https?:\/\/\S+$/.test(identifier)) md.url = identifier;
  return md;
}

/** Read a DOCX: its paragraphs, with each one's start offset, and its core properties. */
export async function readDocx(bytes: Uint8Array): Promise<ReadOutcome> {
  if (startsWith(bytes, OLE)) return { reason: 'DOCX cannot be read: the file is password-protected or in the old binary Word format' };
  if (!startsWith(bytes, ZIP)) return { reason: 'DOCX cannot be read: not a Word document (no ZIP package)' };
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (e) {
    return { reason: `DOCX cannot be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const paragraphs: number[] = [];
  let text = '';
  for (const para of raw.split('\n\n')) {
    const p = para.trim();
    if (!p) continue;
    if (text) text += '\n\n';
    paragraphs.push(text.length);
    text += p;
  }
  if (!text) return { reason: 'DOCX has no text' };
  let metadata: DocumentMetadata = {};
  try {
    const zip = await JSZip.loadAsync(bytes);
    const core = await zip.file('docProps/core.xml')?.async('string');
    if (core) metadata = coreProperties(core);
  } catch {
    /* the text is still worth indexing */
  }
  return { format: 'docx', text, metadata, paragraphs };
}
