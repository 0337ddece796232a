/**
 * Exclude globs for corpus files, matched against `/`-separated paths relative to a corpus root.
 *
 *   `*`  any characters except `/`        `?`  one character except `/`
 *   `**` any number of folders (a whole segment: `**`/x, x/`**`, a/`**`/b)
 *   `[abc]`, `[a-z]`, `[!abc]`  one character from (or not from) a set
 *   `{md,txt}`  alternatives (not nested)
 *
 * A pattern without a `/` (other than a trailing one) matches a file or folder name at any depth, as
 * in .gitignore: `*.tmp.md` excludes `a/b/x.tmp.md`. A leading `/` anchors the pattern to the root.
 * A pattern that matches a folder excludes everything inside it; a trailing `/` matches folders only.
 */

export interface ExcludeMatcher {
  /** Is this file (path relative to the root) excluded? */
  file(rel: string): boolean;
  /** Is this folder (path relative to the root) excluded, and so not worth entering? */
  folder(rel: string): boolean;
}

interface Compiled {
  re: RegExp;
  folderOnly: boolean;
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

/** The regular expression source for one glob (no anchors). */
function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === glob.length) out += '.*'; // `x/**`: everything below
          else {
            out += '(?:[^/]*/)*'; // `**/`: zero or more folders
            i++; // the slash is part of this token
          }
          i++;
          continue;
        }
        i++; // `a**b` is just `a*b`
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, (x) => '\\' + x)}]`;
      i = close;
    } else if (c === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close === -1) {
        out += '\\{';
        continue;
      }
      out += '(?:' + glob.slice(i + 1, close).split(',').map(globSource).join('|') + ')';
      i = close;
    } else out += escapeRe(c);
  }
  return out;
}

function compile(pattern: string): Compiled | undefined {
  let p = pattern.trim().replace(/\\/g, '/');
  if (!p || p.startsWith('#')) return undefined;
  const folderOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  if (!p) return undefined;
  const body = globSource(p);
  return { re: new RegExp(`^${anchored ? '' : '(?:[^/]*/)*'}${body}$`), folderOnly };
}

/** A matcher for a list of exclude globs; an empty list excludes nothing. */
export function excludeMatcher(patterns: readonly string[] = []): ExcludeMatcher {
  const compiled = patterns.map(compile).filter((c): c is Compiled => !!c);
  const matches = (rel: string, isFolder: boolean) => compiled.some((c) => (isFolder || !c.folderOnly) && c.re.test(rel));
  const underExcludedFolder = (rel: string) => {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) if (matches(parts.slice(0, i).join('/'), true)) return true;
    return false;
  };
  return {
    file: (rel) => compiled.length > 0 && (matches(rel, false) || underExcludedFolder(rel)),
    // `rel/` matching means the pattern matches everything directly inside (`drafts/**`, `drafts/*`).
    folder: (rel) => compiled.length > 0 && (matches(rel, true) || matches(rel + '/', true) || underExcludedFolder(rel)),
  };
}
