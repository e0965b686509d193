/**
 * Reading the artifacts of the proof pipeline: model package (.vpkg, from `vouch quantize`),
 * model card (.card.json, from `vouch commit`), secrets (.secrets.json, from `vouch commit`),
 * proof file (.vproof, from `vouch prove`). Each failure names the file and what is wrong.
 */
import { chmodSync } from 'node:fs';
import { MalformedError } from '@vouch/core';
import { decodePackage, type ModelCard, type ModelPackage } from '@vouch/zkml';
import { parseSecrets, type ModelSecrets } from '@vouch/sdk';
import { readUserFile, userPath, writeUserFile } from './files.ts';
import type { Io } from './io.ts';

/** Reads a model package. @throws FileError, MalformedError (ModelPackageError). */
export function readPackage(io: Io, p: string): ModelPackage {
  return decodePackage(readUserFile(io, p));
}

function readJson(io: Io, p: string, what: string): unknown {
  const text = new TextDecoder().decode(readUserFile(io, p));
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MalformedError(p, `expected a ${what} (JSON): ${(e as Error).message}`);
  }
}

/** Reads a model card (not yet checked against its id: the SDK's verify does that). */
export function readCard(io: Io, p: string): ModelCard {
  const j = readJson(io, p, 'model card') as ModelCard;
  if (!j || j.format !== 'vouch-model-card')
    throw new MalformedError(p, 'expected a vouch model card (from `vouch commit`)');
  return j;
}

/** Reads a secrets file. */
export function readSecrets(io: Io, p: string): ModelSecrets {
  return parseSecrets(new TextDecoder().decode(readUserFile(io, p)));
}

/** Writes a secrets file readable only by its owner. */
export function writeSecrets(io: Io, p: string, s: ModelSecrets): string {
  const abs = writeUserFile(io, p, `${JSON.stringify(s, null, 2)}\n`);
  chmodSync(userPath(io, p), 0o600);
  return abs;
}

/** Default file names next to a package: b1.vpkg → b1.card.json, b1.secrets.json, b1.vproof. */
export function siblings(pkgPath: string): { card: string; secrets: string; proof: string } {
  const stem = pkgPath.replace(/\.vpkg$/, '');
  return { card: `${stem}.card.json`, secrets: `${stem}.secrets.json`, proof: `${stem}.vproof` };
}
