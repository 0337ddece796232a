// `npm run package` (after the build): the installable extension, <name>-<version>.vsix, made by
// @vscode/vsce from the bundled dist/ (runtime dependencies are inside the bundles, so no node_modules).
// .vscodeignore decides what goes in: dist/ without source maps, media/, package.json, README.md,
// CHANGELOG.md and LICENSE.
//
//   node out/scripts/package.js [--out FILE]
// The e2e tests call packageVsix() to package into their run folder and check the contents.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { run } from '../test/host/proc';
import { readPackage, repoRoot } from '../test/host/repo';

/** <name>-<version>.vsix, the file name vsce (and the README's install line) use. */
export function vsixName(): string {
  const pkg = readPackage();
  return `${pkg.name}-${pkg.version}.vsix`;
}

export interface PackageOptions {
  /** Where to write the .vsix (default <repo>/<name>-<version>.vsix). */
  out?: string;
  /** Write vsce's output there instead of to the terminal. */
  logFile?: string;
}

/** Runs `vsce package` on the repository as built; resolves with the .vsix path. */
export async function packageVsix(options: PackageOptions = {}): Promise<string> {
  const out = path.resolve(options.out ?? path.join(repoRoot, vsixName()));
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [
    vsce,
    'package',
    '--no-dependencies', // everything the extension needs at run time is bundled into dist/
    '--allow-missing-repository',
    '--no-rewrite-relative-links', // README links stay relative: there is no public repository to point them at
    '--out',
    out,
  ];
  const exit = await run(process.execPath, args, { cwd: repoRoot, logFile: options.logFile });
  if (exit.code !== 0 || !fs.existsSync(out)) {
    throw new Error(`vsce package failed (${exit.code ?? exit.signal})${options.logFile ? `; see ${options.logFile}` : ''}`);
  }
  return out;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const file = await packageVsix({ out: values.out });
  console.log(`package: ${path.relative(process.cwd(), file) || file} (${(fs.statSync(file).size / 1e6).toFixed(2)} MB)`);
  console.log(`Install it with: code --install-extension ${path.basename(file)}`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
