/**
 * File reading and writing for commands, with typed errors naming the path.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FileError } from './errors.ts';
import type { Io } from './io.ts';

/** Absolute path of a user-given path. */
export function userPath(io: Io, p: string): string {
  return resolve(io.cwd ?? process.cwd(), p);
}

/**
 * Reads a file the user named.
 * @throws {FileError} when it cannot be read.
 */
export function readUserFile(io: Io, p: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(userPath(io, p)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileError(
      p,
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot read (${code ?? (e as Error).message})`,
      e,
    );
  }
}

/**
 * Writes a file the user named, creating its folder.
 * @throws {FileError} when it cannot be written.
 */
export function writeUserFile(io: Io, p: string, data: Uint8Array | string): string {
  const abs = userPath(io, p);
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, data);
  } catch (e) {
    throw new FileError(p, `cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, e);
  }
  return abs;
}
