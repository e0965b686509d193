import { mkdtempSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodePackage, quantizeGraph, decodeProofFile, encodeProofFile } from '@vouch/zkml';
import { mlp, randArray, rng } from '../../zkml/test/helpers/build.ts';
import { run } from '../src/index.ts';
import { io } from './capture.ts';


let dir: string;
const r = rng(21);
const calib = Array.from({ length: 6 }, () => randArray(r, 16, 0, 1));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-cli-proofs-'));
  const { pkg } = quantizeGraph(mlp(4, [16, 8, 4]), calib);
  writeFileSync(join(dir, 'm.vpkg'), encodePackage(pkg));
  writeFileSync(join(dir, 'inputs.json'), JSON.stringify({ inputs: calib.map((x) => Array.from(x)) }));
});

describe('vouch commit / prove / verify', () => {
  it('commit writes a card and a private secrets file', async () => {
    const c = io(dir);
    expect(await run(['commit', 'm.vpkg', '--json'], c)).toBe(0);
    const j = JSON.parse(c.stdout) as { modelId: string };
    expect(j.modelId).toMatch(/^[0-9a-f]{64}$/);
    const card = JSON.parse(readFileSync(join(dir, 'm.card.json'), 'utf8')) as { modelId: string };
    expect(card.modelId).toBe(j.modelId);
    expect(statSync(join(dir, 'm.secrets.json')).mode & 0o077).toBe(0);
  });

  it('prove writes a proof file; verify accepts it (exit 0) and reports the prediction', async () => {
    const c = io(dir);
    expect(
      await run(['prove', 'm.vpkg', '--input', 'inputs.json', '--index', '1', '--requester', '0xab', '--json'], c),
    ).toBe(0);
    const p = JSON.parse(c.stdout) as { predictions: number[] };
    const v = io(dir);
    expect(await run(['verify', 'm.card.json', 'm.vproof', '--requester', '0xab', '--json'], v)).toBe(0);
    const j = JSON.parse(v.stdout) as { valid: boolean; predictions: number[] };
    expect(j.valid).toBe(true);
    expect(j.predictions).toEqual(p.predictions);
  });

  it('a batch of two verifies', async () => {
    const c = io(dir);
    expect(await run(['prove', 'm.vpkg', '--input', 'inputs.json', '--count', '2', '--out', 'batch.vproof'], c)).toBe(
      0,
    );
    expect(await run(['verify', 'm.card.json', 'batch.vproof'], io(dir))).toBe(0);
  });

  it('a forged output is rejected with exit 1 and the failed check', async () => {
    const f = decodeProofFile(new Uint8Array(readFileSync(join(dir, 'm.vproof'))));
    const out = f.statement.outputs[0].slice();
    out[0] += 3;
    writeFileSync(join(dir, 'forged.vproof'), encodeProofFile({ ...f.statement, outputs: [out] }, f.proof));
    const v = io(dir);
    expect(await run(['verify', 'm.card.json', 'forged.vproof'], v)).toBe(1);
    expect(v.stdout).toMatch(/^REJECTED /);
  });

  it('the wrong requester is rejected with exit 1', async () => {
    const v = io(dir);
    expect(await run(['verify', 'm.card.json', 'm.vproof', '--requester', '0xcd'], v)).toBe(1);
    expect(v.stdout).toContain('statement.requester');
  });

  it('malformed input exits 2 with one clear line: truncated proof, a card that does not hash to its id, a missing file', async () => {
    const bytes = readFileSync(join(dir, 'm.vproof'));
    writeFileSync(join(dir, 'short.vproof'), bytes.subarray(0, 100));
    const a = io(dir);
    expect(await run(['verify', 'm.card.json', 'short.vproof'], a)).toBe(2);
    expect(a.stderr).toMatch(/malformed/);
    const card = JSON.parse(readFileSync(join(dir, 'm.card.json'), 'utf8')) as { hidden: object };
    writeFileSync(
      join(dir, 'edited.card.json'),
      JSON.stringify({ ...card, hidden: { systemPrompt: { open: 'evil' } } }),
    );
    const b = io(dir);
    expect(await run(['verify', 'edited.card.json', 'm.vproof'], b)).toBe(2);
    expect(b.stderr).toMatch(/does not hash to its model id/);
    const c = io(dir);
    expect(await run(['verify', 'nope.card.json', 'm.vproof'], c)).toBe(2);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('bad usage exits 2', async () => {
    expect(await run(['prove', 'm.vpkg'], io(dir))).toBe(2);
    expect(await run(['commit'], io(dir))).toBe(2);
    expect(await run(['commit', 'm.vpkg', '--mode', 'secret'], io(dir))).toBe(2);
    expect(await run(['verify', 'm.card.json'], io(dir))).toBe(2);
  });

  it('every command has --help', async () => {
    for (const cmd of ['commit', 'prove', 'verify', 'demo']) {
      const c = io(dir);
      expect(await run([cmd, '--help'], c)).toBe(0);
      expect(c.stdout).toContain(`vouch ${cmd}`);
    }
  });
});
