/**
 * `vouch quantize <model.onnx> --calibration … --out model.vpkg`: imports the model, calibrates
 * and quantizes it to int8 (packages/zkml quantizeGraph), writes the model package, and prints
 * the float vs quantized report (accuracy, top-1 agreement, max logit error).
 */
import { readOnnx } from '@vouch/onnx';
import { encodePackage, quantizeGraph, sizeOf, validatePackage, type HiddenInputs } from '@vouch/zkml';
import { parseArgs, parseCount } from '../args.ts';
import { UsageError } from '../errors.ts';
import { readUserFile, writeUserFile } from '../files.ts';
import { INPUT_SOURCES, loadInputs, type InputSet } from '../inputs.ts';
import type { Command } from './types.ts';

const HELP = `vouch quantize — calibrate and quantize a model to int8, write its model package

Usage:
  vouch quantize <model.onnx> --calibration SRC --out model.vpkg
                 [--calibration-count N] [--test-set SRC] [--test-count N]
                 [--percentile P] [--hidden FILE]

Arguments:
  <model.onnx>             the float model (e.g. from \`vouch zoo export B1\`)
Options:
  --calibration SRC        calibration inputs: ${INPUT_SOURCES}
  --calibration-count N    use the first N calibration examples (default 200)
  --test-set SRC           labelled inputs for the float vs quantized report (same forms)
  --test-count N           use the first N test examples (default 1000)
  --percentile P           calibrate ranges at the P-th percentile of |x| instead of the max
  --hidden FILE            the model's open hidden inputs, bound into its model id at commit time:
                           JSON {"vocabulary": ["a", …], "systemPrompt": "…", "decoding":
                           {"temperature": 0.8}, "preprocessing": {"scale": …, "mean": […], "std": […]}}
                           (every key optional; \`vouch zoo export B5\` writes one with the vocabulary)
  --out FILE               where to write the model package (the input of the commit and prove steps)
Output: the accuracy report on stdout; progress on stderr.
Exit status: 0 ok; 2 bad usage, unreadable/malformed model or inputs, unsupported op.
`;

/** Reads a hidden-inputs JSON file (checked in full by validatePackage once the package exists). */
function readHidden(io: Parameters<Command['run']>[1], file: string): HiddenInputs {
  const text = new TextDecoder().decode(readUserFile(io, file));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError('quantize', `--hidden ${file}: not JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(
      'quantize',
      `--hidden ${file}: expected a JSON object, got ${Array.isArray(json) ? 'an array' : typeof json}`,
    );
  const known = ['vocabulary', 'systemPrompt', 'decoding', 'preprocessing'];
  const unknown = Object.keys(json).filter((k) => !known.includes(k));
  if (unknown.length)
    throw new UsageError(
      'quantize',
      `--hidden ${file}: unknown key ${JSON.stringify(unknown[0])}; expected ${known.join(', ')}`,
    );
  return json as HiddenInputs;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

/** The `quantize` command. */
export const quantizeCommand: Command = {
  name: 'quantize',
  summary: 'calibrate and quantize an ONNX model to int8, write model.vpkg and an accuracy report',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('quantize', argv, {
      value: ['calibration', 'calibration-count', 'test-set', 'test-count', 'out', 'percentile', 'hidden'],
    });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length !== 1)
      throw new UsageError(
        'quantize',
        `expected one ONNX file, got ${a.positional.length} arguments (see \`vouch quantize --help\`)`,
      );
    const cal = a.values.get('calibration');
    if (!cal) throw new UsageError('quantize', `--calibration is required: ${INPUT_SOURCES}`);
    const out = a.values.get('out');
    if (!out) throw new UsageError('quantize', '--out is required (e.g. --out model.vpkg)');
    const calCount = parseCount('quantize', 'calibration-count', a.values.get('calibration-count'), 200);
    const testCount = parseCount('quantize', 'test-count', a.values.get('test-count'), 1000);
    const pArg = a.values.get('percentile');
    const percentile = pArg === undefined ? undefined : Number(pArg);
    if (percentile !== undefined && !(percentile > 0 && percentile <= 100))
      throw new UsageError('quantize', `--percentile: expected a number in (0, 100], got ${JSON.stringify(pArg)}`);

    const hiddenFile = a.values.get('hidden');
    const hidden = hiddenFile === undefined ? undefined : readHidden(io, hiddenFile);

    const quiet = a.flags.has('quiet');
    const progress = (s: string): void => {
      if (!quiet) io.err(`${s}\n`);
    };
    const file = a.positional[0];
    progress(`reading ${file}…`);
    const graph = readOnnx(readUserFile(io, file));
    const input = graph.inputs[0];
    const width = sizeOf(input.shape);
    const maxInt =
      input.dtype === 'int64'
        ? (graph.constants.get(graph.nodes.find((n) => n.op === 'Gather')?.inputs[0] ?? '')?.shape[0] ?? 1)
        : undefined;
    const calib = loadInputs(io, cal, width, calCount, maxInt ? { maxInt } : {});
    let test: InputSet | undefined;
    const testSrc = a.values.get('test-set');
    if (testSrc) {
      test = loadInputs(io, testSrc, width, testCount, maxInt ? { maxInt } : {});
      const outSize = sizeOf(graph.outputs[0].shape);
      if (test.classes !== undefined && outSize !== test.classes) {
        throw new UsageError(
          'quantize',
          `--test-set ${testSrc}: accuracy needs one logit per class, but the model has ${outSize} outputs and the dataset ${test.classes} classes`,
        );
      }
      if (!test.labels)
        throw new UsageError(
          'quantize',
          `--test-set ${testSrc} has no labels; give a labelled set for the accuracy report`,
        );
    }
    progress(
      `calibrating on ${calib.inputs.length} examples of ${calib.source} and quantizing ${graph.nodes.length} nodes…`,
    );
    const t0 = performance.now();
    const { pkg, report } = quantizeGraph(graph, calib.inputs, {
      ...(percentile !== undefined ? { calibration: { kind: 'percentile' as const, percentile } } : {}),
      ...(test ? { testSet: { inputs: test.inputs, labels: test.labels! } } : {}),
    });
    progress(
      `quantized in ${((performance.now() - t0) / 1000).toFixed(1)} s${test ? ` (including the evaluation on ${test.inputs.length} examples)` : ''}`,
    );
    const full = hidden ? { ...pkg, hidden } : pkg;
    if (hidden) {
      try {
        validatePackage(full);
      } catch (e) {
        throw new UsageError('quantize', `--hidden ${hiddenFile}: ${(e as Error).message}`);
      }
    }
    const bytes = encodePackage(full);
    const path = writeUserFile(io, out, bytes);
    const lines = [
      `model     ${file}: ${graph.nodes.length} nodes → ${pkg.graph.nodes.length} integer ops`,
      `settings  int8 weights per channel, int8 activations per tensor, ${calib.inputs.length} calibration examples (${percentile !== undefined ? `percentile ${percentile}` : 'max'})${report.droppedSoftmax ? ', final Softmax dropped (outputs are logits)' : ''}`,
    ];
    const acc = report.accuracy;
    if (acc && test) {
      lines.push(
        `accuracy  on ${acc.samples} examples of ${test.source}:`,
        `  float            ${pct(acc.floatAccuracy)}`,
        `  quantized        ${pct(acc.quantAccuracy)}  (${acc.quantAccuracy >= acc.floatAccuracy ? '+' : '−'}${(100 * Math.abs(acc.quantAccuracy - acc.floatAccuracy)).toFixed(2)} points)`,
        `  top-1 agreement  ${pct(acc.top1Agreement)}`,
        `  max logit error  ${acc.maxLogitError.toPrecision(3)} (mean ${acc.meanLogitError.toPrecision(3)})`,
      );
    }
    if (hidden)
      lines.push(`hidden    ${Object.keys(hidden).join(', ')} (from ${hiddenFile}; bound into the model id at commit)`);
    lines.push(`wrote     ${path} (${(bytes.length / 1024).toFixed(1)} KiB)`);
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
