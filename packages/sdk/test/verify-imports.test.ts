import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const pkgDirs: Record<string, string> = {
  '@vouch/core': join(root, 'packages/core/src/index.ts'),
  '@vouch/zkml': join(root, 'packages/zkml/src/index.ts'),
  '@vouch/sdk': join(root, 'packages/sdk/src/index.ts'),
};

/** Every module reachable from `entry` through static imports. */
function closure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    const src = readFileSync(f, 'utf8');
    const specs = [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    seen.set(f, specs);
    for (const s of specs) {
      if (s.startsWith('.')) todo.push(resolve(dirname(f), s));
      else if (pkgDirs[s]) todo.push(pkgDirs[s]);
    }
  }
  return seen;
}

describe('the verifier entry point (@vouch/sdk/verify)', () => {
  const files = closure(join(root, 'packages/sdk/src/verify.ts'));
  const specs = [...files.values()].flat();

  it('imports no Node module (it must run in a browser)', () => {
    expect(specs.filter((s) => s.startsWith('node:'))).toEqual([]);
  });

  it('imports neither ONNX, onnxruntime, tfjs, the models nor the contracts', () => {
    expect(specs.filter((s) => /onnx|tensorflow|@vouch\/models|@vouch\/contracts|viem|solc/.test(s))).toEqual([]);
  });
});
