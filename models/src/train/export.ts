/**
 * Re-exports trained graphs kept in models/.cache (by the training scripts) to ONNX fixtures,
 * without retraining: `npx tsx models/src/train/export.ts b1-mlp-mnist [more stems…]`.
 */
import { exportCachedFixture } from './common.ts';

for (const stem of process.argv.slice(2)) await exportCachedFixture(stem);
