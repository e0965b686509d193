/**
 * Importing @vouch/onnx must not load the onnxruntime native binary; the first
 * runFloatReference call does. Checked in a child process through /proc/self/maps (Linux).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const script = `
import { readFileSync } from 'node:fs';
const loaded = () => readFileSync('/proc/self/maps', 'utf8').includes('onnxruntime');
const m = await import('@vouch/onnx');
const before = loaded();
const g = { name: 'g', inputs: [{ name: 'x', shape: [1] }], outputs: [{ name: 'y', shape: [1] }], constants: new Map(), nodes: [{ name: 'r', op: 'Relu', inputs: ['x'], outputs: ['y'], attrs: {} }], shapes: new Map() };
await m.runFloatReference(m.writeOnnx(g), { x: { data: new Float32Array([1]), shape: [1] } });
console.log(JSON.stringify({ before, after: loaded() }));
`;

describe('lazy onnxruntime', () => {
  it.skipIf(!existsSync('/proc/self/maps'))(
    'importing @vouch/onnx does not load onnxruntime; running a model does',
    () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        cwd: process.cwd(),
      });
      const line = out.trim().split('\n').pop()!;
      expect(JSON.parse(line)).toEqual({ before: false, after: true });
    },
  );
});
