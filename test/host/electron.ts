// `npm run test:electron`: the same integration tests module, run by @vscode/test-electron in desktop
// VS Code (Electron). Uses $VSCODE_EXECUTABLE_PATH when set; otherwise downloads VS Code, which needs
// network access to update.code.visualstudio.com (checked first, within a few seconds).
//
//   node out/test/host/electron.js [--results FILE]
// Exit 0 all passed, 1 failures or no VS Code.
import * as dns from 'dns';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { parseArgs } from 'util';
import { runTests } from '@vscode/test-electron';
import { DEFAULT_SETTINGS, makeRunDir } from './codeServer';
import { repoRoot } from './repo';
import { readResults, writeResults } from './results';
import { FIXTURE_WORKSPACE, freshWorkspace } from './workspace';

const UPDATE_HOST = 'update.code.visualstudio.com';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves when UPDATE_HOST resolves in DNS and accepts a TCP connection on 443; rejects otherwise, within ~5 s. */
async function checkDownloadReachable(): Promise<void> {
  const { address } = await withTimeout(dns.promises.lookup(UPDATE_HOST), 2500, `DNS lookup of ${UPDATE_HOST}`);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: address, port: 443 });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
      socket.setTimeout(2500, () => socket.destroy(new Error('timeout')));
    }),
    2600,
    `connecting to ${UPDATE_HOST}:443`,
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { results: { type: 'string' } } });
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable) {
    try {
      await checkDownloadReachable();
    } catch (e) {
      console.error(
        `electron: cannot download VS Code: no network access to ${UPDATE_HOST} (${(e as Error).message}); ` +
          'set VSCODE_EXECUTABLE_PATH to a local VS Code, or use `npm test`, which runs the same suites in code-server',
      );
      return 1;
    }
  } else if (!fs.existsSync(executable)) {
    console.error(`electron: VSCODE_EXECUTABLE_PATH=${executable} does not exist`);
    return 1;
  }

  const runDir = makeRunDir(repoRoot);
  const ws = freshWorkspace(FIXTURE_WORKSPACE, path.join(runDir, 'ws'));
  const userDataDir = path.join(runDir, 'udd');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(DEFAULT_SETTINGS, null, 2));
  const resultsFile = path.join(runDir, 'results.json');

  let code: number;
  try {
    code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [ws, '--disable-extensions', `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(runDir, 'exts')}`],
      extensionTestsEnv: { SOURCED_TEST_RESULTS: resultsFile, SOURCED_TEST_WORKSPACE: ws },
    });
  } catch (e) {
    console.error(`electron: ${(e as Error).message}`);
    code = 1;
  }
  const results = readResults(resultsFile);
  if (values.results) {
    writeResults(path.resolve(values.results), results ?? {
      passed: 0, failed: 1, pending: 0, tests: [], report: '',
      failures: [{ title: 'electron host', message: `VS Code exited with code ${code} and wrote no results`, stack: '' }],
    });
  }
  for (const f of results?.failures ?? []) console.log(`electron: FAILED ${f.title}: ${f.message.split('\n')[0]}`);
  console.log(`electron: ${results ? `${results.passed} passed, ${results.failed} failed` : 'no results'}`);
  const status = code === 0 && results !== undefined && results.failed === 0 ? 0 : 1;
  if (status === 0) fs.rmSync(runDir, { recursive: true, force: true });
  else console.log(`electron: run folder kept: ${runDir}`);
  return status;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('electron:', e);
    process.exit(1);
  },
);
