import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SourcedApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'sourced-briefings.sourced-briefings';

/** Activate the extension and wait until its corpus is indexed. */
export async function sourced(): Promise<SourcedApi> {
  const ext = vscode.extensions.getExtension<SourcedApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host has no workspace folder open');
  return folder.uri;
}

export function wsUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Write a file into the (fresh, per-run) test workspace. */
export async function writeFile(relative: string, content: string | Uint8Array): Promise<vscode.Uri> {
  const uri = wsUri(relative);
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return uri;
}

export async function readWs(relative: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri(relative)));
}

/** Write a Markdown file and open it in an editor, cursor at the end. */
export async function openBriefing(relative: string, content: string): Promise<vscode.TextEditor> {
  const uri = await writeFile(relative, content);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  const end = doc.positionAt(doc.getText().length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

/** Poll a state until it holds (no fixed sleeps): resolves with the first truthy value. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Text of the source file's line-and-column range, as the footnote fragment names it (1-based, end inclusive). */
export function sliceFragment(text: string, fragment: string): string {
  const m = /^L(\d+)C(\d+)-L(\d+)C(\d+)$/.exec(fragment);
  assert.ok(m, `not a line-and-column fragment: ${fragment}`);
  const lines = text.split('\n');
  const [l1, c1, l2, c2] = m.slice(1).map(Number);
  if (l1 === l2) return lines[l1 - 1].slice(c1 - 1, c2);
  return [lines[l1 - 1].slice(c1 - 1), ...lines.slice(l1, l2 - 1), lines[l2 - 1].slice(0, c2)].join('\n');
}

/** Markdown source of hover contents, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Undo Markdown escaping, to compare rendered text. */
export function unescapeMarkdown(s: string): string {
  return s.replace(/\\([\\`*_{}[\]()#+\-.!|~:])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
