import * as vscode from 'vscode';
import { joinPath } from '../core/fs';
import type { QuoteStyle } from '../core/insertText';
import { DEFAULT_PREFIX } from '../core/completionQuery';

/** Settings, read live on every use: no reload needed after a change. */
export function corpusPaths(): string[] {
  const paths = vscode.workspace.getConfiguration('sourced').get<unknown>('corpus.paths');
  const list = Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  return list.length ? list : ['corpus'];
}

/** Corpus roots: each configured path resolved against each workspace folder (absolute paths as they are). */
export function corpusRoots(): Array<{ root: vscode.Uri; folder?: vscode.WorkspaceFolder }> {
  const out: Array<{ root: vscode.Uri; folder?: vscode.WorkspaceFolder }> = [];
  const seen = new Set<string>();
  const add = (root: vscode.Uri, folder?: vscode.WorkspaceFolder) => {
    if (seen.has(root.toString())) return;
    seen.add(root.toString());
    out.push(folder ? { root, folder } : { root });
  };
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const p of corpusPaths()) {
    const absolute = p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('~');
    if (absolute) {
      const expanded = p.startsWith('~') ? joinPath(process.env.HOME ?? '/', p.slice(1).replace(/^[\\/]/, '')) : p;
      add(vscode.Uri.file(expanded));
    } else for (const f of folders) add(f.uri.with({ path: joinPath(f.uri.path, p.replace(/\\/g, '/')) }), f);
  }
  return out;
}

/** `sourced.quoteStyle`: curly (default) or straight quotation marks around inserted quotes. */
export function quoteStyle(): QuoteStyle {
  return vscode.workspace.getConfiguration('sourced').get<string>('quoteStyle') === 'straight' ? 'straight' : 'curly';
}

/** `sourced.completion.prefix`: typed before words to ask for quotes and facts (default `@@`). */
export function completionPrefix(): string {
  const p = vscode.workspace.getConfiguration('sourced').get<unknown>('completion.prefix');
  return typeof p === 'string' && p.trim() && !/\s/.test(p) && p.length <= 4 ? p : DEFAULT_PREFIX;
}
