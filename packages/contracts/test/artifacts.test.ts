import { describe, expect, it } from 'vitest';
import { readSources, sourcesHash } from '../src/compile.ts';
import { SOURCES_HASH, ModelRegistry } from '../src/artifacts.generated.ts';

describe('compiled artifacts', () => {
  it('are current with the Solidity sources (run `npm run build:contracts -w packages/contracts` after editing them)', () => {
    expect(SOURCES_HASH).toBe(sourcesHash(readSources()));
  });

  it('stay under the 24,576-byte contract size limit (EIP-170)', () => {
    expect(ModelRegistry.deployedSize).toBeGreaterThan(0);
    expect(ModelRegistry.deployedSize).toBeLessThanOrEqual(24_576);
  });
});
