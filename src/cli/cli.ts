/** `sourced`: the corpus from the command line. */
import * as readline from 'node:readline';
import type { SearchResult } from '../core/search';
import type { Passage } from '../core/types';
import { indexCommand } from './indexCommand';
import { fileRange, locatorFor } from '../core/readers/locator';
import { check } from './check';
import { offsetToPosition, shorten } from '../core/text';
import { openCorpus } from './openCorpus';

const USAGE = `Usage:
  sourced search [--corpus DIR]… [--limit N] [--json] [--no-cache] (QUERY | --stdin)
  sourced index [--corpus DIR]… [--json] [--no-cache]
  sourced check BRIEFING.md… [--corpus DIR]… [--json]

Commands:
  search    find passages in the corpus (default corpus: ./corpus)
  index     list the corpus's documents with their metadata and passage counts, and the files skipped
  check     check the briefings' citations against the corpus (exit 1 on errors; sourced check --help)

Options:
  --corpus DIR   a corpus folder (may be given several times)
  --limit N      at most N results per query (default 10)
  --json         one JSON object per query, on its own line
  --stdin        read one query per line from standard input
  --no-cache     neither read nor write the index cache (kept in $SOURCED_CACHE_DIR,
                 else ~/.cache/sourced-briefings/index)
  -h, --help     show this help`;

class UsageError extends Error {}

interface SearchArgs {
  corpora: string[];
  limit: number;
  json: boolean;
  stdin: boolean;
  cache: boolean;
  query?: string;
}

function parseSearchArgs(argv: string[]): SearchArgs {
  const args: SearchArgs = { corpora: [], limit: 10, json: false, stdin: false, cache: true };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--corpus') args.corpora.push(value());
    else if (a === '--limit') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--limit takes a whole number of 1 or more');
      args.limit = n;
    } else if (a === '--json') args.json = true;
    else if (a === '--stdin') args.stdin = true;
    else if (a === '--no-cache') args.cache = false;
    else if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else words.push(a);
  }
  if (words.length) args.query = words.join(' ');
  if (args.stdin && args.query !== undefined) throw new UsageError('give either a QUERY or --stdin, not both');
  if (!args.stdin && !args.query?.trim()) throw new UsageError('search needs a QUERY or --stdin');
  if (args.corpora.length === 0) args.corpora.push('corpus');
  return args;
}

/** Where a passage is: its line and column in the file (for PDF/DOCX, in the extracted text) and its citation locator. */
function location(p: Passage, multiRoot: boolean) {
  const inFile = fileRange(p.doc, p.start, p.end);
  const pos = offsetToPosition(p.doc.lineStarts, p.start);
  return {
    file: p.doc.relPath,
    ...(multiRoot ? { root: p.doc.root } : {}),
    line: inFile ? inFile.startLine : pos.line + 1,
    column: inFile ? inFile.startColumn : pos.character + 1,
    locator: locatorFor(p.doc, p.start, p.end),
  };
}

function resultJson(r: SearchResult & { alsoIn?: Passage[] }, multiRoot: boolean) {
  const p = r.passage;
  const md = p.doc.metadata;
  return {
    ...location(p, multiRoot),
    text: p.text,
    kind: p.kind,
    score: Number(r.score.toFixed(4)),
    title: md.title ?? null,
    author: md.author ?? null,
    date: md.date ?? null,
    outlet: md.outlet ?? null,
    speaker: p.speaker ?? null,
    figures: (p.figures ?? []).map((f) => ({ kind: f.kind, text: f.text, value: f.value, ...(f.normal ? { normal: f.normal } : {}) })),
    alsoIn: (r.alsoIn ?? []).map((a) => ({ ...location(a, multiRoot), outlet: a.doc.metadata.outlet ?? null })),
  };
}

async function search(argv: string[]): Promise<number> {
  const args = parseSearchArgs(argv);
  const corpus = openCorpus(args.corpora, args.cache);
  const summary = await corpus.load();
  for (const root of summary.missingRoots) process.stderr.write(`sourced: corpus folder not found: ${root}\n`);
  for (const s of summary.skipped) process.stderr.write(`sourced: skipped ${s.path}: ${s.reason}\n`);
  if (summary.missingRoots.length === args.corpora.length) return 2;
  const multiRoot = args.corpora.length > 1;

  const answer = (query: string) => {
    const t0 = performance.now();
    const results = corpus.search(query, { limit: args.limit });
    const ms = performance.now() - t0;
    if (args.json) {
      process.stdout.write(JSON.stringify({ query, ms: Number(ms.toFixed(3)), results: results.map((r) => resultJson(r, multiRoot)) }) + '\n');
      return;
    }
    if (results.length === 0) process.stdout.write(`no passages match "${query}"\n`);
    for (const r of results) {
      const j = resultJson(r, multiRoot);
      process.stdout.write(`${j.file}:${j.line}:${j.column}  ${shorten(j.text, 100)}${j.title ? `  — ${j.title}` : ''}\n`);
    }
  };

  if (args.stdin) {
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) if (line.trim()) answer(line);
  } else answer(args.query as string);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command ? 0 : 2;
    }
    if (command === 'search') return await search(rest);
    if (command === 'check') return await check(rest);
    if (command === 'index') return await indexCommand(rest, (m) => new UsageError(m));
    throw new UsageError(`unknown command '${command}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`sourced: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`sourced: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    () => (process.exitCode = 1),
  );
}
