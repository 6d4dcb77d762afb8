import type { LedgerEntry } from '../../../ledger/envelope.js';
import type { BundleManifest } from '../bundle.js';
import type { SignedTreeHead } from '../../tree-head.js';
import type { Cosignature, WitnessPolicy } from '../../witness/cosignature.js';

/** Where a failure is: an entry of the child's record (by revision, with its event id when its bytes say one), or the bundle itself. */
export interface FailurePlace {
  revision: number | null;
  eventId: string | null;
  /** "entry 7" (numbered from 1, as the hearing bundle numbers entries: revision 6), "the export record", "the tree head", "the tribunal bundle PDF", "the bundle". */
  label: string;
}

export interface BundleFailure {
  place: FailurePlace;
  problem: string;
}

/** What a reader is told about the witnesses: which policy was applied, where it came from, and who co-signed. */
export interface WitnessOutcome {
  policy: WitnessPolicy | null;
  /** 'reader': a policy the reader supplied; 'bundle': the one the ledger states in the manifest; 'none'. */
  policySource: 'reader' | 'bundle' | 'none';
  satisfiedBy: string[];
}

/** The result of checking a bundle: every failure named, and what was verified (for the readable chronology). */
export interface BundleVerification {
  ok: boolean;
  failures: BundleFailure[];
  /** Null when the file is not a bundle at all. */
  manifest: BundleManifest | null;
  treeHead: SignedTreeHead | null;
  /** Entries whose bytes, proof and chain hold, in revision order, with their data opened (undisclosed ones { $erased: true }). */
  verifiedEntries: LedgerEntry[];
  entriesChecked: number;
  cosignatures: Cosignature[];
  witnesses: WitnessOutcome;
  /** The readable bundle drawn again from the verified entries (null when the entries did not verify, so nothing was drawn). */
  regeneratedPdf: Uint8Array | null;
  /** Whether the bundled PDF is byte for byte the regenerated one (null when it could not be checked). */
  documentMatches: boolean | null;
}
