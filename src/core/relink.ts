/**
 * Keeping citation links right when files move: given where a briefing was and is, and how paths were
 * renamed, the new text of each definition whose link must change. Everything else stays as it is.
 */
import { encodeLinkPath, parseCitationLink, parseFootnotes } from './footnotes';
import { dirname, joinPath, relativePath } from './fs';

export interface Move {
  from: string;
  to: string;
}

/** A path after the moves (a moved folder moves what is inside it). */
export function movedPath(path: string, moves: readonly Move[]): string {
  for (const m of moves) {
    if (path === m.from) return m.to;
    if (path.startsWith(m.from + '/')) return m.to + path.slice(m.from.length);
  }
  return path;
}

/** Where a path was before the moves. */
export function formerPath(path: string, moves: readonly Move[]): string {
  return movedPath(path, moves.map((m) => ({ from: m.to, to: m.from })));
}

export interface Relink {
  /** Offsets of the definition content to replace, and its new text. */
  start: number;
  end: number;
  text: string;
}

/** The definition edits a briefing now at `briefingPath` needs after `moves`. */
export function relinkBriefing(text: string, briefingPath: string, moves: readonly Move[]): Relink[] {
  if (!text.includes('[^')) return [];
  const was = formerPath(briefingPath, moves);
  const out: Relink[] = [];
  for (const def of parseFootnotes(text).definitions) {
    const link = parseCitationLink(def.content);
    if (!link) continue;
    const target = movedPath(joinPath(dirname(was), link.path), moves);
    const rel = relativePath(dirname(briefingPath), target);
    if (rel === link.path) continue;
    const hash = link.target.indexOf('#');
    const oldPath = hash === -1 ? link.target : link.target.slice(0, hash);
    const newPath = encodeLinkPath(rel);
    const content = text.slice(def.contentStart, def.end);
    // The path as written, wherever it stands as a whole (link text and destination).
    const escaped = oldPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const replaced = content.replace(new RegExp(`(^|[[(<\\s])${escaped}(?=[#)\\]>\\s]|$)`, 'g'), (_, lead: string) => lead + newPath);
    if (replaced !== content) out.push({ start: def.contentStart, end: def.end, text: replaced });
  }
  return out;
}
