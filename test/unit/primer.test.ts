import * as assert from 'node:assert/strict';
import { documentFromBytes } from '../../src/core/corpus';
import { prepareDocument, WordNumbering } from '../../src/core/prepare';
import { primeForLargeLoads, SAMPLES } from '../../src/core/primer';
import { clearTermCaches } from '../../src/core/tokenize';
import type { CorpusDocument } from '../../src/core/types';

suite('priming a thread for a large load', () => {
  async function samples(): Promise<CorpusDocument[]> {
    const docs: CorpusDocument[] = [];
    for (const [name, text] of SAMPLES) {
      const doc = await documentFromBytes('/primer', `/primer/${name}`, new TextEncoder().encode(text));
      assert.ok(!('reason' in doc), name);
      docs.push(doc);
    }
    return docs;
  }

  test('the samples take the paths they are there for: a full header, quotations with speakers, figures, front matter, both formats', async () => {
    const [news, notes, book, wire, front, long] = await samples();
    const { title, author, date, outlet, url } = news.metadata;
    assert.ok(title && author && date && outlet && url, JSON.stringify(news.metadata));
    assert.ok(notes.metadata.title && notes.metadata.author && notes.format === 'markdown');
    assert.ok(book.format === 'text' && !book.metadata.author);
    const passages = [news, notes, book].flatMap((d) => d.passages);
    assert.ok(passages.filter((p) => p.kind === 'quote' && p.speaker).length >= 3);
    assert.ok(passages.filter((p) => p.kind === 'fact' && p.figures?.length).length >= 4);
    assert.ok(news.boilerplate.length > 0, 'the footer is boilerplate');
    // A date written month first, an outlet "with agencies", the author named after the body.
    assert.deepEqual(wire.metadata, { title: 'Ministers agree emergency budget for coastal towns', author: 'Peter Jones', date: '2024-03-05', outlet: 'Northern Wire' });
    assert.ok(wire.passages.some((p) => p.figures?.some((f) => f.kind === 'date' && f.text === '2024-03-05')));
    assert.ok(wire.passages.some((p) => p.figures?.some((f) => f.kind === 'percent' && f.value === 0.5)));
    assert.ok(wire.passages.some((p) => p.kind === 'fact' && !p.figures && p.text.startsWith('Dozens')));
    assert.ok(wire.passages.some((p) => p.figures?.some((f) => f.text === '1500 million' && f.value === 1.5e9)));
    // Front matter naming its fields otherwise.
    assert.deepEqual(front.metadata, { title: 'Port strike ends after 14 days', author: 'Ana Lopez', date: '2022-06-14', outlet: 'Harbour Weekly', url: 'https://example.org/port-strike' });
    // A banner, a sentence of more than a thousand characters, more than a thousand lines.
    assert.equal(long.text.slice(long.boilerplate[0][0], long.boilerplate[0][1]).split(' ')[0], 'Home');
    assert.ok(long.passages.some((p) => p.end - p.start > 1024 && p.kind === 'fact'));
    assert.ok(long.lineStarts.length > 1024);
  });

  test('a thread primed with the numbering it will use numbers terms and prepares a document exactly as a fresh one', async () => {
    const doc = (await samples())[0];
    clearTermCaches();
    const fresh = new WordNumbering();
    const expected = prepareDocument(doc, fresh.termIds, false);
    const expectedWords = fresh.take();
    clearTermCaches();
    const numbering = new WordNumbering();
    await primeForLargeLoads(numbering);
    // The samples' words are forgotten: the document's words are numbered from 0, as by a fresh numbering.
    const prepared = prepareDocument(doc, numbering.termIds, false);
    assert.deepEqual(numbering.take(), expectedWords);
    assert.deepEqual(prepared, expected);
    clearTermCaches();
  });
});
