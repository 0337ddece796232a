// Tokenizing for the index: `tokenize(line).map((t) => t.term)` against `indexTerms(line)` on every line of
// a bench corpus folder (default the 100k one). Prints the CPU time of each, terms a second, and checks
// that both give the same terms for every line. A measurement, not a test.
//
//   node out/test/bench/tokenize.bench.js [--dir <folder of .txt>] [--rounds N] [--only tokenize|indexTerms]
//
// With --only, one tokenizer runs in a fresh process (no cache warmed by the other) and nothing is compared.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexTerms, tokenize } from '../../src/core/tokenize';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function readLines(dir: string): string[] {
  const lines: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.txt')) continue;
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split(/\r?\n/)) if (line.trim()) lines.push(line);
  }
  return lines;
}

type Tokenizer = (text: string) => string[];

const TOKENIZERS: Record<string, Tokenizer> = {
  tokenize: (text) => tokenize(text).map((t) => t.term),
  indexTerms,
};

function time(name: string, lines: string[]): { ms: number; terms: number } {
  const run = TOKENIZERS[name];
  let terms = 0;
  const start = cpuMs();
  for (const line of lines) terms += run(line).length;
  return { ms: cpuMs() - start, terms };
}

function report(name: string, round: number, r: { ms: number; terms: number }): void {
  const perSecond = Math.round(r.terms / (r.ms / 1000));
  console.log(`${name.padEnd(10)} round ${round}: ${r.ms.toFixed(0).padStart(7)} ms CPU, ${r.terms} terms, ${perSecond.toLocaleString('en')} terms/s`);
}

function main(): void {
  const dir = arg('--dir') ?? path.join(os.homedir(), '.cache/sourced-briefings/bench/corpus/100k');
  const rounds = Number(arg('--rounds') ?? 1);
  const only = arg('--only');
  if (only !== undefined && !(only in TOKENIZERS)) throw new Error(`--only: one of ${Object.keys(TOKENIZERS).join(', ')}`);
  const lines = readLines(dir);
  const chars = lines.reduce((n, l) => n + l.length, 0);
  console.log(`${dir}: ${lines.length} lines, ${(chars / 1e6).toFixed(1)} M characters`);

  const names = only ? [only] : Object.keys(TOKENIZERS);
  const best: Record<string, number> = {};
  for (let round = 1; round <= rounds; round++) {
    for (const name of names) {
      const r = time(name, lines);
      report(name, round, r);
      best[name] = Math.min(best[name] ?? Infinity, r.ms);
    }
  }
  if (only) return;
  console.log(`speed-up (best round): ${(best.tokenize / best.indexTerms).toFixed(2)}x`);

  let differ = 0;
  for (const line of lines) {
    const a = TOKENIZERS.tokenize(line);
    const b = indexTerms(line);
    if (a.length === b.length && a.every((t, i) => t === b[i])) continue;
    if (differ++ < 5) console.log(`DIFFERENT: ${JSON.stringify(line.slice(0, 200))}\n  tokenize:   ${a.join(' ')}\n  indexTerms: ${b.join(' ')}`);
  }
  console.log(differ ? `${differ} of ${lines.length} lines differ` : `all ${lines.length} lines give the same terms`);
  if (differ) process.exitCode = 1;
}

main();
