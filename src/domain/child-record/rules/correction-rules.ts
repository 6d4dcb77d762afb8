import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, type Role } from '../../roles.js';
import type { ChildCommand, CommandOf } from '../commands.js';
import { IDENTITY_FIELDS, RETRACTABLE_TYPES } from '../corrections.js';
import { evolve } from '../evolve.js';
import { CHILD_EVENT_SCHEMAS, isChildEventType } from '../events.js';
import { initialChildRecord, type ChildRecord } from '../state.js';

/** Applies the rule of an entry type to a command against a record (the decider's rule table). */
export type Judge = (command: ChildCommand, record: ChildRecord) => ChildCommand['data'];

/**
 * A correction supersedes one entry with a reason; the original stays in the trail. It may change
 * the entry's data (same type, same identifiers) or its claimed date, or retract it. The corrected
 * entry must pass the same rule as the original would have, judged against the record as it stood
 * just before the original, and come from the organisation that recorded the original or the child's LA.
 */
export function entryCorrected(command: CommandOf<'EntryCorrected'>, record: ChildRecord, judge: Judge): CommandOf<'EntryCorrected'>['data'] {
  const { supersedesEventId, correctedData, correctedOccurredAt, retracted } = command.data;
  const index = record.history.findIndex((e) => e.eventId === supersedesEventId && e.type !== 'EntryCorrected');
  const target = record.history[index];
  if (!target || !isChildEventType(target.type)) {
    throw new RuleViolation(
      'correction-target-unknown',
      `this child's record has no entry ${supersedesEventId} in force (a correction corrects the original entry, not another correction)`,
      'supersedesEventId',
    );
  }
  if (retracted) {
    if (correctedData !== undefined || correctedOccurredAt !== undefined) {
      throw new RuleViolation('retraction-with-data', 'a retraction removes the entry; it carries no corrected data or date', 'retracted');
    }
    if (!RETRACTABLE_TYPES.has(target.type)) {
      throw new RuleViolation(
        'not-retractable',
        `a ${target.type} entry cannot be retracted because later entries build on it: correct its details, or record the decision that replaces it`,
        'retracted',
      );
    }
    requireMayCorrect(command, record, target.actor.organisation);
    return command.data;
  }
  if (correctedData === undefined && correctedOccurredAt === undefined) {
    throw new RuleViolation('correction-changes-nothing', 'give correctedData, correctedOccurredAt, or retracted: true', 'correctedData');
  }
  const parsed = CHILD_EVENT_SCHEMAS[target.type].safeParse(correctedData ?? target.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['correctedData', ...issue.path.map(String)].join('.');
    throw new RuleViolation('corrected-data-invalid', `${path}: ${issue.message} (for a ${target.type} entry)`, path);
  }
  const corrected = parsed.data as Record<string, unknown>;
  for (const field of IDENTITY_FIELDS) {
    if (corrected[field] !== (target.data as Record<string, unknown>)[field]) {
      throw new RuleViolation('correction-changes-identity', `a correction cannot change ${field}: it ties the entry to the rest of the record`, `correctedData.${field}`);
    }
  }
  requireMayCorrect(command, record, target.actor.organisation);
  const before = record.history.slice(0, index).reduce(evolve, initialChildRecord());
  const occurredAt = correctedOccurredAt === undefined ? target.occurredAt : new Date(correctedOccurredAt).toISOString();
  try {
    judge({ record: target.type, data: corrected, actor: command.actor, occurredAt } as ChildCommand, before);
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    const field = error.field === 'occurredAt' ? 'correctedOccurredAt' : error.field ? `correctedData.${error.field}` : 'correctedData';
    throw new RuleViolation(error.rule, `the corrected entry would break a rule: ${error.message}`, field);
  }
  return correctedData === undefined ? command.data : { ...command.data, correctedData: corrected };
}

/** The organisation that recorded an entry answers for it; the child's own LA answers for the whole record. */
function requireMayCorrect(command: CommandOf<'EntryCorrected'>, record: ChildRecord, recordedBy: string): void {
  const childsLocalAuthority = LOCAL_AUTHORITY_ROLES.includes(command.actor.role as Role) && command.actor.organisation === record.profile?.laCode;
  if (command.actor.organisation !== recordedBy && !childsLocalAuthority) {
    throw new NotPermitted(`only the organisation that recorded entry ${command.data.supersedesEventId} (${recordedBy}), or the child's local authority, may correct or retract it`);
  }
}
