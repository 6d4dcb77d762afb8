import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import { IDENTITY_FIELDS, RETRACTABLE_TYPES } from '../corrections.js';
import { CHILD_EVENT_SCHEMAS, isChildEventType } from '../events.js';
import type { ChildRecord } from '../state.js';
import { requireLocalAuthority } from './guards.js';

/** Entry types only the LA may record, so only the LA may correct them. */
const LA_DECISIONS = new Set([
  'DecisionToAssess', 'DecisionNotToAssess', 'DecisionNotToIssue', 'AdviceRequested',
  'DraftPlanIssued', 'FinalPlanIssued', 'PlanAmended', 'PlanCeased',
]);

/**
 * A correction supersedes one entry with a reason; the original stays in the trail.
 * It may change the entry's data (same type, same identifiers) or its claimed date, or retract it.
 */
export function entryCorrected(command: CommandOf<'EntryCorrected'>, record: ChildRecord): CommandOf<'EntryCorrected'>['data'] {
  const { supersedesEventId, correctedData, correctedOccurredAt, retracted } = command.data;
  const target = record.entries[supersedesEventId];
  if (!target || !isChildEventType(target.type)) {
    throw new RuleViolation(
      'correction-target-unknown',
      `this child's record has no entry ${supersedesEventId} in force (a correction corrects the original entry, not another correction)`,
      'supersedesEventId',
    );
  }
  const provisionId = target.data['provisionId'];
  const planProvision = typeof provisionId === 'string' && record.provisions[provisionId]?.planId !== undefined;
  if (LA_DECISIONS.has(target.type) || (planProvision && (target.type === 'ProvisionPromised' || target.type === 'ProvisionVaried' || target.type === 'ProvisionWithdrawn'))) {
    requireLocalAuthority(command.actor, `correct a ${target.type} entry`);
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
    return command.data;
  }
  if (correctedData === undefined && correctedOccurredAt === undefined) {
    throw new RuleViolation('correction-changes-nothing', 'give correctedData, correctedOccurredAt, or retracted: true', 'correctedData');
  }
  if (correctedData === undefined) return command.data;
  const parsed = CHILD_EVENT_SCHEMAS[target.type].safeParse(correctedData);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['correctedData', ...issue.path.map(String)].join('.');
    throw new RuleViolation('corrected-data-invalid', `${path}: ${issue.message} (for a ${target.type} entry)`, path);
  }
  for (const field of IDENTITY_FIELDS) {
    if (field in target.data && (parsed.data as Record<string, unknown>)[field] !== target.data[field]) {
      throw new RuleViolation('correction-changes-identity', `a correction cannot change ${field}: it ties the entry to the rest of the record`, `correctedData.${field}`);
    }
  }
  return { ...command.data, correctedData: parsed.data as Record<string, unknown> };
}
