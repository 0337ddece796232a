/** `sourced check`: the citation checks of briefings, for a terminal or a CI job. */
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import { checkBriefing } from '../core/checks/checks';
import { cachedSourceReader } from '../core/checks/sources';
import type { Finding } from '../core/checks/types';
import { isInside } from '../core/fs';
import { NodeFileSystem, toCorePath } from './nodeFs';

export const CHECK_USAGE = `Usage:
  sourced check BRIEFING.md… [--corpus DIR]… [--json]

Checks every footnote citation of the briefings (or of the Markdown files under a folder) against the
corpus: missing or unused definitions, sources that are missing or outside the corpus, passages that
moved or cannot be found, altered quotes and mismatched figures.

Options:
  --corpus DIR   a corpus folder (may be given several times; default: ./corpus)
  --json         print {"findings": [...]} instead of a report
  -h, --help     show this help

Exit status: 0 no errors (warnings and notes allowed), 1 errors found, 2 bad usage.`;

class UsageError extends Error {}

interface CheckArgs {
  files: string[];
  corpora: string[];
  json: boolean;
}

function parseArgs(argv: string[]): CheckArgs | 'help' {
  const args: CheckArgs = { files: [], corpora: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--corpus') {
      const v = argv[++i];
      if (v === undefined || v === '') throw new UsageError('--corpus needs a folder');
      args.corpora.push(v);
    } else if (a.startsWith('--corpus=')) args.corpora.push(a.slice('--corpus='.length));
    else if (a === '--json') args.json = true;
    else if (a === '--') {
      args.files.push(...argv.slice(i + 1));
      break;
    }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (!args.files.length) throw new UsageError('check needs at least one BRIEFING.md');
  if (!args.corpora.length) args.corpora.push('corpus');
  return args;
}

const SKIP_FOLDERS = new Set(['node_modules', '.git']);

/** Markdown files under a folder, in a stable order, outside the corpus. */
async function markdownUnder(dir: string, roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = nodePath.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_FOLDERS.has(e.name) || e.name.startsWith('.') || roots.some((r) => isInside(r, toCorePath(p)))) continue;
      out.push(...(await markdownUnder(p, roots)));
    } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

function jsonFinding(file: string, f: Finding) {
  return { file, line: f.line, label: f.label, kind: f.kind, severity: f.severity, message: f.message, expected: f.expected ?? null, actual: f.actual ?? null };
}

function humanFinding(file: string, f: Finding): string {
  const lines = [`${file}:${f.line}: ${f.severity}: ${f.message} [${f.kind}]`];
  if (f.kind === 'altered-quote' || f.kind === 'figure-mismatch') {
    if (f.expected !== undefined) lines.push(`    source:   ${f.expected}`);
    if (f.actual !== undefined) lines.push(`    briefing: ${f.actual}`);
  } else if (f.kind === 'moved' && f.expected) lines.push(`    update the link to ${f.expected}`);
  return lines.join('\n');
}

export async function check(argv: string[]): Promise<number> {
  let args: CheckArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`sourced: ${e.message}\n\n${CHECK_USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(CHECK_USAGE + '\n');
    return 0;
  }
  const fs = new NodeFileSystem();
  const roots = args.corpora.map(toCorePath);
  const missingRoots: string[] = [];
  for (let i = 0; i < roots.length; i++) if ((await fs.stat(roots[i]))?.kind !== 'directory') missingRoots.push(args.corpora[i]);
  if (missingRoots.length === roots.length) {
    process.stderr.write(`sourced: corpus folder not found: ${missingRoots.join(', ')} (give it with --corpus DIR)\n`);
    return 2;
  }
  for (const r of missingRoots) process.stderr.write(`sourced: corpus folder not found: ${r}\n`);

  const files: string[] = [];
  for (const f of args.files) {
    const stat = await fs.stat(toCorePath(f));
    if (!stat) {
      process.stderr.write(`sourced: cannot read ${f}: no such file\n`);
      return 2;
    }
    if (stat.kind === 'directory') files.push(...(await markdownUnder(f, roots)));
    else files.push(f);
  }

  const read = cachedSourceReader(fs, roots);
  const all: Array<{ file: string; finding: Finding }> = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (e) {
      process.stderr.write(`sourced: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    const result = await checkBriefing({ text, path: toCorePath(file), roots, read });
    for (const finding of result?.findings ?? []) all.push({ file, finding });
  }

  const errors = all.filter((x) => x.finding.severity === 'error').length;
  if (args.json) {
    process.stdout.write(JSON.stringify({ findings: all.map((x) => jsonFinding(x.file, x.finding)) }, null, 2) + '\n');
  } else {
    for (const x of all) process.stdout.write(humanFinding(x.file, x.finding) + '\n');
    const warnings = all.filter((x) => x.finding.severity === 'warning').length;
    const notes = all.length - errors - warnings;
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    process.stdout.write(`${all.length ? '' : 'no problems found; '}${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notes, 'note')} in ${plural(files.length, 'file')}\n`);
  }
  return errors > 0 ? 1 : 0;
}
