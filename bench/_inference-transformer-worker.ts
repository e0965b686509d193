/**
 * Child process of bench/inference-transformer.ts: proves and verifies B5 in ONE mode (argv[2]:
 * private | open; argv[3]: repetitions) and prints the figures as one JSON line, so that the peak
 * RSS (getrusage maxRSS of this process) belongs to that mode alone.
 */
import { recommendedLanes } from '../packages/zkml/src/prove/index.ts';
import { inferMedianMs, proofFigures, proveAndVerify, zooCase } from './prove-case.ts';

const SALT = Uint32Array.of(2, 7, 1, 8, 2, 8, 1, 8);

async function main(): Promise<void> {
  const mode = process.argv[2] as 'private' | 'open';
  const reps = Number(process.argv[3] ?? 1);
  if (mode !== 'private' && mode !== 'open') throw new RangeError(`expected mode private or open, got ${mode}`);
  // B5 quantized on 16 calibration windows, one validation window proven
  const { graph, params, input } = zooCase('B5', 16);
  const lanes = mode === 'private' ? recommendedLanes(graph) : undefined;
  const proved = await proveAndVerify({ graph, params, input, mode, salt: SALT, lanes, label: 'bench-b5', reps });
  const values = proofFigures(proved, await inferMedianMs(graph, params, input));
  process.stdout.write(`${JSON.stringify(values)}\n`);
}

await main();
