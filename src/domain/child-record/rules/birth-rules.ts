import { addDays, addMonths, englandDateOf, type IsoDate } from '../../calendar/iso-date.js';
import { RuleViolation } from '../../errors.js';
import type { ChildCommand } from '../commands.js';
import { CHILD_EVENT_SCHEMAS, type ChildEventType } from '../events.js';
import type { ChildRecord } from '../state.js';
import { calendarDatesIn } from '../vocabulary.js';

// Messages name fields, never the dates themselves: a date of birth is personal data (domain/errors.ts).

/**
 * Nothing about a child can have happened before the child was born. The law allows nothing before
 * birth either: the duties of Part 3 of the CFA 2014 are owed to a child or young person (s.83(2)), and
 * even the earliest of them, a health body telling the LA that a child under compulsory school age
 * probably has SEN (s.23), is about a child who has been born. So every claimed date of an entry (when it
 * happened, and each date its data gives: a provision's start, a meeting, a period, a due date) must be
 * on or after the date of birth.
 */
export function requireNothingBeforeBirth(command: ChildCommand, record: ChildRecord): void {
  if (command.record === 'ChildRegistered') return requireBornWithinAgeRange(command.data.dateOfBirth, englandDateOf(command.occurredAt));
  const dateOfBirth = record.profile?.dateOfBirth;
  if (dateOfBirth === undefined) return;
  requireEntryAfterBirth(command.record, command.data, command.occurredAt, dateOfBirth, (field) => field);
}

/** One entry's claimed date and data dates against a date of birth; `fieldOf` names a field in the caller's request. */
export function requireEntryAfterBirth(type: ChildEventType, data: unknown, occurredAt: string, dateOfBirth: IsoDate, fieldOf: (field: string) => string): void {
  const on = englandDateOf(occurredAt);
  if (on < dateOfBirth) {
    throw new RuleViolation('before-birth', "occurredAt is before the child's date of birth: nothing about a child happens before the child is born", fieldOf('occurredAt'));
  }
  for (const { field, date } of calendarDatesIn(CHILD_EVENT_SCHEMAS[type], data)) {
    if (type === 'ChildRegistered' && field === 'dateOfBirth') continue;
    if (date < dateOfBirth) {
      throw new RuleViolation('before-birth', `${field} is before the child's date of birth: nothing about a child happens before the child is born`, fieldOf(field));
    }
  }
}

/** The day a person reaches an age: someone born on 29 February does so on 1 March in a common year (Family Law Reform Act 1969 s.9). */
function birthdayOf(dateOfBirth: IsoDate, years: number): IsoDate {
  const anniversary = addMonths(dateOfBirth, years * 12);
  return dateOfBirth.endsWith('-02-29') && anniversary.endsWith('-02-28') ? addDays(anniversary, 1) : anniversary;
}

/** The SEND system covers the ages 0 to 25 (CFA 2014 s.83(2); CoP 2015 "0 to 25"). */
export const AGE_LIMIT_YEARS = 26;

/**
 * A child is registered once born (so a date of birth is never after the registration, which itself is
 * never in the future) and while under 26: a date of birth 26 or more years before the registration
 * is outside the age range the record exists for.
 */
export function requireBornWithinAgeRange(dateOfBirth: IsoDate, registeredOn: IsoDate): void {
  if (dateOfBirth > registeredOn) {
    throw new RuleViolation(
      'born-after-registration',
      'the date of birth is after the day of the registration: a child is registered once born, so the date of birth can be neither in the future nor after the registration',
      'dateOfBirth',
    );
  }
  if (birthdayOf(dateOfBirth, AGE_LIMIT_YEARS) <= registeredOn) {
    throw new RuleViolation(
      'outside-age-range',
      `with this date of birth the young person is ${AGE_LIMIT_YEARS} or older on the day of the registration: the record covers ages 0 to 25`,
      'dateOfBirth',
    );
  }
}
