// Runs the integration tests inside a real VS Code extension host (code-server's), headless:
//
//   node out/test/host/run.js [--tests out/test/integration/index.js] [--workspace test/fixtures/workspace]
//                             [--timeout 300] [--keep] [--verbose] [--results FILE]
// Environment: SOURCED_TEST_GREP=REGEXP runs only the matching tests.
//
// code-server starts with the smoke-test driver; headless chromium opens the workbench with a `payload`
// naming this repository as the extension under development and the tests module, whose run() the
// extension host then calls. The module writes its results to $SOURCED_TEST_RESULTS; the workbench
// reports the end through window.codeAutomationExit. Exit 0 all passed, 1 failures, 2 infrastructure.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import type { Browser } from 'playwright-core';
import { launchChromium, waitForWorkbench } from './browser';
import { CodeServer, makeRunDir, startCodeServer } from './codeServer';
import { ensureHost } from './install';
import { repoRoot } from './repo';
import { readResults, TestResults, writeResults } from './results';
import { FIXTURE_WORKSPACE, freshWorkspace } from './workspace';

const { values: opt } = util.parseArgs({
  options: {
    tests: { type: 'string', default: path.join(repoRoot, 'out', 'test', 'integration', 'index.js') },
    workspace: { type: 'string', default: FIXTURE_WORKSPACE },
    timeout: { type: 'string', default: '300' },
    results: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

/** Offline noise from built-in extensions, and run()'s own verdict: not worth showing among the errors. */
const NOISE = /ENOTFOUND|ERR_NAME_NOT_RESOLVED|EAI_AGAIN|authentication provider 'github'|^Canceled|open-vsx|vsda|integration test\(s\) failed/;

interface Outcome {
  how: 'codeAutomationExit' | 'results file' | 'timeout' | 'page crashed' | 'server exited';
  code?: number;
}

let server: CodeServer | undefined;
let browser: Browser | undefined;

async function shutdown(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  await server?.stop();
  server = undefined;
}

const seconds = (from: number): string => `${((Date.now() - from) / 1000).toFixed(1)} s`;

async function main(runDir: string): Promise<number> {
  const t0 = Date.now();
  const testsPath = path.resolve(opt.tests);
  if (!fs.existsSync(testsPath)) throw new Error(`no tests module at ${testsPath} (run \`tsc -p tsconfig.test.json\`)`);
  const timeoutMs = Number(opt.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new Error(`--timeout must be a number of seconds, not ${opt.timeout}`);
  const host = await ensureHost();
  const ws = freshWorkspace(path.resolve(opt.workspace), path.join(runDir, 'ws'));
  const resultsFile = path.join(runDir, 'results.json');
  const browserLog = fs.createWriteStream(path.join(runDir, 'browser.log'));
  const blog = (line: string): void => void (browserLog.writableEnded || browserLog.write(line + '\n'));

  server = await startCodeServer({ host, runDir, smokeTestDriver: true, workspace: ws });
  const listening = Date.now();
  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
    ['extensionTestsPath', server.remoteUri(testsPath)],
    ['extensionEnvironment', JSON.stringify(testEnvironment(resultsFile, ws))],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];

  browser = await launchChromium({ executablePath: host.chromium, home: server.home });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  let onExit: (o: Outcome) => void = () => undefined;
  const signalled = new Promise<Outcome>((resolve) => (onExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    blog(`[${type}] ${line}`);
    if (type === 'error' && !NOISE.test(line)) errors.push(line);
    if (opt.verbose) console.error(`[host:${type}] ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => onExit({ how: 'codeAutomationExit', code }));
  page.on('console', (m) => blog(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => blog(`[pageerror] ${e.message}`));
  page.on('crash', () => onExit({ how: 'page crashed' }));
  void server.exited.then(() => onExit({ how: 'server exited' }));

  const opened = Date.now();
  await page.goto(server.workbenchUrl(ws, payload), { waitUntil: 'domcontentloaded' });
  await waitForWorkbench(page);
  const workbenchUp = Date.now();

  // The results file is a second signal, polled; the deadline bounds the whole wait.
  let waiting = true;
  const poll = (async (): Promise<Outcome> => {
    while (waiting) {
      if (fs.existsSync(resultsFile)) return { how: 'results file' };
      if (Date.now() - opened > timeoutMs) return { how: 'timeout' };
      await new Promise((r) => setTimeout(r, 250));
    }
    return { how: 'timeout' };
  })();
  const outcome = await Promise.race([signalled, poll]);
  waiting = false;
  const done = Date.now();
  browserLog.end();

  const results = readResults(resultsFile);
  if (results) process.stdout.write(results.report.replace(/^\n+/, '') + '\n');
  const status = decide(outcome, results);
  const report: TestResults = results ?? {
    passed: 0, failed: status === 0 ? 0 : 1, pending: 0, tests: [], report: '',
    failures: status === 0 ? [] : [{ title: 'integration host', message: describe(outcome), stack: '' }],
  };
  if (opt.results) writeResults(path.resolve(opt.results), report);
  if (status !== 0) {
    if (!results) console.log(`integration: no results: ${describe(outcome)}`);
    if (errors.length) {
      console.log('integration: last error lines from the workbench and extension host:');
      for (const line of errors.slice(-15)) console.log(`  ${line.split('\n').slice(0, 6).join('\n  ')}`);
    }
    console.log(`integration: server log:  ${server.logFile}`);
    console.log(`integration: browser log: ${path.join(runDir, 'browser.log')}`);
    console.log(`integration: host logs:   ${path.join(server.userDataDir, 'logs')}`);
  }
  console.log(
    `integration: timings: code-server listening ${((listening - t0) / 1000).toFixed(1)} s, workbench up ` +
      `${((workbenchUp - opened) / 1000).toFixed(1)} s, tests done ${((done - opened) / 1000).toFixed(1)} s after page open, total ${seconds(t0)}`,
  );
  console.log(`integration: ${report.passed} passed, ${report.failed} failed`);
  return status;
}

/** The extension host's extra environment: where to write results, the workspace, an optional grep. */
function testEnvironment(resultsFile: string, ws: string): Record<string, string> {
  const env: Record<string, string> = { SOURCED_TEST_RESULTS: resultsFile, SOURCED_TEST_WORKSPACE: ws };
  if (process.env.SOURCED_TEST_GREP) env.SOURCED_TEST_GREP = process.env.SOURCED_TEST_GREP;
  return env;
}

function decide(outcome: Outcome, results: TestResults | undefined): number {
  if (results) return results.failed > 0 || (outcome.code ?? 0) !== 0 ? 1 : 0;
  if (outcome.how === 'codeAutomationExit' && outcome.code === 0) return 0; // a tests module without results
  return 2;
}

function describe(outcome: Outcome): string {
  switch (outcome.how) {
    case 'timeout':
      return `TIMEOUT: the tests did not finish within ${opt.timeout} s`;
    case 'codeAutomationExit':
      return `the extension host ended the test run with code ${outcome.code} and wrote no results (did the tests module fail to load?)`;
    default:
      return outcome.how;
  }
}

async function entry(): Promise<void> {
  let runDir: string | undefined;
  let status = 2;
  const interrupted = async (): Promise<void> => {
    await shutdown();
    console.log(`integration: interrupted${runDir ? `; run folder kept: ${runDir}` : ''}`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    runDir = makeRunDir(repoRoot);
    status = await main(runDir);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    console.error(`integration: ${opt.verbose ? err.stack ?? err.message : err.message}`);
    if (opt.results) {
      writeResults(path.resolve(opt.results), {
        passed: 0, failed: 1, pending: 0, tests: [], report: '',
        failures: [{ title: 'integration host', message: String(e), stack: '' }],
      });
    }
    if (runDir) {
      for (const log of ['server.log', 'browser.log']) {
        if (fs.existsSync(path.join(runDir, log))) console.log(`integration: ${log}: ${path.join(runDir, log)}`);
      }
    }
    console.log('integration: 0 passed, 1 failed (infrastructure error)');
    status = 2;
  } finally {
    await shutdown();
  }
  const started = runDir !== undefined && fs.existsSync(path.join(runDir, 'server.log'));
  if (runDir && ((status === 0 && !opt.keep) || !started)) fs.rmSync(runDir, { recursive: true, force: true });
  else if (runDir) console.log(`integration: run folder kept: ${runDir}`);
  process.exit(status);
}

void entry();
