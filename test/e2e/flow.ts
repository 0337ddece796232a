// What an end-to-end flow is: a named user task run against a live workbench page.
import type { Page } from 'playwright-core';

export interface FlowContext {
  page: Page;
  /** The workspace folder code-server has open (a fresh copy for this run). */
  ws: string;
  /** Saves a screenshot as test-results/e2e/<flow>[-<suffix>][-<session>].png and returns its path. */
  shot(suffix?: string): Promise<string>;
}

export interface Flow {
  /** Short name: screenshot file names, --grep. */
  name: string;
  /** What the test checks, as reported. */
  title: string;
  /**
   * Why the flow cannot run yet (its feature is missing from the installed extension, whose folder is
   * given): reported as pending without running it.
   */
  pending?(extensionDir: string): string | undefined;
  /** Resolves when the flow passed, with an optional note for the report. */
  run(ctx: FlowContext): Promise<string | void>;
}

