import type { Actor } from '../../../ledger/envelope.js';
import { parseInstant } from '../../calendar/claimed-dates.js';
import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, type Role } from '../../roles.js';
import type { ChildCommand, CommandOf } from '../commands.js';
import { IDENTITY_FIELDS, RETRACTABLE_TYPES } from '../corrections.js';
import { evolve } from '../evolve.js';
import { CHILD_EVENT_SCHEMAS, isChildEventType, type ChildEvent } from '../events.js';
import { initialChildRecord, type ChildRecord } from '../state.js';
import { requireEntryAfterBirth } from './birth-rules.js';
import { requireMoveStillCorrectable } from './la-transfer-rules.js';

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
    requireMayCorrect(command, record, target);
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
  const unknown = correctedData === undefined ? null : unknownField(correctedData, corrected);
  if (unknown !== null) {
    throw new RuleViolation('corrected-data-unknown-field', `correctedData.${unknown}: a ${target.type} entry has no such field`, `correctedData.${unknown}`);
  }
  for (const field of IDENTITY_FIELDS) {
    if (corrected[field] !== (target.data as Record<string, unknown>)[field]) {
      throw new RuleViolation('correction-changes-identity', `a correction cannot change ${field}: it ties the entry to the rest of the record`, `correctedData.${field}`);
    }
  }
  requireMayCorrect(command, record, target);
  requireMoveStillCorrectable(target, corrected, record);
  const before = record.history.slice(0, index).reduce(evolve, initialChildRecord());
  const occurredAt = correctedOccurredAt === undefined ? target.occurredAt : parseInstant(correctedOccurredAt);
  try {
    judge({ record: target.type, data: corrected, actor: judgedAs(command.actor, record, before, target), occurredAt } as ChildCommand, before);
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    const field = error.field === 'occurredAt' ? 'correctedOccurredAt' : error.field ? `correctedData.${error.field}` : 'correctedData';
    throw new RuleViolation(error.rule, `the corrected entry would break a rule: ${error.message}`, field);
  }
  if (target.type === 'ChildRegistered') requireRecordAfterCorrectedBirth(record, target.eventId, corrected['dateOfBirth'] as string);
  return correctedData === undefined ? command.data : { ...command.data, correctedData: corrected };
}

/** A corrected date of birth must not put anything already recorded about the child before the birth. */
function requireRecordAfterCorrectedBirth(record: ChildRecord, registrationEventId: string, dateOfBirth: string): void {
  for (const entry of record.history) {
    if (entry.eventId === registrationEventId || !isChildEventType(entry.type)) continue;
    try {
      requireEntryAfterBirth(entry.type, entry.data, entry.occurredAt, dateOfBirth, () => 'correctedData.dateOfBirth');
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      throw new RuleViolation(error.rule, `the corrected date of birth would put entry ${entry.eventId} (${entry.type}) before the birth: ${error.message}`, 'correctedData.dateOfBirth');
    }
  }
}

/**
 * The first member of the data sent that the entry's schema does not know (the schema would drop it), so
 * that what is stored is what was sent, or nothing.
 */
function unknownField(sent: unknown, parsed: unknown, path = ''): string | null {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    for (let i = 0; i < sent.length; i++) {
      const found = unknownField(sent[i], parsed[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (sent === null || typeof sent !== 'object' || parsed === null || typeof parsed !== 'object') return null;
  for (const [key, value] of Object.entries(sent)) {
    const at = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(parsed, key)) return value === undefined ? null : at;
    const found = unknownField(value, (parsed as Record<string, unknown>)[key], at);
    if (found !== null) return found;
  }
  return null;
}

const isLocalAuthorityOfficer = (actor: Actor) => LOCAL_AUTHORITY_ROLES.includes(actor.role as Role);

/**
 * The organisation that recorded an entry answers for it; the child's own LA answers for the whole
 * record. An entry a local authority recorded is corrected only by the child's LA as it is now: after a
 * move (reg 15(3)) the new LA maintains the plan, and the old LA no longer speaks for it.
 */
function requireMayCorrect(command: CommandOf<'EntryCorrected'>, record: ChildRecord, target: ChildEvent): void {
  const laCode = record.profile?.laCode;
  const childsLocalAuthority = isLocalAuthorityOfficer(command.actor) && command.actor.organisation === laCode;
  if (childsLocalAuthority) return;
  if (isLocalAuthorityOfficer(target.actor)) {
    throw new NotPermitted(
      `only the child's local authority (${laCode ?? 'unknown'}) may correct or retract entry ${command.data.supersedesEventId}, which a local authority recorded`,
    );
  }
  if (command.actor.organisation !== target.actor.organisation) {
    throw new NotPermitted(
      `only the organisation that recorded entry ${command.data.supersedesEventId} (${target.actor.organisation}), or the child's local authority, may correct or retract it`,
    );
  }
}

/**
 * Whom the corrected entry's own rule sees as its author. The child's LA correcting an entry that another
 * LA recorded while it held the record (before a move) stands in that LA's shoes: reg 15(3) treats the
 * plan as made by the new LA, so it answers for the old LA's entries about it.
 */
function judgedAs(actor: Actor, record: ChildRecord, before: ChildRecord, target: ChildEvent): Actor {
  const then = before.profile?.laCode;
  const successor =
    isLocalAuthorityOfficer(actor) &&
    actor.organisation === record.profile?.laCode &&
    then !== undefined &&
    then !== actor.organisation &&
    target.actor.organisation === then;
  return successor ? { ...actor, organisation: then } : actor;
}
