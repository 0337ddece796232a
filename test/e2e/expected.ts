// What the flows expect, worked out from the workspace's own files (the corpus and the sample
// briefing), not from the extension: where a passage is in its source, what a citation names.
import * as fs from 'fs';
import * as path from 'path';

export const BRIEFING = 'examples/briefing.md';

/** A passage as GitHub's line-and-column range: 1-based, the end column is the last character. */
export interface SourceSpan {
  file: string;
  text: string;
  line: number;
  startColumn: number;
  endColumn: number;
}

export function readText(ws: string, rel: string): string {
  return fs.readFileSync(path.join(ws, rel), 'utf8');
}

/** The first place `text` occurs in a corpus file (it must sit on one line). */
export function spanOf(ws: string, file: string, text: string): SourceSpan {
  const lines = readText(ws, file).split('\n');
  const index = lines.findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${file} does not contain ${JSON.stringify(text)}`);
  const start = lines[index].indexOf(text);
  return { file, text, line: index + 1, startColumn: start + 1, endColumn: start + text.length };
}

/** The text of a GitHub-style range `L<l>C<c1>-L<l>C<c2>` (one line) of a corpus file. */
export function spanAt(ws: string, file: string, fragment: string): SourceSpan {
  const m = /^L(\d+)C(\d+)-L(\d+)C(\d+)$/.exec(fragment);
  if (!m || m[1] !== m[3]) throw new Error(`not a one-line range: ${fragment}`);
  const line = Number(m[1]);
  const text = readText(ws, file).split('\n')[line - 1].slice(Number(m[2]) - 1, Number(m[4]));
  return { file, text, line, startColumn: Number(m[2]), endColumn: Number(m[4]) };
}

export interface SampleCitation {
  label: string;
  /** "Dan Nolan, “Blinken meets Lavrov after NATO talks in Riga”": what precedes the link. */
  source: string;
  author?: string;
  title?: string;
  /** The corpus file, relative to the workspace. */
  file: string;
  fragment: string;
}

/** The footnote definitions of a briefing in the workspace (the citation format of the README). */
export function citations(ws: string, briefing: string): SampleCitation[] {
  const out: SampleCitation[] = [];
  for (const line of readText(ws, briefing).split('\n')) {
    const m = /^\[\^([^\]]+)\]: (.*?)\. \[([^\]#]+)#([^\]]+)\]\(/.exec(line);
    if (!m) continue;
    const who = /^(?:(.+?), )?“(.+?)”/.exec(m[2]);
    out.push({
      label: m[1],
      source: m[2],
      author: who?.[1],
      title: who?.[2],
      file: path.posix.normalize(path.posix.join(path.posix.dirname(briefing), m[3])),
      fragment: m[4],
    });
  }
  return out;
}

/** The next footnote number of a briefing: the highest in use + 1. */
export function nextLabel(ws: string, briefing: string): number {
  const numbers = citations(ws, briefing).map((c) => Number(c.label)).filter(Number.isInteger);
  return Math.max(0, ...numbers) + 1;
}

/** `path#L<l>C<c1>-L<l>C<c2>` for a span, the path relative to the briefing's folder. */
export function locator(briefing: string, span: SourceSpan): string {
  const rel = path.posix.relative(path.posix.dirname(briefing), span.file);
  return `${rel}#L${span.line}C${span.startColumn}-L${span.line}C${span.endColumn}`;
}
