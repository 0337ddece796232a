import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import type { CorpusSummary } from '../../src/core/corpusIndex';
import type { SourcedApi } from '../../src/extension/extension';
import { closeAllEditors, openBriefing, readWs, sourced, waitFor, writeFile, wsUri } from './helpers';

/** Generated documents, each the whole demo corpus once with every sentence made unique: as many at first, doubled until a rebuild lasts long enough. */
const DOCUMENTS = 160;
/** A rebuild lasting this long leaves time to answer a completion, show the notification and cancel it while files remain to be read. */
const LONG_REBUILD_MS = 6000;
const MAX_DOCUMENTS = 2560;
const BULK = 'corpus/bulk';
/** The fact each generated document repeats, with its own made-up word before the final full stop. */
const FACT = /Ukraine says Russia has amassed more than 90,000 troops[^\n]*?Reuters reported on Thursday, dossier (\w+)\./;

const SYLLABLES = [...'bdfgklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v));

/** A made-up word of six syllables, different for every (document, sentence) and unlike the others in most letters. */
function madeUpWord(doc: number, sentence: number): string {
  let h = Math.imul(doc * 4096 + sentence + 1, 0x9e3779b1) >>> 0;
  let word = '';
  for (let k = 0; k < 6; k++) {
    word += SYLLABLES[h % SYLLABLES.length];
    h = Math.floor(h / SYLLABLES.length);
  }
  return word;
}

/** The demo texts, every sentence (and every line without one) carrying a word of its own. */
function generate(doc: number, texts: string[]): string {
  let n = 0;
  return texts
    .join('\n\n')
    .split('\n')
    .map((line) => {
      if (!line.trim()) return line;
      const tagged = line.replace(/([.!?])(["”’)]*)(?=\s|$)/g, (_m, stop: string, close: string) => `, dossier ${madeUpWord(doc, n++)}${stop}${close}`);
      return tagged === line ? `${line} ${madeUpWord(doc, n++)}` : tagged;
    })
    .join('\n');
}

function bulkPath(i: number): string {
  return `${BULK}/b${String(i).padStart(4, '0')}.txt`;
}

interface Bulk {
  /** The made-up word of each generated document's fact. */
  words: string[];
}

/** Generate documents `from` to `to` - 1 into the bulk folder, their fact's word added to `bulk`. */
async function writeBulk(bulk: Bulk, from: number, to: number): Promise<void> {
  const names = (await vscode.workspace.fs.readDirectory(wsUri('corpus'))).filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.txt')).map(([n]) => n).sort();
  const texts = await Promise.all(names.map((n) => readWs(`corpus/${n}`)));
  for (let i = from; i < to; i++) {
    const text = generate(i, texts);
    const m = FACT.exec(text);
    assert.ok(m, 'the generated document holds the fact');
    bulk.words[i] = m[1];
    await writeFile(bulkPath(i), text);
  }
}

function snippetText(item: vscode.CompletionItem): string {
  const t = item.insertText;
  if (t instanceof vscode.SnippetString) return t.value.replace(/\$0/g, '').replace(/\\([$}\\])/g, '$1');
  return typeof t === 'string' ? t : typeof item.label === 'string' ? item.label : item.label.label;
}

/** This extension's items (they insert a footnote reference), each with its definition's text. */
async function completions(editor: vscode.TextEditor): Promise<Array<{ text: string; definition: string }>> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active);
  return list.items
    .filter((i) => /\[\^[^\]]+\]/.test(snippetText(i)))
    .map((i) => ({ text: snippetText(i), definition: [snippetText(i), ...(i.additionalTextEdits ?? []).map((e) => e.newText)].join('\n') }));
}

/** The generated documents (of the first `upTo`) whose fact the index holds now. */
function indexedBulk(api: SourcedApi, bulk: Bulk, upTo = bulk.words.length): number[] {
  const found: number[] = [];
  bulk.words.slice(0, upTo).forEach((word, i) => {
    const hit = api.corpus.search(`dossier ${word}`, { limit: 1 })[0]?.passage;
    if (hit?.doc.path.endsWith(bulkPath(i)) && hit.text.includes(word)) found.push(i);
  });
  return found;
}

/** Documents and passages shown by the status bar item after a load. */
function shownCounts(text: string): { documents: number; passages: number } | undefined {
  const m = /(\d+) docs · (\d+) passages/.exec(text);
  return m ? { documents: Number(m[1]), passages: Number(m[2]) } : undefined;
}

/** Files read and to read, as the status bar item shows them while indexing. */
function shownProgress(text: string): { done: number; total: number } | undefined {
  const m = /indexing (\d+)\/(\d+)/.exec(text);
  return m ? { done: Number(m[1]), total: Number(m[2]) } : undefined;
}

/** A line in the run's report: mocha's reporter output, which the test host prints (the extension host's console does not reach it). */
function print(line: string): void {
  Mocha.reporters.Base.consoleLog(line);
}

suite('indexing behaviour: answers, progress and cancel while a big corpus is indexed', () => {
  let api: SourcedApi;
  let bulk: Bulk;
  let files: number;

  suiteSetup(async function () {
    this.timeout(300000);
    api = await sourced();
    const demo = api.corpus.indexedDocuments;
    bulk = { words: [] };
    // Loads take longer than answering and cancelling on a slow machine and a fast one alike: the
    // generated documents are doubled until a rebuild lasts long enough on this one.
    for (let count = DOCUMENTS; ; count *= 2) {
      await writeBulk(bulk, bulk.words.length, count);
      files = demo + count;
      // The watcher brings the new files in first; the loads below then start from a quiet corpus.
      await waitFor(() => !api.corpus.indexing.current && api.corpus.indexedDocuments === files, 'the watcher to index the generated documents', 120000);
      const timed = await api.corpus.rebuild();
      print(`indexing behaviour: a rebuild of ${timed.documents} documents (${timed.passages} passages) takes ${timed.ms.toFixed(0)} ms`);
      if (timed.ms >= LONG_REBUILD_MS || count * 2 > MAX_DOCUMENTS) break;
    }
  });

  suiteTeardown(async function () {
    this.timeout(60000);
    await closeAllEditors();
    await vscode.workspace.fs.delete(wsUri(BULK), { recursive: true }).then(
      () => undefined,
      () => undefined,
    );
    // The watcher's update drops the generated documents (the demo ones come first in a load, so a
    // cancelled load kept them); waited for, so that it does not come during the suites after this one.
    await waitFor(() => !api.corpus.indexing.current && api.corpus.indexedDocuments === 5, 'the watcher to drop the deleted documents', 45000);
    // A cancelled load may have left documents out: the suites after this one start from the whole corpus.
    await api.corpus.rebuild();
    await waitFor(() => !api.corpus.indexing.current && api.corpus.indexedDocuments === 5, 'the demo corpus alone to be indexed again');
  });

  test('a completion request during indexing answers from what is indexed so far, before the load ends', async () => {
    let settled = false;
    const load = api.corpus.rebuild().then((summary) => {
      settled = true;
      return summary;
    });
    // A generated document whose fact is indexed, while files remain to be read.
    const [target] = await waitFor(() => {
      const p = api.corpus.indexing.current;
      const found = p && p.done > 0 && p.done < p.total ? indexedBulk(api, bulk, 20) : [];
      return found.length ? found : undefined;
    }, 'a generated document to be indexed during the load');
    assert.ok(target !== undefined, 'a generated document is indexed');
    const word = bulk.words[target];
    const editor = await openBriefing('ib-during.md', `Intro paragraph.\n\n@@amassed 90,000 troops dossier ${word}`);
    const items = await completions(editor);
    // Taken as the answer arrives: the load had not finished and files remained to be read.
    const progress = api.corpus.indexing.current;
    const status = api.corpus.indexing.text;
    const finished = settled;

    assert.equal(finished, false, 'the completion answered after the load had finished');
    assert.ok(progress, 'no load was running when the completion answered');
    assert.ok(progress.done < files, `every file was read before the completion answered (${progress.done}/${files})`);
    // Files are read as the listing finds them: until it ends, the total is what it has found.
    assert.ok(progress.listing ? progress.total <= files : progress.total === files, `${progress.total} files to read of ${files}`);
    assert.ok(items.length > 0, 'the completion offered nothing');
    assert.match(items[0].text, new RegExp(`^Ukraine says Russia has amassed more than 90,000 troops.*dossier ${word}\\.\\[\\^1\\]`));
    assert.match(items[0].definition, new RegExp(`\\[\\^1\\]: .*\\(${bulkPath(target)}#L\\d+C\\d+-L\\d+C\\d+ `), 'the citation names the generated document');
    // The status bar counts while indexing.
    const shown = shownProgress(status);
    assert.ok(shown, `the status bar shows no counts while indexing: ${status}`);
    assert.ok(shown.total <= files && shown.done < files, `status bar: ${status}`);

    const summary = await load;
    print(`indexing behaviour: rebuild of ${summary.documents} documents, ${summary.passages} passages in ${summary.ms.toFixed(0)} ms; the completion answered at ${progress.done}/${progress.total} files`);
    assert.equal(summary.cancelled, undefined);
    assert.equal(summary.documents, files);
    assert.equal(summary.read, files);
    // After the load, the status bar shows documents and passages indexed.
    assert.deepEqual(shownCounts(api.corpus.indexing.text), { documents: summary.documents, passages: summary.passages });
    assert.doesNotMatch(api.corpus.indexing.text, /stopped/);
    assert.match(api.corpus.indexing.tooltip, new RegExp(`${summary.documents} documents, ${summary.passages} passages indexed`));
    assert.equal(api.corpus.indexing.current, undefined, 'no load runs');
  });

  test('a long rebuild shows a cancellable notification; Cancel stops the load, keeps what was indexed searchable, and the status says it stopped', async () => {
    // Only this run's notification: its Cancel is the first primary action.
    await vscode.commands.executeCommand('notifications.clearAll');
    const load = Promise.resolve(vscode.commands.executeCommand<CorpusSummary>('sourced.reindex'));
    // Shown, counting, and past the first generated document (which the checks below find in the index).
    const counting = await waitFor(
      () => (api.corpus.indexing.notifying && indexedBulk(api, bulk, 20).length ? shownProgress(api.corpus.indexing.text) : undefined),
      'the notification of the long build, counts in the status bar, and a generated document indexed',
    );
    assert.ok(counting.done < files && counting.total <= files, `the status bar counts: ${api.corpus.indexing.text}`);

    // The notification's own Cancel button.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    const summary = await load;
    assert.equal(summary.cancelled, true, `the load was not cancelled: ${JSON.stringify({ ...summary, skipped: summary.skipped.length })}`);
    assert.ok(summary.documents > 0 && summary.documents < files, `${summary.documents} of ${files} documents indexed`);
    assert.equal(api.corpus.indexedDocuments, summary.documents);
    print(`indexing behaviour: cancelled after ${summary.ms.toFixed(0)} ms with ${summary.documents} of ${files} documents indexed`);

    // What was indexed before Cancel answers searches and completions.
    const indexed = indexedBulk(api, bulk);
    assert.ok(indexed.length > 0 && indexed.length < bulk.words.length, `${indexed.length} generated documents searchable`);
    const word = bulk.words[indexed[0]];
    const editor = await openBriefing('ib-cancelled.md', `Intro paragraph.\n\n@@amassed 90,000 troops dossier ${word}`);
    const items = await completions(editor);
    assert.ok(items.length > 0 && items[0].text.includes(`dossier ${word}.`), 'the completion offers the indexed passage');

    // The status bar says the load stopped.
    assert.deepEqual(shownCounts(api.corpus.indexing.text), { documents: summary.documents, passages: summary.passages });
    assert.match(api.corpus.indexing.text, /stopped/);
    assert.match(api.corpus.indexing.tooltip, /stopped/);
    assert.equal(api.corpus.indexing.notifying, false);
  });
});
