/**
 * Packing of sub-row aligned tensors (docs/parts/inference.md §Layout, "aligned packing").
 *
 * An op's element-wise products are row triples (core zk/layout.ts): W[a, i]·W[b, i] = W[c, i] for
 * EVERY column i of the three rows. An aligned tensor whose padded size s is below the row width ℓ
 * therefore used to take a whole row, leaving ℓ − s zero columns (0·0 = 0 keeps the triples
 * satisfied). Nodes whose aligned allocations are IDENTICAL — the same sequence of aligned tensors,
 * all of one padded size s < ℓ, and the same triples between them (their "signature", recorded in a
 * first planning pass) — can instead share rows: the j-th node of a band of ℓ/s such nodes places
 * its k-th aligned tensor at column j·s of the band's k-th row. Every triple of the band's first node
 * then covers the same triple of every other member (same rows, its own columns), and unused slots
 * stay zero, so the relation each op proves is unchanged (soundness: the same triple constraints on
 * every member's columns; completeness: every slot satisfies the product, members by their own
 * relation, empty slots as 0·0 = 0). The arrangement depends on public shapes only, so prover and
 * verifier derive the same layout.
 */

/** What a node allocated with `alignedVector` / `triple` (first planning pass). */
export interface AlignedSignature {
  /** Padded size of each aligned tensor, in allocation order. */
  readonly sizes: number[];
  /** Triples as indices into the node's aligned tensors; `undefined` entries: not all its own. */
  readonly triples: ([number, number, number] | undefined)[];
}

/** A band of rows shared by nodes of one signature. */
interface Band {
  readonly key: string;
  readonly slots: number;
  readonly rows: number[];
  used: number;
}

/** A node's place in a band. */
export interface AlignedSlot {
  /** The signature's packing key ({@link packingKey}); the second pass checks the node against it. */
  readonly key: string;
  /** Slot index j (column offset j·s); 0 = the band's first member, which allocates the rows. */
  readonly slot: number;
  readonly size: number;
  /** The band's rows, one per aligned tensor (filled by the first member). */
  readonly rows: number[];
}

/** A signature's packing key, or undefined when its node cannot share rows at row width ℓ. */
export function packingKey(sig: AlignedSignature, rowWidth: number): string | undefined {
  if (sig.sizes.length === 0 || sig.triples.some((t) => t === undefined)) return undefined;
  const s = sig.sizes[0];
  if (s >= rowWidth || sig.sizes.some((x) => x !== s)) return undefined;
  return `${s}|${sig.sizes.length}|${sig.triples.map((t) => t!.join(',')).join(';')}`;
}

/** Assigns band slots to nodes in graph order (deterministic, public). */
export class AlignedPacker {
  private readonly open = new Map<string, Band>();

  constructor(private readonly rowWidth: number) {}

  /** The slot of a node with signature `sig`, or undefined when it is not packed. */
  slotFor(sig: AlignedSignature | undefined): AlignedSlot | undefined {
    if (!sig) return undefined;
    const key = packingKey(sig, this.rowWidth);
    if (key === undefined) return undefined;
    const size = sig.sizes[0];
    let band = this.open.get(key);
    if (!band || band.used === band.slots) {
      band = { key, slots: this.rowWidth / size, rows: [], used: 0 };
      this.open.set(key, band);
    }
    return { key, slot: band.used++, size, rows: band.rows };
  }
}
