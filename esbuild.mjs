// Bundles the extension (src/extension → dist/extension.js, `vscode` external) and the
// `sourced` command line (src/cli → dist/cli.js), and the indexing worker thread (dist/prepareWorker.js).
// Flags: --watch, --production.
// The document readers (src/core/readers/{html,pdf,docx}.ts, with pdf.js, linkedom, Readability and
// mammoth) are separate bundles, dist/readers/*.js, that the registry loads on first use: activation
// and text-only corpora never load them.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

const READERS = ['html', 'pdf', 'docx'];

/** `import('./pdf')` in src/core/readers/index.ts → `require('./readers/pdf.js')`, resolved beside the bundle. */
const lazyReaders = {
  name: 'lazy-readers',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${READERS.join('|')})$`) }, (args) =>
      /[\\/]src[\\/]core[\\/]readers[\\/]index\.ts$/.test(args.importer) ? { path: `./readers/${args.path.slice(2)}.js`, external: true } : undefined,
    );
  },
};
// Dynamic imports become require() calls, so that the reader bundles load as CommonJS.
const lazy = { plugins: [lazyReaders], supported: { 'dynamic-import': false } };

const builds = [
  { ...common, ...lazy, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, ...lazy, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Large loads prepare documents in worker threads (src/core/workerPool.ts), which run this module.
  { ...common, ...lazy, entryPoints: ['src/core/prepareWorker.ts'], outfile: 'dist/prepareWorker.js' },
  {
    ...common,
    // The PDF reader runs pdf.js in a worker thread: its module is an entry point of its own.
    entryPoints: Object.fromEntries([...READERS, 'pdfWorker'].map((r) => [`readers/${r}`, `src/core/readers/${r}.ts`])),
    outdir: 'dist',
    // pdf.js asks for import.meta.url only to load the native canvas package, which text extraction does not need.
    define: { 'import.meta.url': 'undefined' },
    external: ['@napi-rs/canvas', 'canvas'],
  },
];

// CMaps let pdf.js read PDFs whose fonts use predefined (mostly CJK) encodings.
cpSync('node_modules/pdfjs-dist/cmaps', 'dist/readers/pdfjs/cmaps', { recursive: true });

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching src/ for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
}
