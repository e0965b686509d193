/**
 * The Grain LFSR round-constant generator of Poseidon (Grassi et al., "Poseidon: A New Hash Function
 * for Zero-Knowledge Proof Systems", USENIX Security 2021, ePrint 2019/458, Appendix F), as used for
 * Poseidon2 constants (ePrint 2023/323 §5; Plonky3 poseidon2/generate_constants.py).
 *
 * - State: 80 bits b_0..b_79, initialised big-endian from the instance: field type (2 bits, 1 = F_p),
 *   S-box (4 bits, 0 = x^α), n = ⌈log2 p⌉ (12 bits), t (12 bits), R_F (10 bits), R_P (10 bits),
 *   then 30 one-bits.
 * - Clock: new bit = b_62 ⊕ b_51 ⊕ b_38 ⊕ b_23 ⊕ b_13 ⊕ b_0; shift left, append it. 160 clocks discarded.
 * - Output (self-shrinking): clock pairs (a, b); output b when a = 1, else discard the pair.
 * - A field element: n output bits read most significant first; rejected and redrawn when ≥ p.
 */
import { P } from '../field/babybear.ts';

/** A Grain LFSR instance. */
export class GrainLfsr {
  private readonly bits: Uint8Array = new Uint8Array(80);
  private pos = 0; // bits[(pos + i) mod 80] is b_i

  /**
   * @param n bit length of p; @param t width; @param fullRounds R_F; @param partialRounds R_P.
   * @throws RangeError when a parameter does not fit its bit field.
   */
  constructor(n: number, t: number, fullRounds: number, partialRounds: number) {
    const fields: [number, number][] = [[1, 2], [0, 4], [n, 12], [t, 12], [fullRounds, 10], [partialRounds, 10]];
    let k = 0;
    for (const [value, width] of fields) {
      if (!Number.isInteger(value) || value < 0 || value >= 2 ** width) {
        throw new RangeError(`GrainLfsr: expected a ${width}-bit parameter, got ${value}`);
      }
      for (let i = width - 1; i >= 0; i--) this.bits[k++] = (value >>> i) & 1;
    }
    while (k < 80) this.bits[k++] = 1;
    for (let i = 0; i < 160; i++) this.clock();
  }

  private at(i: number): number {
    return this.bits[(this.pos + i) % 80];
  }

  /** One raw LFSR clock; returns the new bit. */
  clock(): number {
    const nb = this.at(0) ^ this.at(13) ^ this.at(23) ^ this.at(38) ^ this.at(51) ^ this.at(62);
    this.bits[this.pos] = nb; // the slot of b_0 becomes b_79
    this.pos = (this.pos + 1) % 80;
    return nb;
  }

  /** Next self-shrinking output bit. */
  nextBit(): number {
    for (;;) {
      const a = this.clock();
      const b = this.clock();
      if (a === 1) return b;
    }
  }

  /** Next field element below `modulus` (n bits, MSB first, rejection sampling). */
  nextFieldElement(n: number, modulus: number): number {
    for (;;) {
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 2 + this.nextBit();
      if (v < modulus) return v;
    }
  }
}

/** Round constants in Poseidon2 order. */
export interface Poseidon2RoundConstants {
  readonly externalInitial: Uint32Array[];
  readonly internal: Uint32Array;
  readonly externalFinal: Uint32Array[];
}

/**
 * Regenerates the Poseidon2 round constants for BabyBear: R_F·t + R_P Grain elements split as
 * R_F/2 rows of t, R_P scalars, R_F/2 rows of t.
 * @param t width (default 16); @param fullRounds R_F (default 8); @param partialRounds R_P (default 13).
 * @example generatePoseidon2RoundConstants().internal[0] === 0x5a8053c0
 */
export function generatePoseidon2RoundConstants(t = 16, fullRounds = 8, partialRounds = 13): Poseidon2RoundConstants {
  if (fullRounds % 2 !== 0) throw new RangeError(`generatePoseidon2RoundConstants: expected an even R_F, got ${fullRounds}`);
  const n = 31;
  const g = new GrainLfsr(n, t, fullRounds, partialRounds);
  const row = (): Uint32Array => {
    const r = new Uint32Array(t);
    for (let i = 0; i < t; i++) r[i] = g.nextFieldElement(n, P);
    return r;
  };
  const externalInitial = Array.from({ length: fullRounds / 2 }, row);
  const internal = new Uint32Array(partialRounds);
  for (let i = 0; i < partialRounds; i++) internal[i] = g.nextFieldElement(n, P);
  const externalFinal = Array.from({ length: fullRounds / 2 }, row);
  return { externalInitial, internal, externalFinal };
}
