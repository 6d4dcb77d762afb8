import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { dateOf, requireNew } from './guards.js';

/** Consent lasts a stated time: open-ended consent to read a child's record is not asked of anyone. */
const LONGEST_CONSENT_DAYS = 3 * 366;

export function youngPersonRecorded(command: CommandOf<'YoungPersonRecorded'>, record: ChildRecord): void {
  if (record.youngPerson) {
    throw new RuleViolation('young-person-recorded', 'the young person\'s identity is already recorded; correct that entry to change it', 'personId');
  }
}

export function professionalInvolved(command: CommandOf<'ProfessionalInvolved'>, record: ChildRecord): void {
  requireNew(Boolean(record.involvements[command.data.involvementId]), 'duplicate-id', 'an involvement with this id', 'involvementId');
}

export function professionalInvolvementEnded(command: CommandOf<'ProfessionalInvolvementEnded'>, record: ChildRecord): void {
  const involvement = record.involvements[command.data.involvementId];
  if (!involvement) throw new RuleViolation('unknown-involvement', `this child has no involvement with id ${command.data.involvementId}`, 'involvementId');
  if (involvement.ended) throw new RuleViolation('involvement-ended', `involvement ${involvement.involvementId} ended on ${dateOf(involvement.ended.on)}`, 'involvementId');
}

export function consentGranted(command: CommandOf<'ConsentGranted'>, record: ChildRecord): void {
  requireNew(Boolean(record.consentGrants[command.data.grantId]), 'duplicate-id', 'a consent grant with this id', 'grantId');
  const from = dateOf(command.occurredAt);
  if (command.data.expiresOn <= from) throw new RuleViolation('consent-expiry', `consent must end after the day it is given (${from})`, 'expiresOn');
  const days = (Date.parse(command.data.expiresOn) - Date.parse(from)) / 86_400_000;
  if (days > LONGEST_CONSENT_DAYS) throw new RuleViolation('consent-expiry', 'consent may last at most three years; grant it again when it ends', 'expiresOn');
}

export function consentRevoked(command: CommandOf<'ConsentRevoked'>, record: ChildRecord): void {
  const grant = record.consentGrants[command.data.grantId];
  if (!grant) throw new RuleViolation('unknown-consent-grant', `this child has no consent grant with id ${command.data.grantId}`, 'grantId');
  if (grant.revoked) throw new RuleViolation('consent-revoked', `consent grant ${grant.grantId} was revoked on ${dateOf(grant.revoked.on)}`, 'grantId');
}
