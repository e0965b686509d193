/**
 * check-mlp.ts in Node: an on-chain MLP statement file alone is verified with checkMlpStatement
 * (`@vouch/sdk/verify`), with the same verdict as the SDK; a file whose stated values its bytes do
 * not give is unreadable, naming the field. Small MLP (16 → 8 → 4), fast.
 */
import { describe, expect, it } from 'vitest';
import { checkMlpStatement, decodeMlpStatementFile } from '@vouch/sdk/verify';
import { checkMlpFile, mlpOutcomeOf } from '../src/check-mlp.ts';
import { withoutTiming } from '../src/outcome.ts';
import { mlpStatementFile, tamperedProof } from './mlp-file.ts';

const ALICE = '0x00000000000000000000000000000000000A11CE';
const honest = mlpStatementFile(ALICE);
const stated = JSON.parse(honest) as { modelId: string; statementHash: string; output: number[] };

describe('checkMlpFile', () => {
  it('an honest statement: valid, with the on-chain model id, the party, the output and the statement hash', () => {
    const o = checkMlpFile(honest);
    expect(withoutTiming(o)).toEqual({
      status: 'valid',
      mlp: {
        modelId: stated.modelId.slice(2),
        party: ALICE.slice(2).toLowerCase(),
        statementHash: stated.statementHash.slice(2),
        output: stated.output,
      },
    });
    const s = decodeMlpStatementFile(honest);
    expect(withoutTiming(o)).toEqual(withoutTiming(mlpOutcomeOf(s, checkMlpStatement(s))));
  });

  it('a flipped proof byte: invalid with verifyMlp’s check, and the statement it claimed', () => {
    const o = checkMlpFile(tamperedProof(honest));
    expect(o).toMatchObject({ status: 'invalid', check: 'basefold.merkle', mlp: { output: stated.output } });
  });

  it('a stated output, statement hash or model id its bytes do not give: unreadable, naming the field', () => {
    const j = JSON.parse(honest) as Record<string, unknown>;
    const lie = (k: string, v: unknown): string => JSON.stringify({ ...j, [k]: v });
    expect(checkMlpFile(lie('output', [1, 2, 3, 4]))).toMatchObject({
      status: 'unreadable',
      check: 'malformed.statement.output',
    });
    expect(checkMlpFile(lie('statementHash', `0x${'00'.repeat(32)}`))).toMatchObject({
      status: 'unreadable',
      check: 'malformed.statement.statementHash',
    });
    expect(checkMlpFile(lie('modelId', `0x${'00'.repeat(32)}`))).toMatchObject({
      status: 'unreadable',
      check: 'malformed.statement.modelId',
    });
    expect(checkMlpFile('{ nope')).toMatchObject({ status: 'unreadable', check: 'malformed.statement' });
  });
});
