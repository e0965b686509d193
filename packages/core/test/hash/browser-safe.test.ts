import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '../../src');

describe('browser safety of hash/transcript/merkle/serialize', () => {
  const proc = process as unknown as { getBuiltinModule?: unknown };
  const original = proc.getBuiltinModule;
  afterEach(() => {
    proc.getBuiltinModule = original;
    vi.resetModules();
  });

  it('no file statically imports a node: module or calls require', () => {
    for (const dir of ['hash', 'transcript', 'merkle', 'serialize']) {
      for (const f of readdirSync(join(src, dir))) {
        const text = readFileSync(join(src, dir, f), 'utf8');
        expect(text, `${dir}/${f}`).not.toMatch(/from\s+['"]node:|import\(\s*['"]node:|\brequire\(/);
      }
    }
  });

  it('on a Node without crypto.hash (< 20.12) the createHash fallback gives the same digests', async () => {
    const real = (original as (id: string) => Record<string, unknown>)('node:crypto');
    proc.getBuiltinModule = (id: string) => (id === 'node:crypto' ? { createHash: real.createHash } : undefined);
    vi.resetModules();
    const m = await import('../../src/hash/sha256.ts');
    expect(m.sha256Backend()).toBe('node');
    for (const n of [0, 3, 64, 65, 200]) {
      const msg = new Uint8Array(n).map((_, i) => i);
      expect(Array.from(m.sha256(msg))).toEqual(Array.from(m.withSha256Backend('noble', () => m.sha256(msg))));
    }
  });

  it('without getBuiltinModule (a browser) the module loads and falls back to @noble/hashes', async () => {
    proc.getBuiltinModule = undefined;
    vi.resetModules();
    const m = await import('../../src/hash/sha256.ts');
    expect(m.hasNodeSha256()).toBe(false);
    expect(m.sha256Backend()).toBe('noble');
    const abc = m.sha256(new TextEncoder().encode('abc'));
    expect(Array.from(abc.subarray(0, 4))).toEqual([0xba, 0x78, 0x16, 0xbf]);
    expect(() => m.setSha256Backend('node')).toThrow(RangeError);
  });
});
