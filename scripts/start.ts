// `npm start`: try the extension in a real VS Code in the browser (code-server), with a demo workspace
// made from corpus/ and examples/. Everything it keeps lives in .vscode-test/ (git-ignored):
//   demo/        the demo workspace (kept across starts so edits survive; --fresh recreates it)
//   extensions/  the freshly built extension, installed unpacked on every start
//   user-data/   VS Code's settings and state;  server/  code-server's config, HOME, TMPDIR, log
//
//   node out/scripts/start.js [--port 8080] [--fresh] [--desktop]
// --port 0 picks a free port. --desktop runs a desktop `code` from PATH with this repository as the
// extension under development instead.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { startCodeServer } from '../test/host/codeServer';
import { ensureHost } from '../test/host/install';
import { isAlive, run, tail, which } from '../test/host/proc';
import { repoRoot } from '../test/host/repo';
import { installUnpacked } from '../test/host/workspace';

const BRIEFING = path.join('examples', 'briefing.md');
const state = path.join(repoRoot, '.vscode-test');

/** Creates the demo workspace from corpus/ and examples/ unless it exists (or `fresh`). */
function demoWorkspace(fresh: boolean): string {
  const demo = path.join(state, 'demo');
  if (fresh) fs.rmSync(demo, { recursive: true, force: true });
  if (!fs.existsSync(demo)) {
    fs.mkdirSync(path.join(demo, 'examples'), { recursive: true });
    for (const name of ['corpus', 'examples']) {
      const source = path.join(repoRoot, name);
      if (fs.existsSync(source)) fs.cpSync(source, path.join(demo, name), { recursive: true });
    }
    console.log(`Created the demo workspace ${demo}`);
  }
  return demo;
}

/**
 * `preferred`, or a folder under os.tmpdir() when `preferred` is too long: VS Code puts unix sockets
 * (limit ~107 bytes) in the user data dir and in TMPDIR.
 */
function shortPath(preferred: string, limit: number): string {
  if (preferred.length <= limit) return preferred;
  const hash = createHash('sha1').update(preferred).digest('hex').slice(0, 8);
  return path.join(os.tmpdir(), `sb-${hash}`, path.basename(preferred));
}

/** Claims .vscode-test/start.lock for this process; false (after saying so) when another start holds it. */
function lock(): boolean {
  const file = path.join(state, 'start.lock');
  fs.mkdirSync(state, { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.on('exit', () => fs.rmSync(file, { force: true }));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && isAlive(pid)) {
        console.error(`start: already running (process ${pid}); stop it first (Ctrl+C in its terminal).`);
        return false;
      }
      fs.rmSync(file, { force: true }); // left by a start that was killed
    }
  }
}

async function desktop(demo: string): Promise<number> {
  const code = which('code');
  if (!code) {
    console.error('start: no desktop VS Code: `code` is not on PATH. Run `npm start` without --desktop to use VS Code in the browser.');
    return 1;
  }
  const args = [`--extensionDevelopmentPath=${repoRoot}`, demo];
  if (fs.existsSync(path.join(demo, BRIEFING))) args.push(path.join(demo, BRIEFING));
  console.log(`start: ${code} ${args.join(' ')}`);
  const exit = await run(code, args);
  return exit.code ?? 1;
}

async function browser(demo: string, port: number): Promise<number> {
  if (!lock()) return 1;
  const host = await ensureHost({ browser: false });
  const extensionsDir = path.join(state, 'extensions');
  installUnpacked(extensionsDir);
  const runDir = shortPath(path.join(state, 'server'), 50);
  fs.rmSync(path.join(runDir, 'tmp'), { recursive: true, force: true }); // sockets of an earlier run
  const server = await startCodeServer({
    host,
    runDir,
    userDataDir: shortPath(path.join(state, 'user-data'), 70),
    extensionsDir,
    port,
    workspace: demo,
    // The demo workspace lives inside this repository: do not offer to open the repository's git.
    settings: { 'git.openRepositoryInParentFolders': 'never' },
  });
  const briefing = path.join(demo, BRIEFING);
  const hasBriefing = fs.existsSync(briefing);
  const url = server.workbenchUrl(demo, hasBriefing ? [['openFile', server.remoteUri(briefing)]] : undefined);
  console.log(`\nSourced Briefings is running at ${url}`);
  console.log(hasBriefing ? `(it opens ${BRIEFING}; without the payload part the URL opens just the folder)` : `(no ${BRIEFING} yet: open a Markdown file in the demo workspace)`);
  console.log(`Demo workspace: ${demo}\nServer log: ${server.logFile}\nPress Ctrl+C to stop.`);

  const stopped = await new Promise<'signal' | 'exited'>((resolve) => {
    process.once('SIGINT', () => resolve('signal'));
    process.once('SIGTERM', () => resolve('signal'));
    void server.exited.then(() => resolve('exited'));
  });
  if (stopped === 'exited') {
    console.error(`start: code-server stopped unexpectedly; last lines of ${server.logFile}:\n${tail(server.logFile, 15)}`);
    return 1;
  }
  console.log('\nStopping code-server …');
  await server.stop();
  return 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      fresh: { type: 'boolean', default: false },
      desktop: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`start: --port must be a port number (0 for any free port), not ${values.port}`);
    return 1;
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.warn('start: dist/extension.js is missing; run `npm run build` (npm start does it) for the extension to load.');
  }
  const demo = demoWorkspace(values.fresh);
  return values.desktop ? desktop(demo) : browser(demo, port);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`start: ${message}`);
    if (/EADDRINUSE/.test(message)) console.error('start: the port is taken; pick another with `npm start -- --port N` (0: any free port).');
    process.exit(1);
  },
);
