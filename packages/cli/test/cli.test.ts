import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOnnx } from '@vouch/onnx';
import { buildMlp, graphFromJson, tensor, zooEntry, zooOnnxPath } from '@vouch/models';
import { decodePackage } from '@vouch/zkml';
import { run } from '../src/index.ts';
import { io } from './capture.ts';


let dir: string;
const b1 = zooOnnxPath(zooEntry('B1'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-cli-'));
});

describe('vouch (top level)', () => {
  it('prints help with every command and exits 0 on --help', async () => {
    const c = io(dir);
    expect(await run(['--help'], c)).toBe(0);
    for (const cmd of ['import', 'quantize', 'zoo']) expect(c.stdout).toContain(cmd);
  });

  it('exits 2 with help when no command is given', async () => {
    const c = io(dir);
    expect(await run([], c)).toBe(2);
    expect(c.stdout).toContain('Usage: vouch <command>');
  });

  it('exits 2 on an unknown command with a one-line message', async () => {
    const c = io(dir);
    expect(await run(['prvoe'], c)).toBe(2);
    expect(c.stderr).toMatch(/^vouch: error \[USAGE\]: unknown command "prvoe"; commands: .*\(see `vouch --help`\)\n$/);
    for (const cmd of ['import', 'quantize', 'zoo']) expect(c.stderr).toContain(cmd);
  });

  it('every command has --help and rejects unknown options with exit 2', async () => {
    for (const cmd of ['import', 'quantize', 'zoo']) {
      const c = io(dir);
      expect(await run([cmd, '--help'], c)).toBe(0);
      expect(c.stdout).toContain(`vouch ${cmd}`);
      const d = io(dir);
      expect(await run([cmd, '--frobnicate'], d)).toBe(2);
      expect(d.stderr).toContain('unknown option --frobnicate');
    }
  });
});

describe('vouch import', () => {
  it('prints the op summary and shapes of a zoo model and writes the graph JSON', async () => {
    const c = io(dir);
    expect(await run(['import', b1, '--out', 'b1.graph.json', '--nodes'], c)).toBe(0);
    expect(c.stdout).toContain('44,530 parameters');
    expect(c.stdout).toContain('input  input [1, 784]');
    expect(c.stdout).toContain('output output [1, 10]');
    expect(c.stdout).toMatch(/Gemm\s+2/);
    const g = graphFromJson(readFileSync(join(dir, 'b1.graph.json'), 'utf8'));
    expect(g.nodes.length).toBe(3);
  });

  it('exits 2 with a one-line MALFORMED message (no stack) for a file that is not ONNX', async () => {
    writeFileSync(join(dir, 'garbage.onnx'), Buffer.from('this is not a protobuf model at all, just text'));
    const c = io(dir);
    expect(await run(['import', 'garbage.onnx'], c)).toBe(2);
    expect(c.stderr).toMatch(/^vouch: error \[MALFORMED\]: malformed onnx/);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
    expect(c.stderr).not.toContain('    at ');
  });

  it('prints the stack trace only with --verbose', async () => {
    const c = io(dir);
    expect(await run(['import', 'garbage.onnx', '--verbose'], c)).toBe(2);
    expect(c.stderr).toContain('    at ');
  });

  it('exits 2 naming the op and node for an unsupported op', async () => {
    const g = buildMlp('hardmax', [{ w: tensor([3, 2], [1, 0, 0, 1, 1, 1]), b: tensor([2], [0, 0]) }]);
    const withHardmax = {
      ...g,
      nodes: [...g.nodes, { name: 'hm', op: 'Hardmax', inputs: ['output'], outputs: ['y'], attrs: { axis: -1 } }],
      outputs: [{ name: 'y', shape: [1, 2] }],
      shapes: new Map([...g.shapes, ['y', [1, 2]]]),
    };
    writeFileSync(join(dir, 'hardmax.onnx'), writeOnnx(withHardmax));
    const c = io(dir);
    expect(await run(['import', 'hardmax.onnx'], c)).toBe(2);
    expect(c.stderr).toMatch(/^vouch: error \[UNSUPPORTED_OP\]: unsupported op Hardmax in node hm/);
    expect(c.stderr).toContain('supported ops:');
  });

  it('exits 2 for a missing file, a missing argument and a bad --input-shape', async () => {
    const a = io(dir);
    expect(await run(['import', 'nope.onnx'], a)).toBe(2);
    expect(a.stderr).toContain('nope.onnx: no such file');
    const b = io(dir);
    expect(await run(['import'], b)).toBe(2);
    expect(b.stderr).toContain('expected one ONNX file');
    const c = io(dir);
    expect(await run(['import', b1, '--input-shape', '1,abc'], c)).toBe(2);
    expect(c.stderr).toContain('--input-shape: expected positive integers');
    const d = io(dir);
    expect(await run(['import', b1, '--input-shape', '2,784'], d)).toBe(2);
    expect(d.stderr).toContain('[SHAPE]');
  });
});

describe('vouch quantize', () => {
  it('quantizes B1, writes a package that decodes, and prints the float vs quantized report', async () => {
    const c = io(dir);
    const code = await run(
      [
        'quantize',
        b1,
        '--calibration',
        'mnist-train',
        '--calibration-count',
        '50',
        '--test-set',
        'mnist-test',
        '--test-count',
        '300',
        '--out',
        'b1.vpkg',
      ],
      c,
    );
    expect(c.stderr).toContain('calibrating on 50 examples of mnist-train');
    expect(code).toBe(0);
    expect(c.stdout).toMatch(/accuracy\s+on 300 examples of mnist-test/);
    const f = Number(/float\s+([\d.]+)%/.exec(c.stdout)![1]);
    const q = Number(/quantized\s+([\d.]+)%/.exec(c.stdout)![1]);
    expect(f).toBeGreaterThan(90);
    expect(Math.abs(f - q)).toBeLessThan(3);
    expect(c.stdout).toMatch(/top-1 agreement\s+[\d.]+%/);
    expect(c.stdout).toMatch(/max logit error\s+[\d.]+/);
    const pkg = decodePackage(new Uint8Array(readFileSync(join(dir, 'b1.vpkg'))));
    expect(pkg.graph.inputs[0].shape).toEqual([1, 784]);
  });

  it('accepts calibration and test inputs from a JSON file', async () => {
    const rows = [Array(4).fill(0.1), Array(4).fill(-0.3), Array(4).fill(1)];
    writeFileSync(join(dir, 'peng.json'), JSON.stringify({ inputs: rows, labels: [0, 1, 2] }));
    const c = io(dir);
    expect(
      await run(
        [
          'quantize',
          zooOnnxPath(zooEntry('A1-penguins')),
          '--calibration',
          'peng.json',
          '--test-set',
          'penguins-test',
          '--out',
          'p.vpkg',
          '--quiet',
        ],
        c,
      ),
    ).toBe(0);
    expect(c.stderr).toBe('');
    expect(c.stdout).toContain('3 calibration examples');
    expect(existsSync(join(dir, 'p.vpkg'))).toBe(true);
  });

  it('exits 2 for missing --calibration or --out, an unknown dataset, inputs of the wrong width, and a test set the outputs do not match', async () => {
    const a = io(dir);
    expect(await run(['quantize', b1, '--out', 'x.vpkg'], a)).toBe(2);
    expect(a.stderr).toContain('--calibration is required');
    const b = io(dir);
    expect(await run(['quantize', b1, '--calibration', 'mnist-train'], b)).toBe(2);
    expect(b.stderr).toContain('--out is required');
    const c = io(dir);
    expect(await run(['quantize', b1, '--calibration', 'imagenet', '--out', 'x.vpkg'], c)).toBe(2);
    expect(c.stderr).toContain('[DATASET]');
    const d = io(dir);
    expect(await run(['quantize', b1, '--calibration', 'cps-train', '--out', 'x.vpkg'], d)).toBe(2);
    expect(d.stderr).toContain('the dataset has 15 values per example, the model input has 784');
    const e = io(dir);
    expect(
      await run(['quantize', b1, '--calibration', 'mnist-train', '--calibration-count', '0', '--out', 'x.vpkg'], e),
    ).toBe(2);
    expect(e.stderr).toContain('--calibration-count: expected a positive integer');
    const f = io(dir);
    const b5 = zooOnnxPath(zooEntry('B5'));
    expect(
      await run(['quantize', b5, '--calibration', 'moby-train', '--test-set', 'moby-val', '--out', 'x.vpkg'], f),
    ).toBe(2);
    expect(f.stderr).toContain('the model has 5312 outputs and the dataset 83 classes');
  });
});

describe('vouch zoo', () => {
  it('lists every model', async () => {
    const c = io(dir);
    expect(await run(['zoo', 'list'], c)).toBe(0);
    for (const id of ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'A1-cps', 'A1-penguins'])
      expect(c.stdout).toMatch(new RegExp(`^${id}\\s`, 'm'));
    expect(c.stdout).toContain('test acc 96.53%');
  });

  it('exports a trained fixture byte for byte and generates a synthetic model', async () => {
    const c = io(dir);
    expect(await run(['zoo', 'export', 'b1', '--out', 'b1.onnx'], c)).toBe(0);
    expect(readFileSync(join(dir, 'b1.onnx'))).toEqual(readFileSync(b1));
    const d = io(dir);
    expect(await run(['zoo', 'export', 'B3', '--out', 'b3.onnx'], d)).toBe(0);
    const e = io(dir);
    expect(await run(['import', 'b3.onnx'], e)).toBe(0);
    expect(e.stdout).toContain('259,511 parameters');
    expect(e.stdout).toContain('input  input [1, 3, 32, 32]');
  });

  it('exits 2 for an unknown id, a missing subcommand, and training a synthetic model', async () => {
    const a = io(dir);
    expect(await run(['zoo', 'export', 'B9'], a)).toBe(2);
    expect(a.stderr).toContain('unknown zoo model "B9"');
    const b = io(dir);
    expect(await run(['zoo'], b)).toBe(2);
    expect(b.stderr).toContain('missing subcommand');
    const c = io(dir);
    expect(await run(['zoo', 'train', 'B4'], c)).toBe(2);
    expect(c.stderr).toContain('synthetic timing model');
  });
});
