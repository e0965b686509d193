/**
 * The WASM fraction tree and layer sumchecks (lookup/gkr-wasm.ts, assembly/gkr.ts) against the
 * TypeScript reference (fraction-tree.ts, gkr-layer.ts) on random leaves: layer-1 values, every
 * round message, final values, the g(1) fallback when ρ_u = 0, and whole ZK GKR proofs.
 */
import { describe, it, expect } from 'vitest';
import { randomVector } from '../../src/field/babybear.ts';
import { eRandom, eZero } from '../../src/field/ext4.ts';
import { GkrLayerState } from '../../src/lookup/gkr-layer.ts';
import { buildFractionTree } from '../../src/lookup/fraction-tree.ts';
import { TsFractionTreeProver, WasmFractionTreeProver, gkrKernels, fractionTreeProver, unusedStart, trimGkrKernels } from '../../src/lookup/gkr-wasm.ts';
import { planZkGkr } from '../../src/lookup/gkr-zk.ts';
import { fillZkGkr, proveZkGkr } from '../../src/lookup/gkr-zk-prove.ts';
import { LayoutBuilder } from '../../src/zk/layout.ts';
import { PadProductPlanner } from '../../src/zk/products.ts';
import type { ProverContext } from '../../src/zk/session.ts';
import { newTranscript, randomPoint } from '../sumcheck/helpers.ts';

const x = gkrKernels()!;

/** The true layer claim P + λQ of layer k at ρ (the reference state's total sum). */
function trueClaim(p: Uint32Array, q: Uint32Array, k: number, rho: Uint32Array, lambda: Uint32Array): Uint32Array {
  const child = buildFractionTree(p, q)[k + 1];
  const h = 4 << k;
  return new GkrLayerState(rho, child.p.subarray(0, h), child.p.subarray(h), child.q.subarray(0, h), child.q.subarray(h), lambda).totalSum();
}

describe('WASM logUp-GKR prover kernels', () => {
  it('are available (WebAssembly SIMD in this runtime)', () => {
    expect(x).toBeDefined();
  });
  it('layer 1, every round message and the final values equal the TypeScript path', () => {
    for (const n of [1, 2, 3, 6, 9]) {
      const p = randomVector(4 << n), q = randomVector(4 << n);
      const ts = new TsFractionTreeProver(p, q);
      const wasm = new WasmFractionTreeProver(x, p, q);
      expect(wasm.rootValues()).toEqual(ts.rootValues());
      for (let k = 1; k < n; k++) {
        const rho = randomPoint(k);
        if (k === 3) rho.set(eZero(), 4 * (k - 1)); // ρ_u = 0 in round 0: g(1) is summed, not derived
        const lambda = eRandom();
        const claim = trueClaim(p, q, k, rho, lambda);
        const a = ts.layerState(k, rho, lambda, claim);
        const b = wasm.layerState(k, rho, lambda, claim);
        for (let j = 0; j < k; j++) {
          expect(b.roundEvals()).toEqual(a.roundEvals());
          const r = eRandom();
          a.bind(r);
          b.bind(r);
        }
        expect(b.finalValues()).toEqual(a.finalValues());
      }
    }
  });
  it('leaves ending in unused (0, 1) leaves: same messages, with the shortcut for them', () => {
    for (const [n, used] of [[6, 40], [6, 33], [6, 32], [6, 7], [7, 127], [5, 0]] as const) {
      const p = randomVector(4 << n), q = randomVector(4 << n);
      for (let i = used; i < 1 << n; i++) {
        p.fill(0, 4 * i, 4 * i + 4);
        q.set([1, 0, 0, 0], 4 * i);
      }
      expect(unusedStart(p, q)).toBe(used);
      const ts = new TsFractionTreeProver(p, q);
      const wasm = new WasmFractionTreeProver(x, p, q);
      expect(wasm.rootValues()).toEqual(ts.rootValues());
      for (let k = 1; k < n; k++) {
        const rho = randomPoint(k), lambda = eRandom();
        const claim = trueClaim(p, q, k, rho, lambda);
        const a = ts.layerState(k, rho, lambda, claim);
        const b = wasm.layerState(k, rho, lambda, claim);
        for (let j = 0; j < k; j++) {
          expect(b.roundEvals()).toEqual(a.roundEvals());
          const r = eRandom();
          a.bind(r);
          b.bind(r);
        }
        expect(b.finalValues()).toEqual(a.finalValues());
      }
    }
  });
  it('a wrong claim changes the WASM messages as it does the TypeScript ones', () => {
    const n = 5, k = 3;
    const p = randomVector(4 << n), q = randomVector(4 << n);
    const rho = randomPoint(k), lambda = eRandom(), bad = eRandom();
    const a = new TsFractionTreeProver(p, q).layerState(k, rho, lambda, bad);
    const b = new WasmFractionTreeProver(x, p, q).layerState(k, rho, lambda, bad);
    expect(b.roundEvals()).toEqual(a.roundEvals());
    expect(b.roundEvals()).not.toEqual(new TsFractionTreeProver(p, q).layerState(k, rho, lambda, trueClaim(p, q, k, rho, lambda)).roundEvals());
  });
  it('leaves written in place (over stale memory) give the same tree as leaves copied in', () => {
    const n = 6;
    const p = randomVector(4 << n), q = randomVector(4 << n);
    const copied = new WasmFractionTreeProver(x, p, q).rootValues();
    // the instance memory now holds that tree; a writer for other leaves must overwrite every word
    const p2 = randomVector(4 << n), q2 = randomVector(4 << n);
    const written = new WasmFractionTreeProver(x, n, (pv, qv) => { pv.set(p2); qv.set(q2); });
    expect(written.rootValues()).toEqual(new TsFractionTreeProver(p2, q2).rootValues());
    expect(written.rootValues()).not.toEqual(copied);
  });
  it('a grown private instance is dropped and replaced by a fresh one', () => {
    const before = gkrKernels()!;
    trimGkrKernels(Infinity);
    expect(gkrKernels()).toBe(before);
    trimGkrKernels(0);
    const after = gkrKernels()!;
    expect(after).not.toBe(before);
    const p = randomVector(4 << 4), q = randomVector(4 << 4);
    expect(new WasmFractionTreeProver(after, p, q).rootValues()).toEqual(new TsFractionTreeProver(p, q).rootValues());
  });
  it('whole ZK GKR proofs are identical with either engine', () => {
    const n = 7;
    const b = new LayoutBuilder(32);
    const products = new PadProductPlanner(b);
    const plan = planZkGkr(b, products, n, 'g');
    const layout = b.finish();
    const witness = new Uint32Array(layout.numRows * 32);
    fillZkGkr(plan, layout, witness);
    const p = randomVector(4 << n), q = randomVector(4 << n);
    const run = (engine: 'ts' | 'wasm') => {
      const ctx: ProverContext = { layout, witness, transcript: newTranscript('gkr-wasm'), constraints: [] };
      return proveZkGkr(ctx, plan, p, q, engine).proof;
    };
    expect(run('wasm')).toEqual(run('ts'));
    expect(fractionTreeProver(p, q, 'ts')).toBeInstanceOf(TsFractionTreeProver);
    expect(fractionTreeProver(p, q)).toBeInstanceOf(WasmFractionTreeProver);
  });
});
