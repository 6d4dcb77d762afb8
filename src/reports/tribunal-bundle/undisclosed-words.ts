import type { LedgerEntry } from '../../ledger/envelope.js';
import type { BundleManifest } from '../../integrity/evidence/bundle.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';

/** Why an entry's content is not in the bundle, in words: its existence, order and proof still are. */
export function undisclosedReason(revision: number, manifest: BundleManifest, entries: readonly LedgerEntry[]): string | null {
  const undisclosed = manifest.undisclosed.find((u) => u.revision === revision);
  if (!undisclosed) return null;
  if (undisclosed.reason === 'sealed_before_entry_keys') {
    return 'Its content is not disclosed: it was sealed before entries had their own keys, so its content cannot be disclosed without disclosing the whole record.';
  }
  // The erasure's own entry keeps its date even once what it said is gone.
  const erasure = entries.find((e) => e.type === 'ChildRecordErased');
  return erasure ? `Its content was erased on ${ukDate(erasure.metadata.recordedAt)}, when the child's record was erased.` : "Its content was erased with the child's record.";
}
