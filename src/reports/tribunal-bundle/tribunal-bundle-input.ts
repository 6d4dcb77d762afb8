import type { BundleManifest } from '../../integrity/evidence/bundle.js';
import type { SignedTreeHead } from '../../integrity/tree-head.js';
import type { LedgerEntry } from '../../ledger/envelope.js';

/** What the bundle is drawn from: exactly what a verifier holds once the bundle's entries have verified. */
export interface TribunalBundleInput {
  manifest: BundleManifest;
  /** The child's verified entries in revision order, data in plain; an undisclosed one has data { $erased: true } and is listed in manifest.undisclosed. */
  entries: readonly LedgerEntry[];
  /** Null for a draft (the page check before export): the head is signed when the bundle is exported. */
  treeHead: SignedTreeHead | null;
  /** The witnesses' co-signatures that verified. */
  cosignatures: readonly { witness: string; witnessKeyId: string; cosignedAt: string }[];
}
