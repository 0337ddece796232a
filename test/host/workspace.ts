// Fresh copies of the fixture workspace for a test run, and the unpacked extension for a code-server
// extensions dir.
import * as fs from 'fs';
import * as path from 'path';
import { readPackage, repoRoot } from './repo';

export const FIXTURE_WORKSPACE = path.join(repoRoot, 'test', 'fixtures', 'workspace');

/** Copies `fixture` to `dest`, adding the repository's corpus/ as <dest>/corpus when the fixture has none. */
export function freshWorkspace(fixture: string, dest: string): string {
  fs.rmSync(dest, { recursive: true, force: true });
  if (fs.existsSync(fixture)) fs.cpSync(fixture, dest, { recursive: true });
  else fs.mkdirSync(dest, { recursive: true });
  const corpus = path.join(repoRoot, 'corpus');
  if (!fs.existsSync(path.join(dest, 'corpus')) && fs.existsSync(corpus)) {
    fs.cpSync(corpus, path.join(dest, 'corpus'), { recursive: true });
  }
  return dest;
}

const EXTENSION_FILES = ['package.json', 'dist', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/**
 * Installs the built extension unpacked as <extensionsDir>/<publisher>.<name>-<version>/ (replacing
 * what was there), the way VS Code lays out installed extensions. Returns that folder.
 */
export function installUnpacked(extensionsDir: string): string {
  const pkg = readPackage();
  const id = `${pkg.publisher}.${pkg.name}`;
  const target = path.join(extensionsDir, `${id}-${pkg.version}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const entry of fs.readdirSync(extensionsDir)) {
    if (entry.startsWith(`${id}-`)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  }
  fs.mkdirSync(target, { recursive: true });
  for (const name of EXTENSION_FILES) {
    const source = path.join(repoRoot, name);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(target, name), { recursive: true });
  }
  // VS Code caches the scanned extension list; a changed folder must not be served from the cache.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  return target;
}
