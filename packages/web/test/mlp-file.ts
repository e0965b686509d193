/**
 * Test helper: an honest on-chain MLP statement file (`.vmlp.json`, docs/parts/onchain.md §12) for
 * a small open-weights MLP (16 → 8 → 4), built with the zkml prover (mlpKey, proveMlp) in the
 * layout docs/formats.md gives — without viem, as the web package has none.
 */
import { mlpKey, proveMlp, quantizeGraph } from '@vouch/zkml';
import { quantized } from '@vouch/sdk';
import { mlp, randArray, rng } from '../../zkml/test/helpers/build.ts';

const hex0x = (b: Uint8Array): string => `0x${Buffer.from(b).toString('hex')}`;

/** The file's text, for `party` (0x + 40 hex digits). */
export function mlpStatementFile(party: string): string {
  const r = rng(5);
  const { pkg } = quantizeGraph(
    mlp(4, [16, 8, 4]),
    Array.from({ length: 4 }, () => randArray(r, 16, 0, 1)),
  );
  const key = mlpKey(pkg.graph, pkg.params);
  const p = proveMlp(key, Array.from(quantized(pkg, randArray(r, 16, 0, 1))), Buffer.from(party.slice(2), 'hex'));
  const file = {
    format: 'vouch-mlp-statement',
    version: 1,
    party,
    modelId: hex0x(key.modelId),
    statementHash: hex0x(p.statementHash),
    output: p.outputValues,
    vk: hex0x(key.vkBytes),
    input: hex0x(p.input),
    outputBytes: hex0x(p.output),
    proof: hex0x(p.proof),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The same file with the last proof byte flipped (a BaseFold Merkle sibling: `basefold.merkle`). */
export function tamperedProof(text: string): string {
  const f = JSON.parse(text) as { proof: string };
  const last = f.proof.slice(-2) === '00' ? '01' : '00';
  return JSON.stringify({ ...f, proof: f.proof.slice(0, -2) + last });
}
