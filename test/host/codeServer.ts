// Starts code-server (a real VS Code server with a web workbench) on 127.0.0.1 under Node 24, isolated
// in a run folder: its config, user data, extensions, HOME, XDG_* and TMPDIR all live there. It runs
// as its own process group; stop() ends the whole group (code-server, extension host, agent host).
//
// Used by test/host/run.ts (integration tests), scripts/start.ts (`npm start`) and the browser tests.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HostPaths } from './install';
import { killGroup, tail } from './proc';

export interface CodeServerOptions {
  host: HostPaths;
  /** Folder for the server's state: home/, tmp/, server.log, code-server.yaml (and udd/, exts/ by default). */
  runDir: string;
  /** VS Code's user data dir (default <runDir>/udd). Keep its path short: it holds a unix socket. */
  userDataDir?: string;
  /** Where installed extensions live (default <runDir>/exts). */
  extensionsDir?: string;
  /** TCP port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Start with VS Code's smoke-test driver: needed to run tests through the `payload` URL parameter. */
  smokeTestDriver?: boolean;
  /** Folder the workbench opens when the URL names none. */
  workspace?: string;
  /** Extra environment for code-server (it reaches the extension host's process.env). */
  env?: NodeJS.ProcessEnv;
  /** User settings to set on top of the defaults (telemetry off, no startup editor, no update checks). */
  settings?: Record<string, unknown>;
  /** Give up when the server has not listened after this long (default 60 s). */
  listenTimeoutMs?: number;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly runDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The HOME (and XDG_* parent) given to code-server; reuse it for chromium. */
  readonly home: string;
  /** code-server's stdout and stderr. */
  readonly logFile: string;
  /** Resolves with the exit code (or signal) once the server process is gone. */
  readonly exited: Promise<number | string | null>;
  /** The workbench URL for a folder, with an optional `payload` (list of [key, value] pairs). */
  workbenchUrl(folder?: string, payload?: Array<[string, string]>): string;
  /** A local path as the vscode-remote:// URI the workbench uses for files on this server. */
  remoteUri(fsPath: string): string;
  /** Stops the server's whole process group; resolves once it has exited. */
  stop(): Promise<void>;
}

export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  // --disable-telemetry leaves vscode.env.isTelemetryEnabled true; built-in extensions would then try
  // to send telemetry and fail offline with uncaught errors. This turns it off for real.
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * A fresh, short run folder: <repo>/.vscode-test/runs/r-XXXXXX, or os.tmpdir()/sb-XXXXXX when that
 * path is long. Run folders older than a day (kept by failed runs) are removed.
 */
export function makeRunDir(repoRoot: string): string {
  let parent = path.join(repoRoot, '.vscode-test', 'runs');
  // Unix socket paths are limited to ~107 bytes, and VS Code puts sockets in TMPDIR and the user data dir.
  if (parent.length > 36) parent = os.tmpdir();
  const prefix = parent === os.tmpdir() ? 'sb-' : 'r-';
  fs.mkdirSync(parent, { recursive: true });
  for (const entry of fs.readdirSync(parent)) {
    const full = path.join(parent, entry);
    if (entry.startsWith(prefix) && Date.now() - fs.statSync(full).mtimeMs > 24 * 3600 * 1000) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
  return fs.mkdtempSync(path.join(parent, prefix));
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) killGroup(child.pid, 'SIGKILL');
});

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const runDir = path.resolve(options.runDir);
  const userDataDir = path.resolve(options.userDataDir ?? path.join(runDir, 'udd'));
  const extensionsDir = path.resolve(options.extensionsDir ?? path.join(runDir, 'exts'));
  const home = path.join(runDir, 'home');
  const tmp = path.join(runDir, 'tmp');
  const logFile = path.join(runDir, 'server.log');
  const config = path.join(runDir, 'code-server.yaml');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, home, tmp]) fs.mkdirSync(dir, { recursive: true });
  writeSettings(path.join(userDataDir, 'User', 'settings.json'), { ...DEFAULT_SETTINGS, ...options.settings });
  const port = options.port ?? 0;
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const args = [
    options.host.codeServerEntry,
    '--config', config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.workspace ? [path.resolve(options.workspace)] : []),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(options.host.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    TMPDIR: tmp,
    ...options.env,
  };
  delete env.XDG_RUNTIME_DIR; // VS Code would put its sockets there instead of in the run folder
  delete env.VSCODE_IPC_HOOK_CLI; // set when launched from a VS Code terminal; not ours

  const log = fs.createWriteStream(logFile);
  const child = spawn(options.host.node, args, { cwd: runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    });
    child.once('error', (err) => {
      running.delete(child);
      log.write(`spawn failed: ${err.message}\n`);
      resolve(null);
    });
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && running.has(child)) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child.pid, 'SIGKILL'); // children that outlived the server (extension host, watchers)
    await new Promise<void>((resolve) => (log.writableEnded ? resolve() : log.end(resolve)));
  };

  let actualPort: number;
  try {
    actualPort = await waitForListening(child, log, exited, options.listenTimeoutMs ?? 60000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}; last lines of ${logFile}:\n${tail(logFile, 15)}`);
  }
  const url = `http://127.0.0.1:${actualPort}`;
  const authority = `127.0.0.1:${actualPort}`;
  const remoteUri = (fsPath: string): string =>
    `vscode-remote://${authority}${path.resolve(fsPath).split(path.sep).map(encodeURIComponent).join('/')}`;
  const workbenchUrl = (folder?: string, payload?: Array<[string, string]>): string => {
    const query: string[] = [];
    if (folder) query.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
    if (payload?.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return `${url}/${query.length ? `?${query.join('&')}` : ''}`;
  };
  return { url, port: actualPort, runDir, userDataDir, extensionsDir, home, logFile, exited, workbenchUrl, remoteUri, stop };
}

/** Settings merged into an existing settings.json (a persistent user-data-dir keeps the user's own). */
function writeSettings(file: string, settings: Record<string, unknown>): void {
  let current: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return; // JSON with comments, edited by hand: leave it alone
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2) + '\n');
}

function waitForListening(
  child: ChildProcess,
  log: fs.WriteStream,
  exited: Promise<number | string | null>,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      if (!log.writableEnded) log.write(text);
      seen = (seen + text).slice(-4096);
      const m = /HTTP server listening on https?:\/\/[^\s/]*:(\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited before listening (${how})`));
    });
  });
}
