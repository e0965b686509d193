/**
 * The page build (scripts/build.ts): one self-contained HTML file, and a guard that fails the
 * bundle on any Node built-in import instead of shimming it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { buildWeb, noNodeBuiltins } from '../scripts/build.ts';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'vouch-web-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bundleOf(contents: string): Promise<unknown> {
  return build({
    stdin: { contents, resolveDir: pkgDir, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    write: false,
    plugins: [noNodeBuiltins],
    logLevel: 'silent',
  });
}

describe('the web build', () => {
  it('writes one HTML page with the script inlined, no external resource, and reports its sizes', async () => {
    const r = await buildWeb(dir);
    const html = readFileSync(r.file, 'utf8');
    expect(r.htmlBytes).toBe(Buffer.byteLength(html));
    expect(r.htmlGzipBytes).toBeLessThan(r.htmlBytes);
    expect(r.workerBytes).toBeGreaterThan(0);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link[^>]*\bhref=/);
    expect(html).not.toContain('VOUCH_PAGE_SCRIPT');
    expect(html).toContain("default-src 'none'");
    expect(r.largestInputs.map(([p]) => p).some((p) => p.includes('kernels.generated.ts'))).toBe(true);
  });

  it('refuses Node built-ins, with or without the node: prefix, and lets other imports through', async () => {
    await expect(bundleOf("import 'node:fs';")).rejects.toThrow(/Node built-in "node:fs"/);
    await expect(bundleOf("import { createHash } from 'crypto'; createHash;")).rejects.toThrow(
      /Node built-in "crypto"/,
    );
    await expect(bundleOf("import { sha256 } from '@noble/hashes/sha2.js'; sha256;")).resolves.toBeDefined();
  });
});
