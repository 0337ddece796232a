/** The corpus as the command line opens it: node:fs, and the index cache unless `--no-cache`. */
import { Corpus } from '../core/corpusIndex';
import { NodeFileSystem, toCorePath } from './nodeFs';
import { NodeIndexCache } from './nodeCache';
import { WorkerPool } from '../core/workerPool';
import type { Logger } from '../core/types';

/** Cache problems (a damaged cache discarded, a folder that cannot be written) go to standard error. */
const stderrLog: Logger = {
  info() {},
  warn: (m) => process.stderr.write(`sourced: ${m}\n`),
  error: (m) => process.stderr.write(`sourced: ${m}\n`),
};

export function openCorpus(corpora: readonly string[], useCache: boolean): Corpus {
  const roots = corpora.map(toCorePath);
  const cache = useCache ? new NodeIndexCache(JSON.stringify(roots)) : undefined;
  return new Corpus(new NodeFileSystem(), roots, { cache, log: cache ? cacheOnlyLog : undefined, workers: () => new WorkerPool() });
}

/** Only the cache's warnings: skipped files are reported by the commands themselves. */
const cacheOnlyLog: Logger = {
  info() {},
  warn: (m) => {
    if (!m.startsWith('Skipped ')) stderrLog.warn(m);
  },
  error: (m) => stderrLog.error(m),
};
