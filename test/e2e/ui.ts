// Driving VS Code's web workbench like a user: keys, the quick input, the status bar, the editor's
// rendered lines. Every wait is on a selector or a state in the page, never a fixed delay.
import type { CDPSession, Page } from 'playwright-core';

export const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_FOCUSED = `${QUICK_INPUT} .quick-input-box input:focus`;
const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

const TRACE = !!process.env.SOURCED_E2E_TRACE;
let last = Date.now();
/** With SOURCED_E2E_TRACE=1, prints each step and the time since the previous one. */
export function trace(what: string): void {
  if (!TRACE) return;
  const now = Date.now();
  console.log(`    [${((now - last) / 1000).toFixed(2)} s] ${what}`);
  last = now;
}

/**
 * In-page reader of the editor as rendered: its logical lines (wrapped rows joined, numbered from the
 * gutter) and the screen rectangle of a piece of text. Installed before the workbench loads; it only
 * reads the DOM.
 */
const PAGE_HELPERS = `
window.__e2e = (() => {
  const top = (el) => parseFloat(el.style.top) || 0;
  const editor = () => document.querySelector(${JSON.stringify(ACTIVE_EDITOR)});
  const viewLines = (ed) => [...ed.querySelectorAll('.view-lines .view-line')].sort((a, b) => top(a) - top(b));
  const text = (el) => el.textContent.replace(/\\u00a0/g, ' ');
  function lines() {
    const ed = editor();
    if (!ed) return [];
    const numbers = new Map();
    for (const row of ed.querySelectorAll('.margin-view-overlays > div')) {
      const n = row.querySelector('.line-numbers');
      if (n && n.textContent.trim()) numbers.set(top(row), Number(n.textContent.trim()));
    }
    const out = [];
    for (const v of viewLines(ed)) {
      const n = numbers.get(top(v));
      if (n !== undefined || out.length === 0) out.push({ line: n === undefined ? 0 : n, text: text(v) });
      else out[out.length - 1].text += text(v);
    }
    return out;
  }
  function rectOf(context, target) {
    const ed = editor();
    if (!ed) return null;
    for (const v of viewLines(ed)) {
      const at = text(v).indexOf(context);
      if (at < 0) continue;
      const start = at + context.indexOf(target);
      const end = start + target.length;
      const walker = document.createTreeWalker(v, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let pos = 0, started = false, node;
      while ((node = walker.nextNode())) {
        const len = node.data.length;
        if (!started && start < pos + len) { range.setStart(node, start - pos); started = true; }
        if (started && end <= pos + len) { range.setEnd(node, end - pos); break; }
        pos += len;
      }
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }
  return { lines, rectOf };
})();
`;

export interface EditorLine {
  /** 1-based line number in the document. */
  line: number;
  text: string;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Call before the first navigation: makes editorLines() and textRect() available in the page. */
export async function installPageHelpers(page: Page): Promise<void> {
  await page.addInitScript(PAGE_HELPERS);
}

/** The active editor's rendered lines (those in view), as whole document lines. */
export function editorLines(page: Page): Promise<EditorLine[]> {
  return page.evaluate<EditorLine[]>('window.__e2e.lines()');
}

/** Waits until a rendered line of the active editor contains `needle`; returns the lines then. */
export async function waitForEditorText(page: Page, needle: string, timeout = 10000): Promise<EditorLine[]> {
  trace(`wait for text ${needle}`);
  await page.waitForFunction(`window.__e2e.lines().some((l) => l.text.includes(${JSON.stringify(needle)}))`, undefined, { timeout });
  return editorLines(page);
}

/** Where `target` is on screen, inside the first rendered line containing `context` (which contains `target`). */
export function textRect(page: Page, context: string, target: string): Promise<Rect | null> {
  return page.evaluate<Rect | null>(`window.__e2e.rectOf(${JSON.stringify(context)}, ${JSON.stringify(target)})`);
}

const sessions = new WeakMap<Page, CDPSession>();

/**
 * Types characters as a keyboard that has them does: a key press per character (keydown with its text,
 * keypress, input, keyup). Playwright's keyboard.type() sends characters outside the US layout, such as “,
 * as inserted text with no key events (the way an emoji picker does).
 */
export async function typeKeys(page: Page, text: string): Promise<void> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  for (const ch of text) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
  }
}

/** Presses `key` until the quick input has the focus (the workbench may still be starting); at most 3 presses. */
export async function openQuickInput(page: Page, key: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await page.waitForSelector(QUICK_INPUT_FOCUSED, { timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 3) throw new Error(`${key} did not open the quick input: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

export async function waitQuickInputClosed(page: Page): Promise<void> {
  await page.waitForSelector(QUICK_INPUT, { state: 'hidden' });
}

/** The aria-labels of the quick input's rows, in order. */
export function quickRows(page: Page): Promise<string[]> {
  return page.$$eval(QUICK_ROWS, (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

/**
 * Waits for a quick input row whose label contains every one of `words`, moves the keyboard focus
 * to it (arrow keys) and returns its label; Enter then picks it.
 */
export async function focusQuickRow(page: Page, words: string[], timeout = 15000): Promise<string> {
  const matches = (label: string): boolean => words.every((w) => label.includes(w));
  const selector = `${QUICK_ROWS}${words.map((w) => `[aria-label*=${JSON.stringify(w)}]`).join('')}`;
  await page.waitForSelector(selector, { timeout });
  for (let moves = 0; moves < 30; moves++) {
    const focused = (await page.getAttribute(`${QUICK_ROWS}.focused`, 'aria-label').catch(() => null)) ?? '';
    if (matches(focused)) return focused;
    await page.keyboard.press('ArrowDown');
    // Wait for the list to show the next row focused.
    await page.waitForFunction(
      `(document.querySelector(${JSON.stringify(`${QUICK_ROWS}.focused`)})?.getAttribute('aria-label') ?? '') !== ${JSON.stringify(focused)}`,
    );
  }
  throw new Error(`no quick input row with ${JSON.stringify(words)} could be focused; rows: ${JSON.stringify(await quickRows(page))}`);
}

/** F1, the command's title (entered at once, as a paste would), Enter: runs a command from the command palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  trace(`command ${title}`);
  await openQuickInput(page, 'F1');
  await page.keyboard.insertText(title);
  await focusQuickRow(page, [title]);
  await page.keyboard.press('Enter');
}

/** Ctrl+P, the file's path, Enter; waits until its editor is active and has the keyboard focus. */
export async function openFile(page: Page, relPath: string): Promise<void> {
  trace(`open ${relPath}`);
  const name = relPath.split('/').pop() as string;
  await openQuickInput(page, 'Control+P');
  await page.keyboard.insertText(relPath);
  // The first search of a fresh workspace can take a while on a busy machine.
  await focusQuickRow(page, [name], 45000);
  await page.keyboard.press('Enter');
  await waitQuickInputClosed(page);
  await page.waitForSelector(`.editor-group-container.active .tab.active[aria-label^=${JSON.stringify(name)}]`);
  await page.waitForSelector(`${ACTIVE_EDITOR}.focused`);
}

/** The status bar's language mode of the active editor, e.g. "Markdown". */
export async function waitLanguage(page: Page, language: string, timeout = 30000): Promise<void> {
  trace(`wait for ${language}`);
  await page.waitForFunction(
    `document.querySelector('[id="status.editor.mode"]')?.textContent.trim() === ${JSON.stringify(language)}`,
    undefined,
    { timeout },
  );
}

/** The status bar's cursor entry: "Ln 15, Col 342 (113 selected)". */
export async function cursorStatus(page: Page): Promise<string> {
  return ((await page.textContent('[id="status.editor.selection"]')) ?? '').trim();
}

/** Waits until the status bar's cursor entry matches. */
export async function waitCursorStatus(page: Page, pattern: RegExp, timeout = 10000): Promise<string> {
  await page.waitForFunction(
    `${pattern.toString()}.test(document.querySelector('[id="status.editor.selection"]')?.textContent ?? '')`,
    undefined,
    { timeout },
  );
  return cursorStatus(page);
}

/** Ctrl+G: puts the cursor at the start of a line of the active editor. */
export async function goToLine(page: Page, line: number): Promise<void> {
  trace(`go to line ${line}`);
  await openQuickInput(page, 'Control+G');
  await page.keyboard.insertText(String(line));
  await page.keyboard.press('Enter');
  await waitQuickInputClosed(page);
  await waitCursorStatus(page, new RegExp(`^Ln ${line},`));
}

/**
 * Back to an empty editor area: closes the widgets, reverts and closes every editor (no save prompt),
 * closes the panel and clears notifications.
 */
export async function resetWorkbench(page: Page): Promise<void> {
  trace('reset');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
  await page.mouse.move(1, 1);
  for (let i = 0; i < 10; i++) {
    const tabs = await page.$$('.tab');
    if (tabs.length === 0) break;
    await runCommand(page, 'View: Revert and Close Editor');
    await page.waitForFunction(`document.querySelectorAll('.tab').length < ${tabs.length}`);
  }
  if (await page.isVisible('.part.panel')) await runCommand(page, 'View: Hide Panel');
  if (await page.isVisible('.notifications-toasts .notification-toast')) await runCommand(page, 'Notifications: Clear All Notifications');
  await waitQuickInputClosed(page);
}
