/**
 * Fiat–Shamir transcripts: the {@link Transcript} interface, the SHA-256 transcript used by real
 * proofs ({@link Sha256Transcript}, specified byte for byte in docs/parts/transcript-merkle.md) and
 * the programmable {@link ScriptedTranscript} used by zero-knowledge simulator tests.
 */
export type { Transcript } from './types.ts';
export { TRANSCRIPT_TAG, CHALLENGE_KIND, MAX_CHALLENGE_COUNT, MAX_INDEX_DOMAIN } from './types.ts';
export { Sha256Transcript } from './sha256-transcript.ts';
export { ScriptedTranscript } from './scripted.ts';
export type { ScriptedChallenge, ScriptedValue, TranscriptEvent } from './scripted.ts';
export { grindPow, verifyPow, leadingZeroBits, MAX_POW_BITS } from './grinding.ts';
