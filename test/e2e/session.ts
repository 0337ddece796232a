// One code-server + one headless Chromium page on a fresh workspace, with the extension installed in
// the server's --extensions-dir (unpacked from the build, or from the .vsix). No smoke-test driver:
// the workbench runs as a user gets it.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, waitForWorkbench } from '../host/browser';
import { CodeServer, startCodeServer } from '../host/codeServer';
import type { HostPaths } from '../host/install';
import { repoRoot } from '../host/repo';
import { freshWorkspace } from '../host/workspace';
import { installPageHelpers } from './ui';

export const E2E_FIXTURE = path.join(repoRoot, 'test', 'e2e', 'fixture');

/** Settings for stable pictures and no prompts: nothing saved behind the test's back, no git, no minimap. */
export const E2E_SETTINGS: Record<string, unknown> = {
  'files.autoSave': 'off',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.wordWrap': 'on',
  'editor.stickyScroll.enabled': false,
  'editor.minimap.enabled': false,
  'extensions.ignoreRecommendations': true,
  'workbench.editor.enablePreview': false,
};

export interface Session {
  /** "unpacked" or "vsix". */
  name: string;
  server: CodeServer;
  browser: Browser;
  page: Page;
  ws: string;
  runDir: string;
  /** The installed extension's folder. */
  extension: string;
  browserLog: string;
  close(): Promise<void>;
}

/** The workspace: test/e2e/fixture, the repository's corpus/ and examples/, copied fresh. */
export function e2eWorkspace(dest: string): string {
  freshWorkspace(E2E_FIXTURE, dest);
  fs.cpSync(path.join(repoRoot, 'examples'), path.join(dest, 'examples'), { recursive: true });
  return dest;
}

export async function startSession(
  host: HostPaths,
  runDir: string,
  name: string,
  install: (extensionsDir: string) => Promise<string>,
): Promise<Session> {
  fs.mkdirSync(runDir, { recursive: true });
  const extensionsDir = path.join(runDir, 'exts');
  const extension = await install(extensionsDir);
  const ws = e2eWorkspace(path.join(runDir, 'ws'));
  const server = await startCodeServer({ host, runDir, extensionsDir, workspace: ws, settings: E2E_SETTINGS });
  let browser: Browser | undefined;
  const browserLog = path.join(runDir, 'browser.log');
  const log = fs.createWriteStream(browserLog);
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.stop();
    await new Promise<void>((resolve) => (log.writableEnded ? resolve() : log.end(resolve)));
  };
  try {
    browser = await launchChromium({ executablePath: host.chromium, home: server.home });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20000);
    page.on('console', (m) => void (log.writableEnded || log.write(`[console.${m.type()}] ${m.text()}\n`)));
    page.on('pageerror', (e) => void (log.writableEnded || log.write(`[pageerror] ${e.message}\n`)));
    await installPageHelpers(page);
    await page.goto(server.workbenchUrl(ws), { waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    await page.waitForSelector('.part.statusbar');
    return { name, server, browser, page, ws, runDir, extension, browserLog, close };
  } catch (e) {
    await close();
    throw e;
  }
}
