// Headless Chromium (Debian's, driven by playwright-core) for code-server's web workbench.
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';

export interface BrowserOptions {
  /** Chromium's executable (HostPaths.chromium). */
  executablePath: string;
  /** HOME for chromium's profile and caches (e.g. CodeServer.home). */
  home: string;
  /** Default true; set false (or PWDEBUG-style) to watch it. */
  headless?: boolean;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(options: BrowserOptions): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: options.home, XDG_CONFIG_HOME: path.join(options.home, '.config'), XDG_CACHE_HOME: path.join(options.home, '.cache') },
  });
}

/** Waits until the workbench's DOM is there (the workbench then loads extensions in the background). */
export async function waitForWorkbench(page: Page, timeoutMs = 60000): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
}
