/** A corpus: its roots, the documents read from them and their passage index. */
import type { CorpusFileSystem } from './fs';
import { loadCorpus, type CorpusOptions, type SkippedFile } from './corpus';
import { PassageIndex, type SearchOptions, type SearchResult } from './search';
import type { CorpusDocument } from './types';

export interface CorpusSummary {
  documents: number;
  passages: number;
  skipped: SkippedFile[];
  missingRoots: string[];
  ms: number;
}

export class Corpus {
  index = new PassageIndex();
  skipped: SkippedFile[] = [];
  missingRoots: string[] = [];

  constructor(
    private readonly fs: CorpusFileSystem,
    public roots: string[],
    private readonly options: CorpusOptions = {},
  ) {}

  /** Read every root again and rebuild the index; the previous index serves until this finishes. */
  async load(): Promise<CorpusSummary> {
    const t0 = performance.now();
    const loaded = await loadCorpus(this.fs, this.roots, this.options);
    const index = new PassageIndex();
    for (const doc of loaded.documents) index.addDocument(doc);
    this.index = index;
    this.skipped = loaded.skipped;
    this.missingRoots = loaded.missingRoots;
    return {
      documents: index.documentCount,
      passages: index.passageCount,
      skipped: loaded.skipped,
      missingRoots: loaded.missingRoots,
      ms: performance.now() - t0,
    };
  }

  search(query: string, options?: SearchOptions): SearchResult[] {
    return this.index.search(query, options);
  }

  document(path: string): CorpusDocument | undefined {
    return this.index.document(path);
  }
}
