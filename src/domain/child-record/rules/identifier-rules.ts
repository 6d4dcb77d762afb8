import { RuleViolation } from '../../errors.js';
import { identifierName as words, normalisedIdentifier } from '../../identifiers/pupil-identifiers.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';

/**
 * National identifiers: the schema checks each by its check letter or digit; these rules store the form that was
 * checked (no spaces, capitals) and keep decisions not to disclose one in order.
 */
export function identifierRecorded(command: CommandOf<'IdentifierRecorded'>): CommandOf<'IdentifierRecorded'>['data'] {
  return { ...command.data, value: normalisedIdentifier(command.data.scheme, command.data.value) };
}

export function identifierWithheld(command: CommandOf<'IdentifierWithheld'>, record: ChildRecord): void {
  if (record.withheldIdentifiers[command.data.scheme]) {
    throw new RuleViolation('identifier-already-withheld', `the ${words(command.data.scheme)} is already withheld`, 'scheme');
  }
}

export function identifierWithholdingLifted(command: CommandOf<'IdentifierWithholdingLifted'>, record: ChildRecord): void {
  if (!record.withheldIdentifiers[command.data.scheme]) {
    throw new RuleViolation('identifier-not-withheld', `the ${words(command.data.scheme)} is not withheld, so there is nothing to lift`, 'scheme');
  }
}
