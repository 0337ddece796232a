/** `sourced index`: what the corpus holds, and what was skipped and why. */
import { openCorpus } from './openCorpus';

export async function indexCommand(argv: string[], usage: (message: string) => Error): Promise<number> {
  const corpora: string[] = [];
  let json = false;
  let cache = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--no-cache') cache = false;
    else if (a === '--corpus') {
      const v = argv[++i];
      if (v === undefined) throw usage('--corpus needs a value');
      corpora.push(v);
    } else throw usage(`unknown argument ${a}`);
  }
  if (!corpora.length) corpora.push('corpus');
  const corpus = openCorpus(corpora, cache);
  const summary = await corpus.load();
  const documents = [...corpus.index.documents()].map((d) => {
    const counts = { sentence: 0, quote: 0, fact: 0 };
    for (const p of d.passages) counts[p.kind]++;
    return {
      file: d.relPath,
      ...(corpora.length > 1 ? { root: d.root } : {}),
      ...d.metadata,
      passages: d.passages.length,
      quotes: counts.quote,
      facts: counts.fact,
    };
  });
  if (json) {
    process.stdout.write(
      JSON.stringify({ documents, skipped: summary.skipped, missingRoots: summary.missingRoots, passages: summary.passages, ms: Number(summary.ms.toFixed(1)) }) + '\n',
    );
  } else {
    for (const d of documents) {
      const meta = [d.author, d.outlet, d.date].filter(Boolean).join(' · ');
      process.stdout.write(`${d.file}: “${d.title ?? '(no title)'}”${meta ? ` — ${meta}` : ''} — ${d.passages} passages (${d.quotes} quotes, ${d.facts} facts)\n`);
    }
    for (const s of summary.skipped) process.stdout.write(`skipped ${s.path}: ${s.reason}\n`);
    for (const r of summary.missingRoots) process.stdout.write(`missing corpus folder ${r}\n`);
    process.stdout.write(`${documents.length} documents, ${summary.passages} passages, ${summary.skipped.length} skipped, in ${summary.ms.toFixed(0)} ms\n`);
  }
  return summary.missingRoots.length === corpora.length ? 2 : 0;
}
