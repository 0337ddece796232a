import * as vscode from 'vscode';
import { sourceRange } from '../core/cite';
import type { CorpusService } from './corpusService';
import { isPickInput, pickPassage } from './pickPassage';
import { openSource } from './openSource';

/** "Sourced: Search Corpus…": find a passage and open its source with the passage selected. */
export async function searchCorpus(corpus: CorpusService, input?: unknown): Promise<vscode.TextEditor | undefined> {
  const passage = await pickPassage(corpus, 'Search Corpus', isPickInput(input) ? input : undefined);
  if (!passage) return undefined;
  const r = sourceRange(passage.doc, passage.start, passage.end);
  return openSource({ uri: corpus.uri(passage.doc.path).toString(), range: [r.startLine - 1, r.startColumn - 1, r.endLine - 1, r.endColumn] });
}
