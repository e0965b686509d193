/**
 * build: bundles the browser verifier into one self-contained static page, dist/index.html.
 *
 * Two esbuild passes: src/worker.ts (the verifier: @vouch/sdk/verify, @vouch/core with its
 * embedded WASM kernels, @noble/hashes) into an IIFE string, then src/page.ts with that string
 * defined as `__VOUCH_WORKER_SOURCE__`; the page script is inlined into src/index.html. The result
 * is a single file that works opened from disk (file://) or served by any static server.
 *
 * The bundles target the browser platform and a plugin refuses every Node built-in import, so the
 * build fails (rather than shimming) if anything reachable from the verifier needs Node; SHA-256
 * then takes its @noble/hashes path at run time (packages/core/src/hash/sha256.ts).
 *
 * Usage: `npm run build:web` (root) or `tsx packages/web/scripts/build.ts [--out DIR]`.
 */
import { builtinModules } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(here, '..');

/** Where `npm run build:web` writes the page. */
export const DEFAULT_OUT_DIR = join(pkgDir, 'dist');

/** Sizes of a build, in bytes. */
export interface WebBuild {
  /** The written page. */
  readonly file: string;
  readonly htmlBytes: number;
  readonly htmlGzipBytes: number;
  /** The verifier Worker bundle (inside the page). */
  readonly workerBytes: number;
  /** The largest inputs of the Worker bundle: [path, bytes in the output]. */
  readonly largestInputs: readonly (readonly [string, number])[];
}

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Fails the build on any import of a Node built-in (no shims in the browser bundle). */
export const noNodeBuiltins: Plugin = {
  name: 'vouch-no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z:_/]+$/ }, (args) =>
      nodeBuiltins.has(args.path)
        ? {
            errors: [
              {
                text: `Node built-in "${args.path}" imported by ${args.importer}: the browser verifier must not import Node modules`,
              },
            ],
          }
        : undefined,
    );
  },
};

async function bundle(
  entry: string,
  define: Record<string, string> = {},
): Promise<{ code: string; metafile: Metafile }> {
  const r = await build({
    entryPoints: [join(pkgDir, 'src', entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    metafile: true,
    define,
    plugins: [noNodeBuiltins],
    logLevel: 'silent',
  });
  return { code: r.outputFiles[0].text, metafile: r.metafile };
}

function largest(meta: Metafile, n: number): [string, number][] {
  const out = Object.values(meta.outputs)[0];
  return Object.entries(out.inputs)
    .map(([p, v]) => [p, v.bytesInOutput] as [string, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
}

/**
 * Builds the page into `outDir` (created if needed).
 * @throws Error when bundling fails (e.g. a Node built-in is reachable) or the script cannot be inlined.
 */
export async function buildWeb(outDir: string = DEFAULT_OUT_DIR): Promise<WebBuild> {
  const worker = await bundle('worker.ts');
  const page = await bundle('page.ts', { __VOUCH_WORKER_SOURCE__: JSON.stringify(worker.code) });
  if (/<\/script/i.test(page.code))
    throw new Error('build: the page script contains "</script", so it cannot be inlined');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const template = readFileSync(join(pkgDir, 'src', 'index.html'), 'utf8');
  for (const mark of ['/*VOUCH_PAGE_SCRIPT*/', '<!--VOUCH_VERSION-->']) {
    if (!template.includes(mark)) throw new Error(`build: expected ${mark} in src/index.html, got none`);
  }
  // A function replacer: `$` sequences in the code must not be read as replacement patterns.
  const html = template
    .replace('<!--VOUCH_VERSION-->', () => `v${version}`)
    .replace('/*VOUCH_PAGE_SCRIPT*/', () => page.code);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'index.html');
  writeFileSync(file, html);
  const bytes = Buffer.byteLength(html);
  return {
    file,
    htmlBytes: bytes,
    htmlGzipBytes: gzipSync(html, { level: 9 }).length,
    workerBytes: Buffer.byteLength(worker.code),
    largestInputs: largest(worker.metafile, 6),
  };
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--out');
  const out = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : DEFAULT_OUT_DIR;
  const r = await buildWeb(out);
  console.log(`wrote ${r.file}`);
  console.log(
    `  page: ${kib(r.htmlBytes)} (${kib(r.htmlGzipBytes)} gzipped); verifier worker bundle: ${kib(r.workerBytes)}`,
  );
  console.log('  largest inputs of the verifier bundle:');
  for (const [p, n] of r.largestInputs) console.log(`    ${kib(n).padStart(9)}  ${p}`);
  console.log(`open it in a browser: ${pathToFileURL(r.file).href}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
