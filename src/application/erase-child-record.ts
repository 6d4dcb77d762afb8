import { childStreamId } from '../domain/child-record/events.js';
import { retentionRule } from '../domain/child-record/rules/retention-rules.js';
import { NotFound, RuleViolation } from '../domain/errors.js';
import type { Actor, LedgerEntry } from '../ledger/envelope.js';
import type { ChildKeyStore } from '../privacy/child-key-store.js';
import { recordChildEntry, type EntryOptions, type LedgerDependencies } from './record-child-entry.js';

export interface ErasureOptions extends EntryOptions {
  reason: 'retention_period_ended' | 'other';
  /** Why the record goes before its retention period ends (required with reason "other"). No personal data: it stays readable. */
  detail?: string;
  /** RETENTION_YEARS_AFTER_BIRTH from the configuration. */
  retentionYearsAfterBirth: number;
}

export interface ErasedRecord {
  childId: string;
  /** The ChildRecordErased entry (stored unencrypted, so it reads the same after the key is gone). */
  erasure: LedgerEntry;
  /** True when an earlier run had already recorded the erasure and this run only finished destroying the key. */
  alreadyRecorded: boolean;
}

const erasureIn = (entries: LedgerEntry[]) => entries.find((entry) => entry.type === 'ChildRecordErased');

/**
 * Erase a child's record by crypto-shredding: record ChildRecordErased through the normal write path (so the
 * LA, legal hold and retention rules judge it), then destroy the child's data key.
 *
 * Record first, then destroy. The other order could lose the key with no entry saying why, and an erasure
 * the rules would have refused (a legal hold) could not be undone. A crash between the two leaves the
 * erasure recorded and the key alive: the rules already refuse anything more about the child, and running
 * this again finds the recorded erasure and destroys the key. So the function is idempotent: every run
 * ends with the erasure recorded once and the key destroyed.
 */
export async function eraseChildRecord(
  deps: LedgerDependencies,
  keys: ChildKeyStore,
  childId: string,
  actor: Actor,
  options: ErasureOptions,
): Promise<ErasedRecord> {
  const { reason, detail, retentionYearsAfterBirth, ...entryOptions } = options;
  const entries = await deps.store.readStream(childStreamId(childId));
  let erasure = erasureIn(entries);
  const alreadyRecorded = erasure !== undefined;
  if (!erasure) {
    if (entries.length === 0) throw new NotFound('child');
    const { keyId } = await keys.keyFor(childId);
    const data = { reason, retentionRule: retentionRule(retentionYearsAfterBirth), keyId, ...(detail === undefined ? {} : { detail }) };
    try {
      [erasure] = (await recordChildEntry(deps, childId, actor, 'ChildRecordErased', data, entryOptions)).entries;
    } catch (error) {
      // Another writer recorded the erasure first: finish its work.
      if (!(error instanceof RuleViolation && error.rule === 'record-erased')) throw error;
      erasure = erasureIn(await deps.store.readStream(childStreamId(childId)));
    }
  }
  await keys.destroy(childId);
  return { childId, erasure: erasure!, alreadyRecorded };
}
