import type { Actor } from '../../../ledger/envelope.js';
import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { dateOf, requireLocalAuthority, requireNew } from './guards.js';

/**
 * Retention is "date of birth + N years", N from RETENTION_YEARS_AFTER_BIRTH (31 by default: an EHC plan can
 * run to age 25, plus six years in which a claim can be brought). The erasure entry records the rule in these
 * words, and that recorded rule is what it is judged by, so the trail says which rule applied.
 */
export const retentionRule = (yearsAfterBirth: number) => `date of birth + ${yearsAfterBirth} years`;
const RETENTION_RULE = /^date of birth \+ (\d{1,3}) years$/;

/** The first day the record may be erased under the rule; 29 February rolls to 1 March. */
export function retentionEndsOn(dateOfBirth: string, yearsAfterBirth: number): string {
  const day = new Date(`${dateOfBirth}T00:00:00Z`);
  day.setUTCFullYear(day.getUTCFullYear() + yearsAfterBirth);
  return day.toISOString().slice(0, 10);
}

/** A hold is placed or lifted by an officer of the child's LA, or by the tribunal. */
function requireHoldAuthority(actor: Actor, record: ChildRecord, what: string): void {
  if (actor.role !== 'tribunal') requireLocalAuthority(actor, record, what);
}

export function legalHoldPlaced(command: CommandOf<'LegalHoldPlaced'>, record: ChildRecord): void {
  requireHoldAuthority(command.actor, record, 'place a legal hold');
  requireNew(Boolean(record.legalHolds[command.data.holdId]), 'duplicate-id', 'a legal hold with this id', 'holdId');
}

export function legalHoldLifted(command: CommandOf<'LegalHoldLifted'>, record: ChildRecord): void {
  requireHoldAuthority(command.actor, record, 'lift a legal hold');
  const hold = record.legalHolds[command.data.holdId];
  if (!hold) throw new RuleViolation('unknown-legal-hold', `this child has no legal hold with id ${command.data.holdId}`, 'holdId');
  if (hold.lifted) throw new RuleViolation('legal-hold-lifted', `legal hold ${hold.holdId} was lifted on ${dateOf(hold.lifted.on)}`, 'holdId');
}

/**
 * Only the child's LA erases the record, never under a legal hold, and not before the retention period ends
 * unless it says why (reason "other", e.g. a record made for the wrong child).
 */
export function childRecordErased(command: CommandOf<'ChildRecordErased'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, "erase the child's record");
  const open = Object.values(record.legalHolds).filter((hold) => !hold.lifted);
  if (open.length > 0) {
    throw new RuleViolation(
      'legal-hold-open',
      `the record is under legal hold (${open.map((hold) => hold.holdId).join(', ')}): lift the hold before erasing it`,
      'reason',
    );
  }
  const { reason, detail } = command.data;
  if (reason === 'other') {
    if (!detail) throw new RuleViolation('erasure-reason-missing', 'say why the record is erased before its retention period ends', 'detail');
    return;
  }
  const years = RETENTION_RULE.exec(command.data.retentionRule)?.[1];
  if (years === undefined) {
    throw new RuleViolation('retention-rule-invalid', 'the retention rule must read "date of birth + N years"', 'retentionRule');
  }
  const dateOfBirth = record.profile?.dateOfBirth;
  if (!dateOfBirth) throw new RuleViolation('retention-date-unknown', 'the record holds no date of birth to apply the retention rule to', 'reason');
  const endsOn = retentionEndsOn(dateOfBirth, Number(years));
  if (dateOf(command.occurredAt) < endsOn) {
    throw new RuleViolation(
      'retention-period-not-ended',
      `the record must be kept until ${endsOn} (${command.data.retentionRule}); to erase it earlier give reason "other" and say why`,
      'reason',
    );
  }
}
