/**
 * `vouch import <model.onnx>`: reads an ONNX model into the float graph IR, prints its ops and
 * shapes, and optionally writes the graph as JSON.
 */
import { readOnnx } from '@vouch/onnx';
import { graphToJson } from '@vouch/models';
import { parseArgs, parseShape } from '../args.ts';
import { UsageError } from '../errors.ts';
import { readUserFile, writeUserFile } from '../files.ts';
import { summarize } from '../summary.ts';
import type { Command } from './types.ts';

const HELP = `vouch import — read an ONNX model and show what Vouch makes of it

Usage:
  vouch import <model.onnx> [--input-shape 1,784] [--batch N] [--out graph.json] [--nodes]

Arguments:
  <model.onnx>          an ONNX model (e.g. from \`vouch zoo export B1\` or any exporter)
Options:
  --input-shape DIMS    static shape of the (first) input, e.g. 1,1,28,28; needed when the
                        model has symbolic dimensions other than the batch
  --batch N             value of a symbolic batch dimension (default 1)
  --out FILE            write the imported float graph as JSON (format vouch.float-graph/1)
  --nodes               list every node with its output shape
Exit status: 0 ok; 2 unreadable or malformed file, unsupported op, bad shape or bad usage.
`;

/** The `import` command. */
export const importCommand: Command = {
  name: 'import',
  summary: 'read an ONNX model, print its ops and shapes (unsupported ops are reported)',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('import', argv, { value: ['input-shape', 'batch', 'out'], bool: ['nodes'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length !== 1)
      throw new UsageError(
        'import',
        `expected one ONNX file, got ${a.positional.length} arguments (see \`vouch import --help\`)`,
      );
    const file = a.positional[0];
    const bytes = readUserFile(io, file);
    const shapeArg = a.values.get('input-shape');
    const batchArg = a.values.get('batch');
    let opts: Parameters<typeof readOnnx>[1] = {};
    if (batchArg !== undefined) {
      const b = Number(batchArg);
      if (!Number.isInteger(b) || b < 1)
        throw new UsageError('import', `--batch: expected a positive integer, got ${JSON.stringify(batchArg)}`);
      opts = { ...opts, batch: b };
    }
    if (shapeArg !== undefined) {
      // The input's name is only known after decoding; read once without overrides to learn it.
      const probe = readOnnxInputName(bytes);
      opts = { ...opts, inputShapes: { [probe]: parseShape('import', shapeArg) } };
    }
    const graph = readOnnx(bytes, opts);
    io.out(summarize(graph, a.flags.has('nodes')));
    const out = a.values.get('out');
    if (out) io.out(`wrote ${writeUserFile(io, out, graphToJson(graph))}\n`);
    return 0;
  },
};

/** Name of the first graph input of an ONNX model, read from the protobuf without importing. */
function readOnnxInputName(bytes: Uint8Array): string {
  // ModelProto.graph (field 7) → GraphProto.input (field 11) → ValueInfoProto.name (field 1).
  const field = (buf: Uint8Array, want: number): Uint8Array | undefined => {
    let i = 0;
    const varint = (): number => {
      let v = 0;
      let s = 0;
      for (;;) {
        if (i >= buf.length)
          throw new UsageError(
            'import',
            'cannot read the input name for --input-shape: the file is not a valid ONNX model',
          );
        const b = buf[i++];
        v += (b & 0x7f) * 2 ** s;
        s += 7;
        if (!(b & 0x80)) return v;
      }
    };
    while (i < buf.length) {
      const key = varint();
      const f = Math.floor(key / 8);
      const wt = key & 7;
      if (wt === 0) varint();
      else if (wt === 1) i += 8;
      else if (wt === 5) i += 4;
      else if (wt === 2) {
        const len = varint();
        if (f === want) return buf.subarray(i, i + len);
        i += len;
      } else break;
    }
    return undefined;
  };
  const graph = field(bytes, 7);
  const input = graph && field(graph, 11);
  const name = input && field(input, 1);
  if (!name) throw new UsageError('import', '--input-shape: the model declares no input');
  return new TextDecoder().decode(name);
}
