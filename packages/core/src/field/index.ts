/** Field layer: BabyBear F_p, its degree-4 extension K, and vector operations. */
export * from './babybear.ts';
export * from './ext4.ts';
export * from './vec.ts';
