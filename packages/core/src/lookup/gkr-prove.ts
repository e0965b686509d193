/**
 * Plain fraction-sum GKR, prover side (Papini–Haböck ePrint 2023/1284 §3; protocol and checks in gkr.ts).
 */
import { type Ext, eAt } from '../field/ext4.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { proveSumcheckWith } from '../sumcheck/prover.ts';
import { GkrLayerState } from './gkr-layer.ts';
import { buildFractionTree } from './fraction-tree.ts';
import { appendVar, layerLabel, lineAt, type GkrLayerProof, type GkrLeafClaim, type GkrProof } from './gkr.ts';

/** Proves that the leaf fractions (p, q: flat ext, 2^n entries, n ≥ 1) sum to zero. */
export function proveFractionSum(transcript: Transcript, p: Uint32Array, q: Uint32Array, label = 'logup'): { proof: GkrProof; leaf: GkrLeafClaim } {
  const layers = buildFractionTree(p, q);
  const n = layers.length - 1;
  const root = Uint32Array.of(...eAt(layers[1].p, 0), ...eAt(layers[1].p, 1), ...eAt(layers[1].q, 0), ...eAt(layers[1].q, 1));
  transcript.absorbExt(`${label}/root`, root);
  let mu = transcript.challengeExt(`${label}/mu`);
  let point: Uint32Array = Uint32Array.from(mu);
  const out: GkrLayerProof[] = [];
  for (let k = 1; k < n; k++) {
    const lambda = transcript.challengeExt(`${label}/lambda`);
    const child = layers[k + 1];
    const h = 4 << k;
    const state = new GkrLayerState(point, child.p.subarray(0, h), child.p.subarray(h), child.q.subarray(0, h), child.q.subarray(h), lambda);
    const sc = proveSumcheckWith(transcript, state, layerLabel(label, k));
    const finals = Uint32Array.of(...sc.finalValues[1], ...sc.finalValues[2], ...sc.finalValues[3], ...sc.finalValues[4]);
    transcript.absorbExt(`${label}/finals`, finals);
    out.push({ sumcheck: sc.proof, finals });
    mu = transcript.challengeExt(`${label}/mu`);
    point = appendVar(sc.point, mu);
  }
  return { proof: { root, layers: out }, leaf: leafClaimFromFinals(out.length ? out[out.length - 1].finals : root, mu, point) };
}

function leafClaimFromFinals(f: Uint32Array, mu: Ext, point: Uint32Array): GkrLeafClaim {
  return { point, p: lineAt(eAt(f, 0), eAt(f, 1), mu), q: lineAt(eAt(f, 2), eAt(f, 3), mu) };
}

