import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KERNELS_SOURCE_SHA256, KERNELS_WASM_BASE64, KERNELS_WASM_BYTES } from '../../src/wasm/kernels.generated.ts';

const asmDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assembly');

/** Same hash as scripts/build-wasm.mjs: sorted assembly/*.ts, each `name\nlength\n` + bytes. */
function assemblySourceHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(asmDir).filter((x) => x.endsWith('.ts')).sort()) {
    const bytes = readFileSync(join(asmDir, f));
    h.update(`${f}\n${bytes.length}\n`);
    h.update(bytes);
  }
  return h.digest('hex');
}

describe('generated WASM module', () => {
  it('was built from the current assembly sources (run `npm run build:wasm -w packages/core` if this fails)', () => {
    expect(KERNELS_SOURCE_SHA256).toBe(assemblySourceHash());
  });

  it('embeds a valid module of the recorded size', () => {
    const bytes = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    expect(bytes.length).toBe(KERNELS_WASM_BYTES);
    expect(WebAssembly.validate(bytes)).toBe(true);
  });
});
