/**
 * How an extracted text maps back to its file: a list of runs, each saying that text `[t, t + tl)`
 * came from file `[s, s + sl)`. A run with `tl === sl` maps character for character (text copied as
 * it is); any other run is atomic (an entity such as `&amp;` → `&`, or collapsed white space).
 * Text between runs (paragraph breaks the reader inserted) has no place in the file.
 */
import type { TextSourceMap } from '../types';

type Run = TextSourceMap['runs'][number];

/** Builds the text and its runs together, merging runs that continue each other. */
export class MappedText {
  private readonly parts: string[] = [];
  length = 0;
  readonly runs: Run[] = [];
  private last = '';

  /** Append text that came from file `[s, s + sl)`; no `s` means it has no place in the file. */
  append(text: string, s?: number, sl?: number): void {
    if (!text) return;
    if (s !== undefined && sl !== undefined) {
      const prev = this.runs[this.runs.length - 1];
      const linear = text.length === sl;
      if (prev && linear && prev[1] === prev[3] && prev[0] + prev[1] === this.length && prev[2] + prev[3] === s) {
        prev[1] += sl;
        prev[3] += sl;
      } else this.runs.push([this.length, text.length, s, sl]);
    }
    this.parts.push(text);
    this.length += text.length;
    this.last = text[text.length - 1];
  }

  get lastChar(): string {
    return this.last;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** The run holding text offset `t` (binary search: runs are in text order). */
function runAtText(runs: readonly Run[], t: number): Run | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid];
    if (t < r[0]) hi = mid - 1;
    else if (t >= r[0] + r[1]) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** File offsets of text `[start, end)`; undefined when either end has no place in the file. */
export function textToFile(map: TextSourceMap, start: number, end: number): { start: number; end: number } | undefined {
  if (end <= start) return undefined;
  const a = runAtText(map.runs, start);
  const b = runAtText(map.runs, end - 1);
  if (!a || !b) return undefined;
  const s = a[1] === a[3] ? a[2] + (start - a[0]) : a[2];
  const e = b[1] === b[3] ? b[2] + (end - b[0]) : b[2] + b[3];
  return e > s ? { start: s, end: e } : undefined;
}

/**
 * Text offsets of file `[start, end)`. An end that falls in markup snaps inwards to the nearest
 * text, so a range written by hand around a tag still finds its words.
 */
export function fileToText(map: TextSourceMap, start: number, end: number): { start: number; end: number } | undefined {
  let s: number | undefined;
  let e: number | undefined;
  let snapStart: number | undefined;
  let snapEnd: number | undefined;
  for (const r of map.runs) {
    const linear = r[1] === r[3];
    if (s === undefined && r[2] <= start && start < r[2] + r[3]) s = linear ? r[0] + (start - r[2]) : r[0];
    if (e === undefined && r[2] < end && end <= r[2] + r[3]) e = linear ? r[0] + (end - r[2]) : r[0] + r[1];
    if (r[2] >= start && (snapStart === undefined || r[0] < snapStart)) snapStart = r[0];
    if (r[2] + r[3] <= end && (snapEnd === undefined || r[0] + r[1] > snapEnd)) snapEnd = r[0] + r[1];
  }
  s ??= snapStart;
  e ??= snapEnd;
  return s !== undefined && e !== undefined && e > s ? { start: s, end: e } : undefined;
}
