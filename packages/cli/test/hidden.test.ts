/**
 * Hidden inputs from the command line: `vouch zoo export B5` writes the vocabulary beside the ONNX
 * file, `vouch quantize --hidden` puts it (and a system prompt / decoding settings) into the
 * package, where the model id binds it; malformed hidden files exit 2 naming what is wrong.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { zooEntry, zooOnnxPath } from '@vouch/models';
import { decodePackage } from '@vouch/zkml';
import { run } from '../src/index.ts';
import { io } from './capture.ts';

let dir: string;
const b1 = zooOnnxPath(zooEntry('B1'));

/** `vouch quantize` of B1 on 8 calibration digits with a hidden-inputs file. */
function quantizeWith(hidden: string, out: string, c: ReturnType<typeof io>): Promise<number> {
  return run(
    ['quantize', b1, '--calibration', 'mnist-train', '--calibration-count', '8', '--hidden', hidden, '--out', out],
    c,
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-hidden-'));
});

describe('hidden inputs on the command line', () => {
  it('zoo export B5 writes the vocabulary as a hidden-inputs file', async () => {
    const c = io(dir);
    expect(await run(['zoo', 'export', 'B5', '--out', 'b5.onnx'], c)).toBe(0);
    const hidden = JSON.parse(readFileSync(join(dir, 'b5.hidden.json'), 'utf8')) as { vocabulary: string[] };
    expect(hidden.vocabulary).toHaveLength(83);
    expect(c.stdout).toContain('vouch quantize --hidden');
    const d = io(dir);
    expect(await run(['zoo', 'export', 'B1', '--out', 'b1.onnx'], d)).toBe(0);
    expect(d.stdout).not.toContain('.hidden.json');
  });

  it('quantize --hidden stores the hidden inputs in the package', async () => {
    writeFileSync(
      join(dir, 'h.json'),
      JSON.stringify({ systemPrompt: 'be brief', decoding: { temperature: 0.5 }, preprocessing: { scale: 1 / 255 } }),
    );
    const c = io(dir);
    expect(await quantizeWith('h.json', 'h.vpkg', c)).toBe(0);
    expect(c.stdout).toContain('hidden    systemPrompt, decoding, preprocessing');
    const pkg = decodePackage(readFileSync(join(dir, 'h.vpkg')));
    expect(pkg.hidden).toEqual({
      systemPrompt: 'be brief',
      decoding: { temperature: 0.5 },
      preprocessing: { scale: 1 / 255 },
    });
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['an array', '[1]', 'expected a JSON object, got an array'],
    ['an unknown key', '{"sysprompt": "x"}', 'unknown key "sysprompt"'],
    ['a mistyped field', '{"vocabulary": [1, 2]}', 'hidden.vocabulary'],
  ])('quantize --hidden rejects %s with exit 2', async (_what, text, message) => {
    writeFileSync(join(dir, 'bad.json'), text);
    const c = io(dir);
    expect(await quantizeWith('bad.json', 'bad.vpkg', c)).toBe(2);
    expect(c.stderr).toContain(message);
  });
});
