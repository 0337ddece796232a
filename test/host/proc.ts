// Small child-process helpers shared by the host scripts.
import { spawn, SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs a command to completion; output goes to the terminal, or to `logFile` when given. */
export function run(cmd: string, args: string[], options: SpawnOptions & { logFile?: string } = {}): Promise<Exit> {
  const { logFile, ...spawnOptions } = options;
  const out = logFile ? fs.openSync(logFile, 'a') : undefined;
  const stdio: SpawnOptions['stdio'] = out === undefined ? 'inherit' : ['ignore', out, out];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio, ...spawnOptions });
    const done = (exit: Exit): void => {
      if (out !== undefined) fs.closeSync(out);
      resolve(exit);
    };
    child.once('error', (err) => {
      if (out !== undefined) fs.appendFileSync(logFile as string, `${cmd}: ${err.message}\n`);
      done({ code: 127, signal: null });
    });
    child.once('close', (code, signal) => done({ code, signal }));
  });
}

/** The full path of `cmd` on PATH, or undefined. */
export function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, cmd);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      if (fs.statSync(full).isFile()) return full;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** process.env without the npm_* variables an enclosing `npm run` sets (they would leak into nested npm). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** Kills a detached child's whole process group (ignores a group that is already gone). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** True when a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The last `n` lines of a text file ('' when it cannot be read). */
export function tail(file: string, n: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}
