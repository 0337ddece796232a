// Timings of the citation checks on a generated briefing: 5,000 lines, 500 footnotes citing the demo
// corpus (quotes, facts with figures, line-only citations, a few planted faults). Prints the figures;
// it is a measurement, not a test. Run: node out/test/bench/checks.bench.js
import * as path from 'node:path';
import { Corpus } from '../../src/core/corpusIndex';
import { citationFor } from '../../src/core/cite';
import { formatDefinition, parseFootnotes } from '../../src/core/footnotes';
import { checkBriefing } from '../../src/core/checks/checks';
import { cachedSourceReader } from '../../src/core/checks/sources';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';

const REPO = path.resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const fs = new NodeFileSystem();
  const root = toCorePath(path.join(REPO, 'corpus'));
  const corpus = new Corpus(fs, [root]);
  await corpus.load();
  const passages = [...corpus.index.documents()].flatMap((d) => d.passages.filter((p) => p.kind === 'sentence'));
  const briefingPath = toCorePath(path.join(REPO, 'bench-briefing.md'));
  const body: string[] = ['# Generated briefing', ''];
  const defs: string[] = [];
  for (let i = 1; i <= 500; i++) {
    const p = passages[(i * 7) % passages.length];
    const words = p.text.replace(/[“”"]/g, '').split(/\s+/);
    let claim: string;
    if (i % 3 === 0) claim = `The source put it this way: “${words.slice(0, Math.min(12, words.length)).join(' ')}”.[^${i}]`;
    else if (i % 50 === 0) claim = `Planted fault: “${words.slice(2, 10).join(' ')} never”.[^${i}]`;
    else claim = `${p.text.replace(/[^.!?”"]$/, '$&.')}[^${i}]`;
    body.push(claim);
    for (let k = 0; k < 7; k++) body.push(`A line of context, written by the analyst without citations or figures.`);
    body.push('');
    const def = formatDefinition(String(i), citationFor(p, briefingPath));
    // Every tenth citation is hand-written with a line only.
    defs.push(i % 10 === 0 ? `[^${i}]: [source](${def.match(/\]\(([^#]+)#/)?.[1]}#L${p.doc.lineStarts.findIndex((s, j) => s <= p.start && (p.doc.lineStarts[j + 1] ?? Infinity) > p.start) + 1})` : def);
  }
  const text = [...body, ...defs, ''].join('\n');
  const lines = text.split('\n').length;

  const indexed = (p: string) => corpus.document(p);
  const run = async (t: string) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await checkBriefing({ text: t, path: briefingPath, roots: [root], read: cachedSourceReader(fs, [root], { indexed }) });
    const cpu = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, result: r };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const max = (xs: number[]) => Math.max(...xs);

  // The Markdown parser's first run is costly on its own: time it apart from the checks.
  const p0 = performance.now();
  parseFootnotes(text + ' ');
  const parseCold = performance.now() - p0;
  const first = await run(text);
  for (let k = 0; k < 5; k++) await run(text); // warm-up
  const same: number[] = [];
  const sameCpu: number[] = [];
  for (let k = 0; k < 10; k++) {
    const x = await run(text);
    same.push(x.ms);
    sameCpu.push(x.cpu);
  }
  // Typing: one character inserted in a different paragraph each time (footnotes re-parsed, checks re-run).
  const typing: number[] = [];
  const typingCpu: number[] = [];
  let edited = text;
  for (let k = 0; k < 20; k++) {
    const at = edited.indexOf('A line of context', 1000 + k * 20000);
    edited = edited.slice(0, at) + 'x' + edited.slice(at);
    const x = await run(edited);
    typing.push(x.ms);
    typingCpu.push(x.cpu);
  }
  const r = first.result;
  console.log(`briefing: ${lines} lines, 500 footnotes, ${text.length} characters`);
  console.log(`citations checked: ${r?.citations.length}, findings: ${r?.findings.length}`);
  const kinds = new Map<string, number>();
  for (const f of r?.findings ?? []) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  console.log(`findings by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  if (process.argv.includes('--list')) for (const f of r?.findings ?? []) console.log(`  ${f.line}: ${f.kind}: ${f.message}`);
  console.log(`first footnote parse of the briefing (Markdown parser cold): ${parseCold.toFixed(1)} ms`);
  console.log(`first check (segmenter, figures and per-document caches cold): ${first.ms.toFixed(1)} ms`);
  const fmt = (wall: number[], cpu: number[]) =>
    `median ${median(wall).toFixed(1)} ms, max ${max(wall).toFixed(1)} ms (CPU time: median ${median(cpu).toFixed(1)} ms, max ${max(cpu).toFixed(1)} ms)`;
  console.log(`unchanged briefing, 10 runs: ${fmt(same, sameCpu)}`);
  console.log(`after a one-character edit (as while typing; footnotes re-parsed), 20 runs: ${fmt(typing, typingCpu)}`);
}

void main();
