import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Corpus } from '../../src/core/corpusIndex';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { PassageIndex } from '../../src/core/search';
import { brownDocuments } from './distractors';
import { DEMO_CORPUS } from './helpers';
import { QUERY_KINDS, formatRecall, loadQueries, measureRecall, ratio, type LabelledQuery, type RecallReport } from './queries';

function misses(report: RecallReport): string {
  return report.misses
    .map((m) => `  [${m.q.kind}] "${m.q.query}" → rank ${m.rank ?? '>10'}\n      ${m.top.join('\n      ')}`)
    .join('\n');
}

suite('search recall', () => {
  const queries: LabelledQuery[] = loadQueries();

  test('the labelled queries: at least 80, every kind, each meaning a passage of the demo corpus', () => {
    assert.ok(queries.length >= 80, `${queries.length} queries`);
    for (const kind of QUERY_KINDS) assert.ok(queries.filter((q) => q.kind === kind).length >= 8, kind);
    for (const q of queries) {
      const text = fs.readFileSync(path.join(DEMO_CORPUS, q.file), 'utf8');
      assert.ok(text.includes(q.expect), `"${q.expect}" is not in ${q.file}`);
      assert.ok(q.query.trim().length > 0);
    }
  });

  test('demo corpus: recall@1 ≥ 0.92 and recall@5 ≥ 0.98', async function () {
    this.timeout(60_000);
    const corpus = new Corpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
    await corpus.load();
    const report = measureRecall(queries, (q) => corpus.search(q, { limit: 10 }));
    console.log(`\n${formatRecall(`recall over ${corpus.index.passageCount} demo passages`, report)}`);
    const { overall } = report;
    const at1 = ratio(overall.at1, overall.queries);
    const at5 = ratio(overall.at5, overall.queries);
    assert.ok(at1 >= 0.92 && at5 >= 0.98, `recall@1 ${at1.toFixed(3)}, recall@5 ${at5.toFixed(3)}\n${misses(report)}`);
  });

  test('with the 500 Brown corpus texts mixed in: recall@5 ≥ 0.95 (latency printed; test/bench/search.bench.ts measures it)', async function () {
    this.timeout(300_000);
    // Fresh demo documents: a document's passages belong to one index.
    const demo = new Corpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
    await demo.load();
    const brown = brownDocuments();
    assert.ok(brown.length >= 500, `${brown.length} distractor documents`);
    const index = new PassageIndex();
    for (const d of demo.index.documents()) index.addDocument(d);
    for (const d of brown) index.addDocument(d);
    const cpu: number[] = [];
    const report = measureRecall(queries, (q) => {
      const t0 = process.cpuUsage();
      const results = index.search(q, { limit: 10 });
      const t = process.cpuUsage(t0);
      cpu.push((t.user + t.system) / 1000);
      return results;
    });
    cpu.sort((a, b) => a - b);
    const median = cpu[cpu.length >> 1];
    const p95 = cpu[Math.floor(cpu.length * 0.95)];
    console.log(`\n${formatRecall(`recall over ${index.passageCount} passages (${index.documentCount} documents: demo + Brown)`, report)}`);
    console.log(`  cpu ms a query: median ${median.toFixed(2)}, p95 ${p95.toFixed(2)}`);
    const { overall } = report;
    const at5 = ratio(overall.at5, overall.queries);
    assert.ok(at5 >= 0.95, `recall@5 ${at5.toFixed(3)}\n${misses(report)}`);
  });
});
