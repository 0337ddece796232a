import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './helpers';

interface Manifest {
  contributes: { commands: Array<{ command: string; title: string }>; configuration: { properties: Record<string, unknown> } };
  activationEvents?: string[];
  engines: { vscode: string };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const sources = fs
  .readdirSync(path.join(REPO, 'src/extension'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.join(REPO, 'src/extension', f), 'utf8'))
  .join('\n');
const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** Command ids the extension registers, with constants resolved. */
function registeredCommands(): string[] {
  const constants = new Map([...sources.matchAll(/export const ([A-Z_]+) = '([^']+)'/g)].map((m) => [m[1], m[2]]));
  return [...sources.matchAll(/registerCommand\(\s*(?:'([^']+)'|([A-Z_]+))/g)].map((m) => m[1] ?? constants.get(m[2]) ?? m[2]).sort();
}

suite('manifest', () => {
  test('every registered command is contributed, and every contributed command is registered', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(registeredCommands(), contributed);
  });

  test('every setting the extension reads is contributed', () => {
    const read = [...sources.matchAll(/getConfiguration\('sourced'(?:,[^)]*)?\)\s*\.get(?:<[^>]*>)?\('([^']+)'/g)].map((m) => `sourced.${m[1]}`);
    assert.ok(read.length >= 3, `found ${read.length} settings read`);
    for (const key of read) assert.ok(key in manifest.contributes.configuration.properties, `${key} is read but not contributed`);
  });

  test('the README documents every command and setting', () => {
    for (const c of manifest.contributes.commands) assert.ok(readme.includes(c.command), `README lacks ${c.command}`);
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(key), `README lacks ${key}`);
  });

  test('activation is on Markdown and commands, never on everything', () => {
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
    assert.ok((manifest.activationEvents ?? []).includes('onLanguage:markdown'));
    assert.match(manifest.engines.vscode, /^\^1\.(\d+)\./);
  });
});
