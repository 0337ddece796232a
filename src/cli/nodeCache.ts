/**
 * The command line's index cache: one file per corpus in the user's cache folder
 * (`$SOURCED_CACHE_DIR`, else `$XDG_CACHE_HOME/sourced-briefings/index`, else
 * `~/.cache/sourced-briefings/index`), written to a temporary file and renamed into place so that a
 * reader never sees half a cache.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { indexCacheFileName, type IndexCacheStore } from '../core/indexCache';

export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOURCED_CACHE_DIR) return nodePath.resolve(env.SOURCED_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? nodePath.resolve(env.XDG_CACHE_HOME) : nodePath.join(os.homedir(), '.cache');
  return nodePath.join(base, 'sourced-briefings', 'index');
}

export class NodeIndexCache implements IndexCacheStore {
  readonly location: string;

  /** `corpusKey`: the corpus's roots, one file per distinct set. */
  constructor(corpusKey: string, dir = cacheDirectory()) {
    this.location = nodePath.join(dir, indexCacheFileName(corpusKey));
  }

  async read(): Promise<Uint8Array | undefined> {
    try {
      return await fsp.readFile(this.location);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await fsp.mkdir(nodePath.dirname(this.location), { recursive: true });
    const tmp = `${this.location}.${process.pid}.tmp`;
    try {
      await fsp.writeFile(tmp, bytes);
      await fsp.rename(tmp, this.location);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
  }
}
