import * as vscode from 'vscode';
import { relinkBriefing, type Move } from '../core/relink';

/** When briefings or sources are renamed or moved, the affected citation links follow (one edit). */
export function registerRenameLinks(): vscode.Disposable {
  return vscode.workspace.onDidRenameFiles(async (e) => {
    const moves: Move[] = e.files.map((f) => ({ from: f.oldUri.path, to: f.newUri.path }));
    const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/node_modules/**', 5000);
    const edit = new vscode.WorkspaceEdit();
    for (const file of files) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
      const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      const relinks = relinkBriefing(text, file.path, moves);
      if (!relinks.length) continue;
      const doc = open ?? (await vscode.workspace.openTextDocument(file));
      for (const r of relinks) edit.replace(file, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text);
    }
    if (edit.size) await vscode.workspace.applyEdit(edit);
  });
}
