/**
 * `vouch generate` and `vouch verify` of generation proofs on a tiny GPT (T = 4, V = 11, open
 * weights): exit codes, JSON output, a forged token rejected (exit 1), bad usage and a model that
 * cannot generate (exit 2).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeProofFile, encodePackage, encodeProofFile, quantizeGraph } from '@vouch/zkml';
import { mlp, randArray, rng, tinyGpt } from '../../zkml/test/helpers/build.ts';
import { run } from '../src/index.ts';
import { io } from './capture.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-cli-generate-'));
  const r = rng(7);
  const toks = (): Float32Array => Float32Array.from({ length: 4 }, () => Math.floor(r() * 11));
  const { pkg } = quantizeGraph(tinyGpt(5, 4, 8, 11), Array.from({ length: 12 }, toks));
  const vocabulary = ['\n', ' ', 'a', 'b', 'c', 'd', 'e', 'h', 'l', 'o', '!'];
  writeFileSync(join(dir, 'g.vpkg'), encodePackage({ ...pkg, hidden: { vocabulary, decoding: { temperature: 0.8 } } }));
  const c = rng(3);
  writeFileSync(join(dir, 'm.vpkg'), encodePackage(quantizeGraph(mlp(4, [16, 8, 4]), Array.from({ length: 4 }, () => randArray(c, 16, 0, 1))).pkg));
});

describe('vouch generate', () => {
  it('--help exits 0', async () => {
    const c = io(dir);
    expect(await run(['generate', '--help'], c)).toBe(0);
    expect(c.stdout).toContain('--tokens K');
  });

  it('generates, writes one proof, and vouch verify accepts it with the tokens', async () => {
    expect(await run(['commit', 'g.vpkg', '--mode', 'open'], io(dir))).toBe(0);
    const c = io(dir);
    expect(await run(['generate', 'g.vpkg', '--prompt', 'hel', '--tokens', '3', '--requester', '0xab', '--nonce', '0x' + '07'.repeat(32), '--json'], c)).toBe(0);
    const g = JSON.parse(c.stdout) as { tokens: number[]; text: string; promptTokens: number[] };
    expect(g.tokens).toHaveLength(3);
    expect(g.promptTokens).toEqual([7, 6, 8]);
    const v = io(dir);
    expect(await run(['verify', 'g.card.json', 'g.vproof', '--requester', '0xab', '--json'], v)).toBe(0);
    const j = JSON.parse(v.stdout) as { valid: boolean; tokens: number[]; text: string };
    expect(j).toMatchObject({ valid: true, tokens: g.tokens, text: g.text });
    expect(await run(['verify', 'g.card.json', 'g.vproof', '--requester', '0xac'], io(dir))).toBe(1);
  });

  it('a forged token is rejected with exit 1', async () => {
    const f = decodeProofFile(new Uint8Array(readFileSync(join(dir, 'g.vproof'))));
    const outputs = f.statement.outputs.map((o) => o.slice());
    outputs[2][0] = (outputs[2][0] + 1) % 11;
    writeFileSync(join(dir, 'forged.vproof'), encodeProofFile({ ...f.statement, outputs }, f.proof));
    const v = io(dir);
    expect(await run(['verify', 'g.card.json', 'forged.vproof'], v)).toBe(1);
    expect(v.stdout).toContain('REJECTED');
  });

  it('bad usage, an unspellable prompt and a model that cannot generate exit 2', async () => {
    expect(await run(['generate', 'g.vpkg', '--prompt', 'he'], io(dir))).toBe(2);
    expect(await run(['generate', 'g.vpkg', '--prompt', 'he', '--prompt-ids', '1', '--tokens', '1'], io(dir))).toBe(2);
    expect(await run(['generate', 'g.vpkg', '--prompt', 'xyz', '--tokens', '1'], io(dir))).toBe(2);
    expect(await run(['commit', 'm.vpkg', '--mode', 'open'], io(dir))).toBe(0);
    const c = io(dir);
    expect(await run(['generate', 'm.vpkg', '--prompt-ids', '1,2', '--tokens', '1'], c)).toBe(2);
    expect(c.stderr).toContain('GENERATION_UNSUPPORTED');
  });
});
