import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePackage, quantizeGraph } from '@vouch/zkml';
import { localAccounts } from '@vouch/contracts';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { mlp, randArray, rng } from '../../zkml/test/helpers/build.ts';
import { run } from '../src/index.ts';
import { io } from './capture.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'vouch.js');
const PARTY = '0x00000000000000000000000000000000000a11ce';

/** Runs `vouch chain start` as a child process in `cwd`; resolves with the process and its RPC URL. */
function startChain(cwd: string): Promise<{ child: ChildProcess; rpc: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'chain', 'start', '--port', '0'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chain start timed out: ${out}`)), 60_000);
    const on = (b: Buffer): void => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, rpc: m[1], out: () => out });
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('exit', (code) => reject(new Error(`chain start exited ${code}: ${out}`)));
  });
}

/** Sends SIGINT (Ctrl-C) and waits for the exit code. */
function stopChain(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('vouch chain / deploy / register / registry (anvil started by `vouch chain start`)', () => {
  let dir: string;
  let chain: { child: ChildProcess; rpc: string; out: () => string };
  let modelId: string;
  let stranger: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-cli-chain-'));
    const r = rng(5);
    const { pkg } = quantizeGraph(
      mlp(4, [16, 8, 4]),
      Array.from({ length: 4 }, () => randArray(r, 16, 0, 1)),
    );
    writeFileSync(join(dir, 'm.vpkg'), encodePackage(pkg));
    expect(await run(['commit', 'm.vpkg', '--mode', 'open'], io(dir))).toBe(0);
    modelId = (JSON.parse(readFileSync(join(dir, 'm.card.json'), 'utf8')) as { modelId: string }).modelId;
    chain = await startChain(dir);
    stranger = (await localAccounts(chain.rpc))[1];
  }, 120_000);

  afterAll(async () => {
    if (chain) await stopChain(chain.child);
  });

  it('chain start listens on 127.0.0.1 and writes the chain file', () => {
    const f = JSON.parse(readFileSync(join(dir, '.vouch/chain.json'), 'utf8')) as { rpcUrl: string; hardfork: string };
    expect(f.rpcUrl).toBe(chain.rpc);
    expect(f.hardfork).toBe('prague');
    expect(chain.out()).toContain('(new)');
  });

  it('commands need a deployment first (exit 2)', async () => {
    const c = io(dir);
    expect(await run(['register', 'm.card.json'], c)).toBe(2);
    expect(c.stderr).toContain('run `vouch deploy` first');
  });

  it('deploy saves the addresses; register and registry show use them', async () => {
    const d = io(dir);
    expect(await run(['deploy', '--json'], d)).toBe(0);
    const dep = JSON.parse(d.stdout) as { deployment: { registry: string } };
    expect(JSON.parse(readFileSync(join(dir, '.vouch/chain.json'), 'utf8')).deployment.registry).toBe(
      dep.deployment.registry,
    );
    const r = io(dir);
    expect(await run(['register', 'm.card.json'], r)).toBe(0);
    expect(r.stdout).toContain(`registered model 0x${modelId}`);
    expect(r.stdout).toMatch(/metadata {2}sha256:[0-9a-f]{64}/);
    const s = io(dir);
    expect(await run(['registry', 'show', modelId, '--json'], s)).toBe(0);
    const m = JSON.parse(s.stdout) as { version: string; active: boolean; history: { eventName: string }[] };
    expect(m).toMatchObject({ version: '1', active: true });
    expect(m.history.map((e) => e.eventName)).toEqual(['ModelRegistered']);
  });

  it('refusals on chain exit 1 with the decoded reason: duplicate, stranger deprecating, unknown model', async () => {
    const a = io(dir);
    expect(await run(['register', 'm.card.json'], a)).toBe(1);
    expect(a.stderr).toContain('AlreadyRegistered');
    const b = io(dir);
    expect(await run(['registry', 'deprecate', modelId, '--reason', 'mine', '--account', stranger], b)).toBe(1);
    expect(b.stderr).toContain('NotOwner');
    const c = io(dir);
    expect(await run(['registry', 'show', '11'.repeat(32)], c)).toBe(1);
    expect(c.stderr).toContain('UnknownModel');
    const d = io(dir);
    expect(await run(['registry', 'show', 'xyz'], d)).toBe(2);
  });

  it('prove-example + chain verify: verified and recorded on chain for the party; record reads it back', async () => {
    const p = io(dir);
    expect(await run(['chain', 'prove-example', '--party', PARTY, '--out', 'ex.vstmt.json'], p)).toBe(0);
    expect(p.stdout).toContain('NOT secure');
    const pj = io(dir);
    expect(await run(['chain', 'prove-example', '--party', PARTY, '--out', 'ex3.vstmt.json', '--json'], pj)).toBe(0);
    expect(JSON.parse(pj.stdout)).toMatchObject({
      file: 'ex3.vstmt.json',
      statementHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
    const hash = (JSON.parse(readFileSync(join(dir, 'ex.vstmt.json'), 'utf8')) as { statementHash: string })
      .statementHash;
    const n = io(dir);
    expect(await run(['chain', 'record', hash], n)).toBe(1);
    expect(n.stdout).toContain('NOT RECORDED');
    const call = io(dir);
    expect(await run(['chain', 'verify', 'ex.vstmt.json', '--call'], call)).toBe(0);
    expect(call.stdout).toContain('not recorded');
    const v = io(dir);
    expect(await run(['chain', 'verify', 'ex.vstmt.json', '--account', stranger, '--json'], v)).toBe(0);
    const j = JSON.parse(v.stdout) as { valid: boolean; record: { party: string; verifier: string } };
    expect(j.valid).toBe(true);
    expect(j.record.party.toLowerCase()).toBe(PARTY);
    const rec = io(dir);
    expect(await run(['chain', 'record', hash, '--json'], rec)).toBe(0);
    expect(JSON.parse(rec.stdout)).toMatchObject({ recorded: true });
    const again = io(dir);
    expect(await run(['chain', 'verify', 'ex.vstmt.json'], again)).toBe(0);
    expect(again.stdout).toContain('ALREADY RECORDED');
  });

  it('prove-mlp + register + chain verify: a whole inference verified on chain and recorded for the party', async () => {
    const p = io(dir);
    expect(await run(['chain', 'prove-mlp', 'm.vpkg', '--input', 'random:3', '--party', PARTY, '--json'], p)).toBe(0);
    const pj = JSON.parse(p.stdout) as { file: string; modelId: string; statementHash: string; output: number[] };
    expect(pj.file).toBe('m.vmlp.json');
    expect(pj.output.length).toBe(4);
    // the key id is not registered yet: the contract refuses (ModelNotActive), nothing recorded
    const u = io(dir);
    expect(await run(['chain', 'verify', 'm.vmlp.json', '--call'], u)).toBe(1);
    expect(u.stdout).toContain('REJECTED on chain  ModelNotActive');
    const r = io(dir);
    expect(await run(['register', 'm.vmlp.json'], r)).toBe(0);
    expect(r.stdout).toContain(`registered model ${pj.modelId}`);
    const call = io(dir);
    expect(await run(['chain', 'verify', 'm.vmlp.json', '--call'], call)).toBe(0);
    expect(call.stdout).toContain('VALID on chain (eth_call, not recorded)');
    const v = io(dir);
    expect(await run(['chain', 'verify', 'm.vmlp.json', '--account', stranger, '--json'], v)).toBe(0);
    const j = JSON.parse(v.stdout) as { valid: boolean; gasUsed: string; output: number[]; record: { party: string; modelId: string } };
    expect(j.valid).toBe(true);
    expect(j.output).toEqual(pj.output);
    expect(j.record.party.toLowerCase()).toBe(PARTY);
    expect(j.record.modelId).toBe(pj.modelId);
    const rec = io(dir);
    expect(await run(['chain', 'record', pj.statementHash, '--json'], rec)).toBe(0);
    expect(JSON.parse(rec.stdout)).toMatchObject({ recorded: true });
    // a flipped proof byte (the last BaseFold sibling) is rejected by the contract
    const f = JSON.parse(readFileSync(join(dir, 'm.vmlp.json'), 'utf8')) as { proof: string };
    const last = f.proof.slice(-2) === '00' ? '01' : '00';
    writeFileSync(join(dir, 'bad.vmlp.json'), JSON.stringify({ ...f, proof: f.proof.slice(0, -2) + last }));
    const b = io(dir);
    expect(await run(['chain', 'verify', 'bad.vmlp.json', '--call'], b)).toBe(1);
    expect(b.stdout).toContain('REJECTED on chain  MerkleRootMismatch');
    // the same verdicts off chain (vouch verify <file.vmlp.json>: the TypeScript verifier the contract mirrors)
    const off = io(dir);
    expect(await run(['verify', 'm.vmlp.json'], off)).toBe(0);
    expect(off.stdout).toContain(`VALID (MLP statement, off chain)  output [${pj.output.join(', ')}]`);
    const offBad = io(dir);
    expect(await run(['verify', 'bad.vmlp.json', '--json'], offBad)).toBe(1);
    expect(JSON.parse(offBad.stdout)).toMatchObject({ valid: false, reason: { check: 'basefold.merkle' } });
    // a stated output that is not the output bytes is a malformed file (exit 2)
    writeFileSync(join(dir, 'lie.vmlp.json'), JSON.stringify({ ...f, output: [1, 2, 3, 4] }));
    expect(await run(['chain', 'verify', 'lie.vmlp.json'], io(dir))).toBe(2);
  });

  it('a tampered proof is rejected on chain (exit 1) and nothing is recorded', async () => {
    expect(await run(['chain', 'prove-example', '--party', PARTY, '--out', 'ex2.vstmt.json'], io(dir))).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, 'ex2.vstmt.json'), 'utf8')) as { proof: string; statementHash: string };
    const last = j.proof.slice(-2) === '00' ? '01' : '00';
    writeFileSync(join(dir, 'bad.vstmt.json'), JSON.stringify({ ...j, proof: j.proof.slice(0, -2) + last }));
    const v = io(dir);
    expect(await run(['chain', 'verify', 'bad.vstmt.json'], v)).toBe(1);
    expect(v.stdout).toContain('REJECTED on chain  MerkleRootMismatch');
    expect(await run(['chain', 'record', j.statementHash], io(dir))).toBe(1);
  });

  it('bad usage exits 2: no party, bad params, malformed statement file, unknown subcommand', async () => {
    expect(await run(['chain', 'prove-example'], io(dir))).toBe(2);
    expect(await run(['chain', 'prove-example', '--party', PARTY, '--params', 'x'], io(dir))).toBe(2);
    writeFileSync(join(dir, 'junk.vstmt.json'), '{"format":"vouch-ligero-statement","version":1}');
    expect(await run(['chain', 'verify', 'junk.vstmt.json'], io(dir))).toBe(2);
    expect(await run(['chain', 'record', '0x12'], io(dir))).toBe(2);
    expect(await run(['chain', 'frob'], io(dir))).toBe(2);
    for (const cmd of [['chain'], ['deploy'], ['register'], ['registry']]) {
      const c = io(dir);
      expect(await run([...cmd, '--help'], c)).toBe(0);
      expect(c.stdout).toContain(`vouch ${cmd[0]}`);
    }
  });

  it('VOUCH_PRIVATE_KEY signs instead of a node account; a malformed key is bad usage', async () => {
    const key = generatePrivateKey();
    const who = privateKeyToAccount(key).address;
    await fetch(chain.rpc, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_setBalance', params: [who, '0xde0b6b3a7640000'] }),
    });
    const saved = process.env.VOUCH_PRIVATE_KEY;
    try {
      process.env.VOUCH_PRIVATE_KEY = key;
      const c = io(dir);
      expect(await run(['register', 'm.card.json', '--uri', 'ipfs://other', '--previous', modelId], c)).toBe(1);
      expect(c.stderr).toContain('NotOwner'); // the key's account does not own the model
      process.env.VOUCH_PRIVATE_KEY = '0x1234';
      expect(await run(['deploy'], io(dir))).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.VOUCH_PRIVATE_KEY;
      else process.env.VOUCH_PRIVATE_KEY = saved;
    }
  });

  it('a node that does not answer exits 1 with a one-line message', async () => {
    const c = io(dir);
    expect(await run(['deploy', '--rpc', 'http://127.0.0.1:9'], c)).toBe(1);
    expect(c.stderr).toContain('no Ethereum node answers at http://127.0.0.1:9');
  });

  it('Ctrl-C saves the state; a restart keeps the deployment, the registry and the records', async () => {
    expect(await stopChain(chain.child)).toBe(0);
    expect(chain.out()).toContain('state saved');
    chain = await startChain(dir);
    expect(chain.out()).toContain('(loaded)');
    expect(chain.out()).toContain('deployment kept');
    const s = io(dir);
    expect(await run(['registry', 'show', modelId], s)).toBe(0);
    expect(s.stdout).toContain('state       active');
    expect(await run(['registry', 'deprecate', 'm.card.json', '--reason', 'retired'], io(dir))).toBe(0);
    const t = io(dir);
    expect(await run(['registry', 'show', 'm.card.json'], t)).toBe(0);
    expect(t.stdout).toContain('state       deprecated');
    expect(t.stdout).toContain('ModelDeprecated: retired');
    expect(await run(['registry', 'deprecate', 'm.card.json'], io(dir))).toBe(2); // --reason missing
    const hash = (JSON.parse(readFileSync(join(dir, 'ex.vstmt.json'), 'utf8')) as { statementHash: string })
      .statementHash;
    expect(await run(['chain', 'record', hash], io(dir))).toBe(0);
  }, 120_000);
});
