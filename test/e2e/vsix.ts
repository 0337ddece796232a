// The .vsix: what is inside it, checked against what the package must ship, and installing it into
// a code-server extensions folder the way a user does (`--install-extension FILE.vsix`).
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import type { HostPaths } from '../host/install';
import { cleanEnv, run, tail } from '../host/proc';
import { readPackage, repoRoot } from '../host/repo';

/** The entries of a zip file, sorted. */
export async function vsixEntries(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name)
    .sort();
}

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, child));
    else out.push(child);
  }
  return out;
}

/**
 * What the .vsix must hold, exactly: vsce's manifest and content types, and under extension/ the
 * manifest, README, CHANGELOG and LICENSE (vsce names them readme.md, changelog.md, LICENSE.txt), every
 * file of media/, and every file of dist/ except the source maps.
 */
export function expectedEntries(): string[] {
  const dist = filesUnder(path.join(repoRoot, 'dist')).filter((f) => !f.endsWith('.map'));
  const media = filesUnder(path.join(repoRoot, 'media'));
  return [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    ...media.map((f) => `extension/media/${f}`),
    ...dist.map((f) => `extension/dist/${f}`),
  ].sort();
}

/**
 * Asserts the .vsix holds exactly the `expected` entries (expectedEntries() when it was packaged), and
 * that its manifest and README are the repository's (`readmes`: README.md as it was just before and
 * just after packaging; links unchanged).
 */
export async function checkVsix(file: string, expected: string[], readmes: string[]): Promise<void> {
  const entries = await vsixEntries(file);
  const missing = expected.filter((e) => !entries.includes(e));
  const extra = entries.filter((e) => !expected.includes(e));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `the .vsix holds ${entries.length} files`);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const manifest = JSON.parse((await zip.file('extension/package.json')?.async('string')) ?? '{}') as { name?: string; version?: string; main?: string };
  const pkg = readPackage();
  assert.equal(`${manifest.name}@${manifest.version}`, `${pkg.name}@${pkg.version}`, 'the packaged manifest');
  assert.ok(manifest.main && entries.includes(`extension/${path.posix.normalize(manifest.main)}`), `the packaged main ${manifest.main} is in the .vsix`);
  const readme = await zip.file('extension/readme.md')?.async('string');
  assert.ok(readme !== undefined && readmes.includes(readme), 'the packaged readme.md is not the repository’s README.md as it was when packaged');
}

/**
 * `code-server --install-extension FILE.vsix --extensions-dir DIR`, isolated in `runDir` (HOME, user
 * data); resolves with the installed extension's folder.
 */
export async function installVsix(host: HostPaths, vsix: string, extensionsDir: string, runDir: string): Promise<string> {
  const home = path.join(runDir, 'home');
  const userDataDir = path.join(runDir, 'udd');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const log = path.join(runDir, 'install.log');
  const exit = await run(
    host.node,
    [host.codeServerEntry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force'],
    { env: cleanEnv({ HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') }), logFile: log },
  );
  const pkg = readPackage();
  const folder = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (exit.code !== 0 || !fs.existsSync(path.join(folder, 'package.json'))) {
    throw new Error(`code-server --install-extension failed (${exit.code ?? exit.signal}); ${log}:\n${tail(log, 10)}`);
  }
  return folder;
}
