/**
 * Conversion between a flat ext vector (interleaved: element i at words 4i..4i+3) and four
 * coordinate arrays (coordinate c of element i at word c·n + i), by 4×4 transposes of v128s.
 * The transform of an ext vector is the transform of each coordinate array (the twiddles lie in
 * F_p), so the loader splits, runs four base NTTs and joins, all inside linear memory.
 */

/** Transposes the 4×4 block whose rows are r0..r3 and stores its rows at p0..p3. */
// @ts-ignore: decorator
@inline function transposeStore(r0: v128, r1: v128, r2: v128, r3: v128, p0: usize, p1: usize, p2: usize, p3: usize): void {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(p0, i32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(p1, i32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(p2, i32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(p3, i32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/** dst[c·n + i] ← src[4i + c] for i < n, c < 4 (n a multiple of 4; src and dst disjoint). */
export function ext_split(src: usize, dst: usize, n: u32): void {
  const nb = <usize>n << 2;
  for (let i: u32 = 0; i < n; i += 4) {
    const s = src + (<usize>i << 4);
    const d = dst + (<usize>i << 2);
    transposeStore(v128.load(s), v128.load(s + 16), v128.load(s + 32), v128.load(s + 48), d, d + nb, d + 2 * nb, d + 3 * nb);
  }
}

/** dst[4i + c] ← src[c·n + i] for i < n, c < 4 (n a multiple of 4; src and dst disjoint). */
export function ext_join(src: usize, dst: usize, n: u32): void {
  const nb = <usize>n << 2;
  for (let i: u32 = 0; i < n; i += 4) {
    const s = src + (<usize>i << 2);
    const d = dst + (<usize>i << 4);
    transposeStore(v128.load(s), v128.load(s + nb), v128.load(s + 2 * nb), v128.load(s + 3 * nb), d, d + 16, d + 32, d + 48);
  }
}
