/**
 * On-chain Ligero statements (docs/parts/onchain.md §6): the statement file a prover hands over
 * (`.vstmt.json`), its submission to the LigeroStatementVerifier — which verifies the proof and only
 * then writes the StatementRecord — and reads of the record.
 *
 * File format (JSON): { format: "vouch-ligero-statement", version: 1, party, circuit, proof,
 * statementHash, description?, security? } with 0x-hex byte strings. Decoding recomputes the
 * statement hash from (circuit, party); a file whose stated hash differs is malformed.
 */
import { MalformedError } from '@vouch/core';
import {
  getStatementRecord,
  isRecorded,
  onchainStatementHash,
  submitLigeroProof,
  verifyLigeroProofCall,
  ContractRevertError,
  type ChainClients,
  type StatementRecordEntry,
} from '@vouch/contracts';
import { bytesToHex, getAddress, type Address, type Hash, type Hex } from 'viem';
import { readStatementJson } from '../statement-json.ts';
import type { VouchDeployment } from './deployment.ts';

/** A proven Ligero statement, ready to submit. */
export interface LigeroStatement {
  /** The packed public constraint system (LigeroCircuit.sol format). */
  readonly circuit: Uint8Array;
  /** The party the result is for (bound in the proof's transcript). */
  readonly party: Address;
  /** root ‖ Ligero proof bytes. */
  readonly proof: Uint8Array;
  /** SHA-256("vouch/ligero-statement/v1" ‖ SHA-256(circuit) ‖ party): the record key. */
  readonly statementHash: Hex;
  /** What the circuit states, for people (not checked). */
  readonly description?: string;
  /** Soundness of the circuit's Ligero parameters, for people (not checked on chain). */
  readonly security?: { readonly provenBits: number; readonly conjecturedBits: number };
}

/** Format tag of statement files. */
export const STATEMENT_FILE_FORMAT = 'vouch-ligero-statement';

/** Encodes a statement file (JSON text). */
export function encodeStatementFile(s: LigeroStatement): string {
  return `${JSON.stringify(
    {
      format: STATEMENT_FILE_FORMAT,
      version: 1,
      party: s.party,
      statementHash: s.statementHash,
      ...(s.description ? { description: s.description } : {}),
      ...(s.security ? { security: s.security } : {}),
      circuit: bytesToHex(s.circuit),
      proof: bytesToHex(s.proof),
    },
    null,
    2,
  )}\n`;
}

/**
 * Decodes a statement file.
 * @throws {MalformedError} naming the bad field, or when the stated hash is not the statement's.
 */
export function decodeStatementFile(text: string, source = 'statement file'): LigeroStatement {
  const { j, bytes, party: lower } = readStatementJson(text, source, STATEMENT_FILE_FORMAT);
  const party = getAddress(lower);
  const circuit = bytes('circuit');
  const proof = bytes('proof');
  const statementHash = onchainStatementHash(circuit, party);
  if (typeof j.statementHash !== 'string' || j.statementHash.toLowerCase() !== statementHash) {
    throw new MalformedError(`${source}.statementHash`, `expected ${statementHash} (recomputed from circuit and party), got ${String(j.statementHash)}`);
  }
  const sec = j.security as { provenBits?: unknown; conjecturedBits?: unknown } | undefined;
  return {
    circuit,
    party,
    proof,
    statementHash,
    ...(typeof j.description === 'string' ? { description: j.description } : {}),
    ...(sec && typeof sec.provenBits === 'number' && typeof sec.conjecturedBits === 'number' ? { security: { provenBits: sec.provenBits, conjecturedBits: sec.conjecturedBits } } : {}),
  };
}

/** Result of {@link submitStatement}. */
export interface SubmitResult {
  readonly statementHash: Hex;
  readonly txHash: Hash;
  readonly gasUsed: bigint;
}

/**
 * Submits a statement: the verifier contract checks the proof and, only if it verifies, writes the
 * record for the statement's party. Anyone may submit (the party is bound in the proof).
 * @throws ContractRevertError with the failing check's error (`ProximityMismatch`, `MerkleRootMismatch`,
 *   …), `AlreadyVerified` for a recorded statement, `NotVerifier` if the verifier lost its authorisation.
 */
export async function submitStatement(c: ChainClients, d: VouchDeployment, s: LigeroStatement, gas?: bigint): Promise<SubmitResult> {
  const r = await submitLigeroProof(c, d.ligeroVerifier, s.circuit, s.party, s.proof, ...(gas === undefined ? [] : [gas]));
  return { statementHash: s.statementHash, ...r };
}

/**
 * Verifies a statement on chain without recording it (eth_call; no gas is spent).
 * @returns the statement hash the contract computed.
 * @throws ContractRevertError with the failing check's error.
 */
export function verifyStatementCall(c: ChainClients, d: VouchDeployment, s: LigeroStatement): Promise<Hex> {
  return verifyLigeroProofCall(c, d.ligeroVerifier, s.circuit, s.party, s.proof);
}

/** Whether `statementHash` is in the record. */
export function isStatementVerified(c: ChainClients, d: VouchDeployment, statementHash: Hex): Promise<boolean> {
  return isRecorded(c, d.record, statementHash);
}

/** The record of `statementHash`, or undefined when it is not recorded. */
export async function readStatement(c: ChainClients, d: VouchDeployment, statementHash: Hex): Promise<StatementRecordEntry | undefined> {
  try {
    return await getStatementRecord(c, d.record, statementHash);
  } catch (e) {
    if (e instanceof ContractRevertError && e.errorName === 'UnknownStatement') return undefined;
    throw e;
  }
}
