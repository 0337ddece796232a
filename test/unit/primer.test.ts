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
    const [news, notes, book] = await samples();
    const { title, author, date, outlet, url } = news.metadata;
    assert.ok(title && author && date && outlet && url, JSON.stringify(news.metadata));
    assert.ok(notes.metadata.title && notes.metadata.author && notes.format === 'markdown');
    assert.ok(book.format === 'text' && !book.metadata.author);
    const passages = [news, notes, book].flatMap((d) => d.passages);
    assert.ok(passages.filter((p) => p.kind === 'quote' && p.speaker).length >= 3);
    assert.ok(passages.filter((p) => p.kind === 'fact' && p.figures?.length).length >= 4);
    assert.ok(news.boilerplate.length > 0, 'the footer is boilerplate');
  });

  test('a primed thread prepares a document exactly as one that was not', async () => {
    const doc = (await samples())[0];
    const prepare = () => prepareDocument(doc, new WordNumbering().termIds, false);
    clearTermCaches();
    const before = prepare();
    await primeForLargeLoads();
    const after = prepare();
    assert.deepEqual(after, before);
    clearTermCaches();
  });
});
