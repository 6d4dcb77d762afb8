import { daysBetween, type IsoDate } from '../calendar/iso-date.js';
import type { ClockState } from './clock.js';

export interface Ending {
  how: 'stopped' | 'lapsed';
  on: IsoDate;
}

export interface Judgement {
  state: Exclude<ClockState, 'modified_2020'>;
  daysLate: number;
  daysLateWithoutExceptions: number;
}

const lateness = (on: IsoDate, due: IsoDate) => Math.max(0, daysBetween(due, on));

/**
 * Met on time means on or before the due date. A duty that lapsed after its due date had already
 * been missed, by the days up to the lapse. An open clock is missed from the day after its due date,
 * and due soon within `dueSoonDays` of it.
 */
export function judge(
  { dueDate, dueDateWithExceptions }: { dueDate: IsoDate; dueDateWithExceptions: IsoDate },
  ending: Ending | null,
  asOf: IsoDate,
  dueSoonDays: number,
): Judgement {
  const upTo = ending?.on ?? asOf;
  const daysLate = lateness(upTo, dueDateWithExceptions);
  const daysLateWithoutExceptions = lateness(upTo, dueDate);
  if (ending?.how === 'stopped') return { state: daysLate === 0 ? 'met_on_time' : 'met_late', daysLate, daysLateWithoutExceptions };
  if (daysLate > 0) return { state: 'missed', daysLate, daysLateWithoutExceptions };
  if (ending?.how === 'lapsed') return { state: 'lapsed', daysLate, daysLateWithoutExceptions };
  const state = daysBetween(asOf, dueDateWithExceptions) <= dueSoonDays ? 'due_soon' : 'pending';
  return { state, daysLate, daysLateWithoutExceptions };
}
