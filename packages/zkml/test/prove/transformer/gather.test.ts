/**
 * Gather (embedding) prover, one-hot argument: honest lookups of a private table (private mode: the
 * table committed in the parameter region) and of a public one (open mode) accepted; a wrong row, a
 * second 1, a non-binary entry and a wrong index rejected by their checks.
 */
import { describe, expect, it } from 'vitest';
import { check, failed, harness, internal, setEntry } from './harness.ts';
import { IntGraphBuilder, ints, rng } from './graphs.ts';

function gatherGraph(S: number, V: number, d: number, seed = 1) {
  const r = rng(seed);
  const b = new IntGraphBuilder();
  const ids = b.input('ids', [S], 'int32', [0, V - 1]);
  const t = b.param('emb.table', [V, d], 'int8', ints(r, V * d, -127, 127), 'private');
  const y = b.node('emb', 'Gather', [ids], [S, d], 'int8', {}, { table: t });
  const z = b.node('tr', 'Transpose', [y], [d, S], 'int8', { perm: [1, 0] });
  return b.build([z]);
}

describe('Gather (one-hot)', () => {
  it('accepts honest embeddings in open and private mode, batch 3, V and S not powers of two', () => {
    const r = rng(2);
    const { graph, params } = gatherGraph(6, 11, 8);
    const s = [ints(r, 6, 0, 10), ints(r, 6, 0, 10), ints(r, 6, 0, 10)];
    expect(check(harness(graph, params, s))).toEqual([]);
    expect(check(harness(graph, params, s, { mode: 'private', rowWidth: 64 }))).toEqual([]);
  });

  it('rejects a wrong output row (sumcheck round 0)', () => {
    const { graph, params } = gatherGraph(4, 8, 4);
    const f = failed(harness(graph, params, [Int32Array.of(1, 2, 3, 4)], { tamper: (h) => setEntry(h, h.g.tensors.get('emb_out')!, 5, 3) }));
    expect(f).toEqual(['emb/gather.sumcheck round 0', 'tr/transpose.permute']);
  });

  it('rejects a one-hot row moved to another token (gather.index)', () => {
    const { graph, params } = gatherGraph(4, 8, 4);
    const f = failed(
      harness(graph, params, [Int32Array.of(1, 2, 3, 4)], {
        tamper: (h) => {
          const H = internal(h, 'emb', 'H');
          setEntry(h, H, 0 * 8 + 1, 0);
          setEntry(h, H, 0 * 8 + 5, 1);
        },
      }),
    );
    expect(f).toContain('emb/gather.index');
  });

  it('rejects two ones in a row (gather.one-hot) and a non-binary entry (triple)', () => {
    const { graph, params } = gatherGraph(4, 8, 4);
    const f = failed(harness(graph, params, [Int32Array.of(1, 2, 3, 4)], { tamper: (h) => setEntry(h, internal(h, 'emb', 'H'), 8 + 6, 1) }));
    expect(f).toContain('emb/gather.one-hot');
    // H[0] = ½·e_1 + ½·e_3 would satisfy the sums for id 2 but is not binary
    const g = failed(
      harness(graph, params, [Int32Array.of(2, 2, 3, 4)], {
        tamper: (h) => {
          const H = internal(h, 'emb', 'H');
          setEntry(h, H, 2, 0);
          h.witness[h.g.layout.rowWidth * H.ref.row + 1] = 1006632961;
          h.witness[h.g.layout.rowWidth * H.ref.row + 3] = 1006632961;
        },
      }),
    );
    expect(g.some((l) => l.startsWith('triple'))).toBe(true);
    expect(g).not.toContain('emb/gather.index');
    expect(g).not.toContain('emb/gather.one-hot');
  });
});
