import { addDays, addMonths, addWeeks, laterOf, makeDate, yearOf, type IsoDate } from '../calendar/iso-date.js';
import { addWorkingDays, firstWorkingDayAfter, isWorkingDay, nextWorkingDayOnOrAfter } from '../calendar/working-days.js';
import type { Duration, Limit, PhaseTransfer } from './rule-types.js';

/**
 * "Within N of" a date runs from the day after it, so the last day is date + N. "In the period of N
 * starting with" a date counts the date itself, so the last day is one earlier (CFA 2014 s.44(1)).
 */
export function endOfDuration(date: IsoDate, { amount, unit, startingWithTriggerDay }: Duration): IsoDate {
  const from = startingWithTriggerDay ? addDays(date, -1) : date;
  switch (unit) {
    case 'calendar_days':
      return addDays(from, amount);
    case 'weeks':
      return addWeeks(from, amount);
    case 'months':
      return addMonths(from, amount);
    case 'working_days':
      return addWorkingDays(from, amount);
  }
}

type PhaseTransferLimit = Extract<Limit, { computation: 'phase_transfer' }>;
type AppealWindowLimit = Extract<Limit, { computation: 'appeal_window' }>;

/** Reg 18: the last day to review and amend the plan before a transfer starting on `startsOn`. */
export function phaseTransferDeadline(startsOn: IsoDate, transfer: PhaseTransfer, limit: PhaseTransferLimit): IsoDate {
  const deadline = limit.deadlines[transfer];
  return 'monthsBefore' in deadline ? addMonths(startsOn, -deadline.monthsBefore) : makeDate(yearOf(startsOn), deadline.month, deadline.day);
}

export interface AppealWindowEnd {
  dueDate: IsoDate;
  from: 'decision' | 'certificate';
  beforeAdjustment: IsoDate;
  adjustment: string | null;
}

const monthDay = (date: IsoDate) => date.slice(5);

/** The closed period (Christmas, August) a date falls in, with the date that period ends. */
function closedPeriodOf(date: IsoDate, limit: AppealWindowLimit): { name: string; endsOn: IsoDate } | undefined {
  const md = monthDay(date);
  for (const period of limit.closedPeriods) {
    const wraps = period.from > period.to;
    const inside = wraps ? md >= period.from || md <= period.to : md >= period.from && md <= period.to;
    if (!inside) continue;
    const [month, day] = period.to.split('-').map(Number) as [number, number];
    const endsThisYear = makeDate(yearOf(date), month, day);
    return { name: period.name, endsOn: endsThisYear >= date ? endsThisYear : makeDate(yearOf(date) + 1, month, day) };
  }
  return undefined;
}

/**
 * Tribunal Rules r.20(1)(c): 2 months after the decision letter, or 1 month from the mediation
 * certificate if later; r.12(3): an end from 25 December to 1 January, or in August, moves to the
 * first working day after 1 January or 31 August; r.12(2): any other non-working day, to the next working day.
 */
export function appealWindowEnd(decisionOn: IsoDate, certificateOn: IsoDate | undefined, limit: AppealWindowLimit): AppealWindowEnd {
  const fromDecision = endOfDuration(decisionOn, limit.fromDecision);
  const fromCertificate = certificateOn === undefined ? undefined : endOfDuration(certificateOn, limit.fromCertificate);
  const end = fromCertificate === undefined ? fromDecision : laterOf(fromDecision, fromCertificate);
  const from = fromCertificate !== undefined && fromCertificate > fromDecision ? 'certificate' : 'decision';
  const closed = closedPeriodOf(end, limit);
  if (closed) return { dueDate: firstWorkingDayAfter(closed.endsOn), from, beforeAdjustment: end, adjustment: closed.name };
  if (!isWorkingDay(end)) return { dueDate: nextWorkingDayOnOrAfter(end), from, beforeAdjustment: end, adjustment: 'non-working day' };
  return { dueDate: end, from, beforeAdjustment: end, adjustment: null };
}
