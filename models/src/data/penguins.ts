/**
 * Palmer penguins (Gorman, Williams, Fraser 2014; the `vega-datasets` npm package copy).
 *
 * Task: species (Adelie, Chinstrap, Gentoo) from four body measurements (beak length,
 * beak depth, flipper length, body mass), standardized. Rows with a missing measurement or
 * a missing/unknown sex are dropped (344 → 333). Sex is not an input; it is kept alongside
 * as the sensitive attribute of a fairness audit (is the classifier equally accurate for
 * female and male birds?). Split: seeded 80/20 (seed 2014 by default).
 */
import { readFileSync } from 'node:fs';
import { DatasetError } from './errors.ts';
import { packageFile } from './paths.ts';
import { splitAndStandardize, type RawTable, type TabularDataset } from './tabular.ts';

/** Names of the 4 penguin input features, in column order. */
export const PENGUIN_FEATURES: readonly string[] = [
  'Beak Length (mm)',
  'Beak Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
];

/** Species names, indexed by label. */
export const PENGUIN_SPECIES: readonly string[] = ['Adelie', 'Chinstrap', 'Gentoo'];

/** Default split seed of the penguins dataset. */
export const PENGUINS_SEED = 2014;

/**
 * Reads the raw penguin table (complete rows only, before split and scaling).
 * @returns features, species labels and the sensitive attribute `sex` (`female` / `male`).
 * @throws {DatasetError} when the package data is missing.
 */
export function readPenguinsRaw(): RawTable {
  const path = packageFile('vega-datasets', 'data/penguins.json');
  let rows: Record<string, unknown>[];
  try {
    rows = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  } catch (cause) {
    throw new DatasetError('penguins', `cannot read ${path}`, { cause });
  }
  const kept = rows.filter(
    (r) =>
      PENGUIN_FEATURES.every((f) => typeof r[f] === 'number' && Number.isFinite(r[f])) &&
      (r.Sex === 'MALE' || r.Sex === 'FEMALE') &&
      PENGUIN_SPECIES.includes(r.Species as string),
  );
  if (kept.length < 300) throw new DatasetError('penguins', `expected about 333 complete rows, got ${kept.length}`);
  return {
    featureNames: PENGUIN_FEATURES,
    rows: kept.map((r) => PENGUIN_FEATURES.map((f) => r[f] as number)),
    labels: kept.map((r) => PENGUIN_SPECIES.indexOf(r.Species as string)),
    classes: PENGUIN_SPECIES,
    sensitive: { sex: kept.map((r) => (r.Sex as string).toLowerCase()) },
  };
}

/**
 * Loads the penguins split 80/20 and standardized with training statistics.
 * @param seed - split seed (default {@link PENGUINS_SEED}).
 * @returns train (266 rows) and test (67 rows) splits with the sensitive attribute `sex`.
 * @throws {DatasetError} when the package data is missing.
 */
export function loadPenguins(seed = PENGUINS_SEED): TabularDataset {
  return splitAndStandardize(readPenguinsRaw(), seed);
}
