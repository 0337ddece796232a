/**
 * The labelled query set (test/fixtures/queries.json) and how a search is scored against it.
 *
 * A query means one passage: `file` is the document it is in and `expect` a piece of its text. A result
 * is a hit when it, or one of the other sources listed with it (`alsoIn`), is a passage of that file
 * whose text contains `expect`, or is contained in `expect` (a quotation inside the meant sentence).
 * Texts are compared folded (case, diacritics, typographic quotes) with runs of white space as one space.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fold } from '../../src/core/text';
import type { SearchResult } from '../../src/core/search';
import type { Passage } from '../../src/core/types';
import { FIXTURES } from './helpers';

export type QueryKind = 'exact' | 'prefix' | 'order' | 'typo' | 'dropped' | 'paraphrase' | 'figure' | 'name';
export const QUERY_KINDS: readonly QueryKind[] = ['exact', 'prefix', 'order', 'typo', 'dropped', 'paraphrase', 'figure', 'name'];

export interface LabelledQuery {
  query: string;
  kind: QueryKind;
  /** The meant passage's document, relative to the corpus root. */
  file: string;
  /** A piece of the meant passage's text. */
  expect: string;
}

export function loadQueries(): LabelledQuery[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'queries.json'), 'utf8')) as LabelledQuery[];
}

function norm(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

export function passageMatches(q: LabelledQuery, p: Passage): boolean {
  if (p.doc.relPath !== q.file) return false;
  const text = norm(p.text);
  const expect = norm(q.expect);
  return text.includes(expect) || (text.length > 0 && expect.includes(text));
}

export function isHit(q: LabelledQuery, r: SearchResult): boolean {
  return passageMatches(q, r.passage) || (r.alsoIn ?? []).some((p) => passageMatches(q, p));
}

/** 1-based rank of the first hit, or undefined. */
export function rankOf(q: LabelledQuery, results: readonly SearchResult[]): number | undefined {
  const i = results.findIndex((r) => isHit(q, r));
  return i === -1 ? undefined : i + 1;
}

export interface Recall {
  queries: number;
  at1: number;
  at5: number;
}

export interface RecallReport {
  overall: Recall;
  byKind: Map<QueryKind, Recall>;
  misses: Array<{ q: LabelledQuery; rank: number | undefined; top: string[] }>;
}

/** Recall@1 and @5 of a search function over the queries, overall and per kind. */
export function measureRecall(queries: readonly LabelledQuery[], search: (query: string) => SearchResult[]): RecallReport {
  const byKind = new Map<QueryKind, Recall>();
  const overall: Recall = { queries: 0, at1: 0, at5: 0 };
  const misses: RecallReport['misses'] = [];
  for (const q of queries) {
    const results = search(q.query);
    const rank = rankOf(q, results);
    const k = byKind.get(q.kind) ?? { queries: 0, at1: 0, at5: 0 };
    byKind.set(q.kind, k);
    for (const r of [k, overall]) {
      r.queries++;
      if (rank === 1) r.at1++;
      if (rank !== undefined && rank <= 5) r.at5++;
    }
    if (rank !== 1) misses.push({ q, rank, top: results.slice(0, 3).map((r) => `${r.passage.doc.relPath}: ${r.passage.text.slice(0, 90)}`) });
  }
  return { overall, byKind, misses };
}

export function ratio(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

/** A table of recall per kind and overall, for printing. */
export function formatRecall(title: string, report: RecallReport): string {
  const pct = (r: Recall, n: number) => ratio(n, r.queries).toFixed(3);
  const lines = [`${title}`, `  ${'kind'.padEnd(11)} ${'n'.padStart(3)}  recall@1  recall@5`];
  for (const kind of QUERY_KINDS) {
    const r = report.byKind.get(kind);
    if (r) lines.push(`  ${kind.padEnd(11)} ${String(r.queries).padStart(3)}  ${pct(r, r.at1).padStart(8)}  ${pct(r, r.at5).padStart(8)}`);
  }
  const o = report.overall;
  lines.push(`  ${'overall'.padEnd(11)} ${String(o.queries).padStart(3)}  ${pct(o, o.at1).padStart(8)}  ${pct(o, o.at5).padStart(8)}`);
  return lines.join('\n');
}
