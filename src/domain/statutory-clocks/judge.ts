import { daysBetween, type IsoDate } from '../calendar/iso-date.js';
import type { DutyState, RightState } from './clock.js';

export interface Ending {
  /** not_applicable: the limit never applied (see EndingEntry.notApplicable): lapsed whenever it came, never late. */
  how: 'stopped' | 'lapsed' | 'not_applicable';
  on: IsoDate;
}

export interface DutyJudgement {
  state: Exclude<DutyState, 'modified_2020'>;
  daysLate: number;
  daysLateWithoutExceptions: number;
}

const lateness = (on: IsoDate, due: IsoDate) => Math.max(0, daysBetween(due, on));

/**
 * Met on time means on or before the due date. A duty that ended unmet after its due date had been
 * missed by the days up to its end, and no more: lateness stops growing when the duty ends. An open
 * clock is missed from the day after its due date, and due soon within `dueSoonDays` of it. A limit that never
 * applied (an ending `not_applicable`) is lapsed, whenever it ended: nothing was owed.
 */
export function judgeDuty(
  { dueDate, dueDateWithExceptions }: { dueDate: IsoDate; dueDateWithExceptions: IsoDate },
  ending: Ending | null,
  asOf: IsoDate,
  dueSoonDays: number,
): DutyJudgement {
  if (ending?.how === 'not_applicable') return { state: 'lapsed', daysLate: 0, daysLateWithoutExceptions: 0 };
  const upTo = ending?.on ?? asOf;
  const daysLate = lateness(upTo, dueDateWithExceptions);
  const daysLateWithoutExceptions = lateness(upTo, dueDate);
  if (ending?.how === 'stopped') return { state: daysLate === 0 ? 'met_on_time' : 'met_late', daysLate, daysLateWithoutExceptions };
  if (daysLate > 0) return { state: 'missed', daysLate, daysLateWithoutExceptions };
  if (ending?.how === 'lapsed') return { state: 'lapsed', daysLate, daysLateWithoutExceptions };
  const state = daysBetween(asOf, dueDateWithExceptions) <= dueSoonDays ? 'due_soon' : 'pending';
  return { state, daysLate, daysLateWithoutExceptions };
}

/**
 * A right's window is open up to and including its last day. Used in time it was exercised; registered
 * after, it was registered out of time (the tribunal may extend time); never used, it closed unused.
 */
export function judgeRight(lastDay: IsoDate, exercisedOn: IsoDate | null, asOf: IsoDate): RightState {
  if (exercisedOn !== null) return exercisedOn <= lastDay ? 'exercised' : 'registered_out_of_time';
  return asOf <= lastDay ? 'open' : 'closed_unused';
}
