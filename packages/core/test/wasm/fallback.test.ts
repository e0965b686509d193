import { describe, it, expect, vi } from 'vitest';

// A module that fails to compile: the loader must report "no kernels" and every dispatching
// function must fall back to its TypeScript path with identical results.
vi.mock('../../src/wasm/kernels.generated.ts', () => ({
  KERNELS_SOURCE_SHA256: '0'.repeat(64),
  KERNELS_ASC_FLAGS: '',
  KERNELS_WASM_BYTES: 8,
  KERNELS_WASM_BASE64: 'AGFzbQIAAAA=', // "\0asm" with an unsupported version
}));

const { wasmKernels, requireWasmKernels } = await import('../../src/wasm/kernels.ts');
const { ntt, nttJs, intt, cosetNttExt, setNttBackend } = await import('../../src/ntt/ntt.ts');
const { vecInner, vecInnerJs, extAxpyBase, extAxpyBaseJs } = await import('../../src/field/vec.ts');
const { randomVector } = await import('../../src/field/babybear.ts');
const { eRandom } = await import('../../src/field/ext4.ts');

describe('without a usable WASM module', () => {
  it('wasmKernels() is undefined and requireWasmKernels() throws', () => {
    expect(wasmKernels()).toBeUndefined();
    expect(() => requireWasmKernels()).toThrow(/expected WebAssembly/);
  });

  it('NTTs and vector ops fall back to the TypeScript paths', () => {
    const a = randomVector(1 << 10);
    const b = a.slice(), c = a.slice();
    ntt(b);
    nttJs(c);
    expect(b).toEqual(c);
    intt(b);
    expect(b).toEqual(a);
    const flat = randomVector(4 * 128);
    const e1 = cosetNttExt(flat, 31);
    setNttBackend('js');
    expect(cosetNttExt(flat, 31)).toEqual(e1);
    setNttBackend('auto');
    const x = randomVector(4096), y = randomVector(4096), acc = randomVector(4 * 4096), s = eRandom();
    expect(vecInner(x, y)).toBe(vecInnerJs(x, y));
    expect(extAxpyBase(acc.slice(), s, x)).toEqual(extAxpyBaseJs(acc.slice(), s, x));
  });
});
