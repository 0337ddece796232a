/**
 * Trimming a passage to the words a writer wants: the kept words must be the passage's own, in order.
 * Each run of consecutive passage words is kept as written; a cut inside is marked with `…`.
 */
import { fold } from './text';

export interface Trimmed {
  /** The text to insert: the kept runs joined by ` … `. */
  text: string;
  /** Offsets of the kept runs within the passage text. */
  runs: Array<{ start: number; end: number }>;
}

function words(text: string): Array<{ word: string; start: number; end: number }> {
  return [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

const key = (w: string) => fold(w).replace(/^["'([]+|["')\],.;:!?]+$/g, '');

/** Keep `kept` (the writer's edit of `passage`); an error names the first word that is not the passage's. */
export function trimPassage(passage: string, kept: string): Trimmed | { error: string } {
  const source = words(passage);
  const wanted = words(kept).filter((w) => w.word !== '…' && w.word !== '...');
  if (!wanted.length) return { error: 'Keep at least one word of the passage.' };
  const runs: Array<{ start: number; end: number }> = [];
  let j = 0;
  let i = 0;
  while (i < wanted.length) {
    const k = key(wanted[i].word);
    while (j < source.length && key(source[j].word) !== k) j++;
    if (j >= source.length) return { error: `“${wanted[i].word}” is not in the passage (or not in this order).` };
    const start = source[j].start;
    let end = source[j].end;
    i++;
    j++;
    while (i < wanted.length && j < source.length && key(source[j].word) === key(wanted[i].word)) {
      end = source[j].end;
      i++;
      j++;
    }
    runs.push({ start, end });
  }
  const text = runs.map((r) => passage.slice(r.start, r.end)).join(' … ');
  return { text, runs };
}
