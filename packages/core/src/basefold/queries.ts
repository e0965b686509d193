/**
 * The leaf index of each query in each layer (docs/parts/basefold.md §3): layer 0 uses the query
 * index m; leaf m of layer l folds to index m of codeword l + 1, which sits in leaf m mod M_{l+1}
 * at slot ⌊m / M_{l+1}⌋.
 */
import type { BasefoldLayer } from './params.ts';

/** perLayer[l][j] = leaf index of query j in layer l (sampling order, duplicates kept). */
export function queryLeafIndices(layers: readonly BasefoldLayer[], queries: readonly number[]): number[][] {
  const out: number[][] = [];
  let cur = [...queries];
  for (let l = 0; l < layers.length; l++) {
    out.push(cur);
    if (l + 1 < layers.length) {
      const mask = 2 ** layers[l + 1].depth - 1;
      cur = cur.map((m) => m & mask);
    }
  }
  return out;
}
