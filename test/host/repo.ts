// Locates the repository root (the folder with this project's package.json) from compiled code,
// wherever it lives under out/ (out/test/host/*.js, out/scripts/*.js).
import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  name: string;
  publisher: string;
  version: string;
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && fs.existsSync(path.join(dir, 'tsconfig.test.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the repository root above ${start}`);
  }
}

export const repoRoot: string = findRoot(__dirname);

export function readPackage(): PackageInfo {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageInfo;
}
