/**
 * Generation test harness: a quantized tiny GPT (test/helpers/build.ts tinyGpt: T = 4, d = 8,
 * V = 11), honest generations, and a direct check of the generation constraints on the witness
 * (core zk/direct-check.ts, no Ligero) so tampering tests name the failing check.
 */
import { Sha256Transcript, directCheck, type ProverContext, type VerifierContext } from '@vouch/core';
import { quantizeGraph } from '../../../src/quant/quantize.ts';
import type { IntGraph, IntParams } from '../../../src/int/graph.ts';
import type { ModelPackage } from '../../../src/package/types.ts';
import { decodingOf } from '../../../src/int/ops/sample-decoding.ts';
import type { Decoding } from '../../../src/int/ops/sample.ts';
import { planGenerationVerifier, prepareGeneration, runGeneration, runGenerationProver, runGenerationVerifier, type PreparedGeneration } from '../../../src/prove/generate.ts';
import { rng, tinyGpt } from '../../helpers/build.ts';

/** The quantized tiny GPT (cached). */
let cached: ModelPackage | undefined;
export function tinyPackage(): ModelPackage {
  if (cached) return cached;
  const r = rng(7);
  const toks = (): Float32Array => Float32Array.from({ length: 4 }, () => Math.floor(r() * 11));
  cached = quantizeGraph(tinyGpt(5, 4, 8, 11), Array.from({ length: 12 }, toks)).pkg;
  return cached;
}

/** Public parameters of a graph (private mode). */
export function publicParams(graph: IntGraph, params: IntParams): IntParams {
  return new Map([...params].filter(([k]) => graph.params.get(k)!.visibility === 'public'));
}

export const NONCE = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
export const PROMPT = Int32Array.of(3, 1, 4);

/** Decoding at a temperature (0: greedy). */
export function decoding(pkg: ModelPackage, temperature: number): Decoding {
  return decodingOf(temperature ? { temperature } : undefined, pkg.settings.outputScales[0]);
}

/** An honest generation prepared in open mode. */
export function prepared(pkg: ModelPackage, dec: Decoding, count: number, opts: { seeds?: number[]; tokens?: Int32Array; nonce?: Uint8Array } = {}): PreparedGeneration {
  const tokens = opts.tokens ?? runGeneration(pkg.graph, pkg.params, PROMPT, count, dec, opts.nonce ?? NONCE).tokens;
  return prepareGeneration({ graph: pkg.graph, params: pkg.params, mode: 'open', prompt: PROMPT, tokens, decoding: dec, nonce: opts.nonce ?? NONCE }, opts.seeds);
}

/**
 * Proves the prepared witness's constraints, then lets the verifier (with its own view of the
 * statement) push its constraints, and checks them on the witness. Returns the failing labels.
 */
export function directFailures(pkg: ModelPackage, pg: PreparedGeneration, view: { tokens: Int32Array; nonce?: Uint8Array; inputs?: Int32Array[]; decoding: Decoding }): string[] {
  const p: ProverContext = { layout: pg.prep.plan.layout, transcript: new Sha256Transcript('gen-test', 1), constraints: [], witness: pg.prep.witness };
  const m = runGenerationProver(p, pg);
  const vp = planGenerationVerifier({ graph: pkg.graph, publicParams: pkg.params, mode: 'open', inputs: view.inputs ?? pg.inputs, tokens: view.tokens, promptLength: PROMPT.length, nonce: view.nonce ?? NONCE, decoding: view.decoding }, pg.prep.rowWidth);
  const v: VerifierContext = { layout: vp.g.layout, transcript: new Sha256Transcript('gen-test', 1), constraints: [] };
  runGenerationVerifier(v, vp, undefined, m);
  return [...new Set(directCheck(vp.g.layout, pg.prep.witness, v.constraints).map((f) => f.label))];
}
