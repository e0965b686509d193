import { describe, expect, it } from 'vitest';
import * as artifacts from '../src/artifacts.generated.ts';

describe('every compiled contract', () => {
  const entries = Object.entries(artifacts).filter(([k]) => k !== 'SOURCES_HASH') as [string, { deployedSize: number }][];

  it('includes the on-chain verifier contracts', () => {
    const names = entries.map(([k]) => k);
    for (const n of ['LigeroStatementVerifier', 'StatementRecord', 'StatementConsumerHarness', 'ModelRegistry', 'FieldHarness', 'TranscriptHarness', 'MerkleHarness', 'ReaderHarness', 'LinearStatementVerifier', 'SumcheckHarness', 'BasefoldHarness', 'MlpStatementVerifier', 'MlpOpening', 'MlpRequantHarness']) expect(names).toContain(n);
  });

  it('stays under the 24,576-byte deployed-code limit (EIP-170)', () => {
    for (const [name, a] of entries) expect(a.deployedSize, name).toBeLessThanOrEqual(24_576);
  });
});
