/** NTT layer: power-of-two transforms over BabyBear and its extension, Reed–Solomon helpers. */
export * from './ntt.ts';
export * from './reed-solomon.ts';
export { twiddles, bitReversal, clearTwiddleCache, type TwiddleTable } from './twiddles.ts';
