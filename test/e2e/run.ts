// End-to-end tests: the extension tried as a user would, in VS Code's web workbench (code-server)
// driven by playwright-core through Debian's Chromium.
//
//   node out/test/e2e/run.js [--results FILE] [--grep REGEXP] [--keep]
//
//   unpacked  code-server with the build installed unpacked in its --extensions-dir: writer,
//             reviewer, Insert Citation, Problems (pending while the bundle has no diagnostics)
//   package   `vsce package` (scripts/package.ts, run meanwhile) into the run folder; the .vsix
//             holds exactly dist/ (no maps), media/, package.json, README, CHANGELOG, LICENSE
//   vsix      `code-server --install-extension` of that .vsix, then the writer flow against it
//
// --grep REGEXP runs the tests whose title ("unpacked: writer: …", "package: …", "vsix: …") matches.
// SOURCED_E2E_TRACE=1 prints each UI step with the time it took.
// Each flow gets a fresh workbench state (editors reverted and closed); a failed flow is retried once.
// Screenshots go to test-results/e2e/<flow>[-<step>][-vsix].png (`npm run screenshots` copies the
// README's ones to docs/images/); a failure also saves <flow>…-failed.png and keeps the run folder
// with the code-server and browser logs. Exit 0 all passed (or pending), 1 failures, 2 infrastructure.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { packageVsix, vsixName } from '../../scripts/package';
import { makeRunDir } from '../host/codeServer';
import { ensureHost, HostPaths } from '../host/install';
import { repoRoot } from '../host/repo';
import { TestResults, writeResults } from '../host/results';
import { installUnpacked } from '../host/workspace';
import type { Flow } from './flow';
import { insertCitation } from './flows/insertCitation';
import { problems } from './flows/problems';
import { reviewer } from './flows/reviewer';
import { writer } from './flows/writer';
import { Session, startSession } from './session';
import { resetWorkbench } from './ui';
import { checkVsix, expectedEntries, installVsix } from './vsix';

const SHOTS = path.join(repoRoot, 'test-results', 'e2e');
const FLOW_TIMEOUT_MS = 120000;

const { values: opt } = parseArgs({
  options: {
    results: { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const grep = opt.grep ? new RegExp(opt.grep) : undefined;
const wanted = (title: string): boolean => !grep || grep.test(title);
const PACKAGE_TITLE = 'package: the .vsix holds exactly dist/ (no source maps), media/, package.json, README, CHANGELOG, LICENSE';

const results: TestResults = { passed: 0, failed: 0, pending: 0, tests: [], failures: [], report: '' };
const report: string[] = [];
const say = (line: string): void => {
  report.push(line);
  console.log(line);
};
const timings: string[] = [];
const keptLogs: string[] = [];
let current: Session | undefined;

function record(title: string, state: 'passed' | 'failed' | 'pending', ms: number, detail?: string, stack?: string): void {
  results.tests.push({ title, state, ms });
  if (state === 'passed') {
    results.passed++;
    say(`  ✓ ${title} (${(ms / 1000).toFixed(1)} s${detail ? `, ${detail}` : ''})`);
  } else if (state === 'pending') {
    results.pending++;
    say(`  - ${title} (pending: ${detail})`);
  } else {
    results.failed++;
    results.failures.push({ title, message: detail ?? '', stack: stack ?? '' });
    say(`  ✗ ${title}\n      ${(detail ?? '').split('\n').join('\n      ')}`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A step that is not a browser flow (packaging, installing): passes or fails, no retry. */
async function step(title: string, body: () => Promise<string | void>): Promise<boolean> {
  if (!wanted(title)) return false;
  const t0 = Date.now();
  try {
    const detail = await body();
    record(title, 'passed', Date.now() - t0, detail ?? undefined);
    return true;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    record(title, 'failed', Date.now() - t0, err.message, err.stack);
    return false;
  }
}

async function runFlow(session: Session, flow: Flow): Promise<void> {
  const title = `${session.name}: ${flow.title}`;
  if (!wanted(title)) return;
  const suffix = session.name === 'unpacked' ? '' : `-${session.name}`;
  const shot = async (name: string): Promise<string> => {
    const file = path.join(SHOTS, `${name}${suffix}.png`);
    await session.page.screenshot({ path: file });
    return file;
  };
  const t0 = Date.now();
  const why = flow.pending?.(session.extension);
  if (why) {
    record(title, 'pending', 0, why);
    return;
  }
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const note = await withTimeout(
        (async () => {
          await resetWorkbench(session.page);
          return flow.run({
            page: session.page,
            ws: session.ws,
            shot: (step?: string) => shot(step ? `${flow.name}-${step}` : flow.name),
          });
        })(),
        FLOW_TIMEOUT_MS,
        flow.name,
      );
      record(title, 'passed', Date.now() - t0, [note, attempt > 1 ? 'passed on its retry' : ''].filter(Boolean).join('; ') || undefined);
      return;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const picture = await shot(`${flow.name}-failed${attempt > 1 ? '-retry' : ''}`).catch(() => '(no screenshot)');
      if (attempt === 2) {
        keptLogs.push(session.server.logFile, session.browserLog);
        record(title, 'failed', Date.now() - t0, `${err.message}\nscreenshot: ${picture}\ncode-server log: ${session.server.logFile}`, err.stack);
      } else {
        say(`  … ${title}: failed (${err.message.split('\n')[0]}); retrying once (screenshot ${path.relative(repoRoot, picture)})`);
      }
    }
  }
}

async function withSession(
  host: HostPaths,
  runDir: string,
  name: string,
  install: (extensionsDir: string) => Promise<string>,
  flows: Flow[],
): Promise<void> {
  const selected = flows.filter((f) => wanted(`${name}: ${f.title}`));
  if (selected.length === 0) return;
  say(`${name}:`);
  const t0 = Date.now();
  try {
    current = await startSession(host, runDir, name, install);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    for (const f of selected) record(`${name}: ${f.title}`, 'failed', 0, `the session did not start: ${err.message}`, err.stack);
    keptLogs.push(path.join(runDir, 'server.log'));
    return;
  }
  const up = Date.now();
  for (const flow of selected) await runFlow(current, flow);
  await current.close();
  current = undefined;
  timings.push(`${name}: workbench up ${((up - t0) / 1000).toFixed(1)} s, flows ${((Date.now() - up) / 1000).toFixed(1)} s`);
}

async function main(): Promise<number> {
  const t0 = Date.now();
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (/-failed(-retry)?(-\w+)?\.png$/.test(f)) fs.rmSync(path.join(SHOTS, f));
  const host = await ensureHost();
  const runDir = makeRunDir(repoRoot);
  console.log(`e2e: run folder ${runDir}`);

  // 1. The package, made while the first session runs (vsce mostly waits on the disk).
  let vsix: string | undefined;
  const tp = Date.now();
  const readme = (): string => fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const readmes = [readme()];
  let expected: string[] = [];
  const packaged = wanted(PACKAGE_TITLE) || wanted(`vsix: ${writer.title}`)
    ? packageVsix({ out: path.join(runDir, vsixName()), logFile: path.join(runDir, 'vsce.log') }).then((file) => {
        readmes.push(readme());
        expected = expectedEntries();
        timings.push(`vsce package ${((Date.now() - tp) / 1000).toFixed(1)} s`);
        return file;
      })
    : Promise.reject(new Error('not packaged (--grep)'));
  packaged.catch(() => undefined); // awaited below

  // 2. The build, installed unpacked.
  await withSession(host, path.join(runDir, 'a'), 'unpacked', async (dir) => installUnpacked(dir), [writer, reviewer, insertCitation, problems]);

  if (wanted(PACKAGE_TITLE)) say('package:');
  await step(PACKAGE_TITLE, async () => {
    vsix = await packaged;
    await checkVsix(vsix, expected, readmes);
    return `${(fs.statSync(vsix).size / 1e6).toFixed(2)} MB`;
  });

  // 3. The .vsix, installed the way a user installs it.
  await withSession(
    host,
    path.join(runDir, 'b'),
    'vsix',
    async (dir) => {
      vsix ??= await packaged;
      const folder = await installVsix(host, vsix, dir, path.join(runDir, 'b'));
      const maps = fs.readdirSync(path.join(folder, 'dist'), { recursive: true }).map(String).filter((f) => f.endsWith('.map'));
      if (!fs.existsSync(path.join(folder, 'dist', 'extension.js')) || maps.length) {
        throw new Error(`the installed copy ${folder} is not the packaged one (dist/extension.js missing or maps present)`);
      }
      return folder;
    },
    [writer],
  );

  const failed = results.failed > 0;
  if (results.failures.length) {
    say('\nfailures:');
    results.failures.forEach((f, i) => say(`  ${i + 1}) ${f.title}\n     ${f.message.split('\n').join('\n     ')}`));
  }
  console.log(`e2e: timings: ${[...timings, `total ${((Date.now() - t0) / 1000).toFixed(1)} s`].join('; ')}`);
  if (failed || opt.keep) console.log(`e2e: run folder kept: ${runDir}${keptLogs.length ? `\ne2e: logs: ${[...new Set(keptLogs)].join(', ')}` : ''}`);
  else fs.rmSync(runDir, { recursive: true, force: true });
  console.log(`e2e: screenshots in ${path.relative(repoRoot, SHOTS)}/`);
  if (results.pending) console.log(`e2e: ${results.pending} pending`);
  results.report = report.join('\n');
  if (opt.results) writeResults(path.resolve(opt.results), results);
  console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
  return failed ? 1 : 0;
}

async function shutdown(): Promise<void> {
  await current?.close().catch(() => undefined);
  current = undefined;
}

process.once('SIGINT', () => void shutdown().then(() => process.exit(130)));
process.once('SIGTERM', () => void shutdown().then(() => process.exit(143)));

main().then(
  (code) => process.exit(code),
  async (e: unknown) => {
    await shutdown();
    const err = e instanceof Error ? e : new Error(String(e));
    console.error(`e2e: ${err.stack ?? err.message}`);
    if (opt.results) {
      writeResults(path.resolve(opt.results), {
        ...results,
        failed: results.failed + 1,
        failures: [...results.failures, { title: 'e2e host', message: err.message, stack: String(err.stack) }],
        report: report.join('\n'),
      });
    }
    console.log(`e2e: ${results.passed} passed, ${results.failed + 1} failed (infrastructure error)`);
    process.exit(2);
  },
);
