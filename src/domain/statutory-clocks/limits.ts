import { addDays, addMonths, addWeeks, laterOf, makeDate, yearOf, type IsoDate } from '../calendar/iso-date.js';
import { addWorkingDays, firstWorkingDayAfter, isWorkingDay, nextWorkingDayOnOrAfter } from '../calendar/working-days.js';
import type { Duration, Limit, PhaseTransfer, PhaseTransferDeadline } from './rule-types.js';
import { addSchoolDays } from './school-days.js';

/**
 * "Within N of" a date runs from the day after it, so the last day is date + N. "In the period of N
 * starting with" a date counts the date itself, so the last day is one earlier (CFA 2014 s.44(1)).
 * For months that is the day before the corresponding date N months on (1 March + 3 months: 31 May);
 * where the later month has no corresponding date (29 February + 12 months), its last day.
 */
export function endOfDuration(date: IsoDate, { amount, unit, startingWithTriggerDay }: Duration): IsoDate {
  if (unit === 'months' && startingWithTriggerDay) {
    const corresponding = addMonths(date, amount);
    return corresponding.slice(8) === date.slice(8) ? addDays(corresponding, -1) : corresponding;
  }
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
    case 'school_days':
      return addSchoolDays(from, amount);
  }
}

const UNIT_WORDS: Record<Duration['unit'], [string, string]> = {
  calendar_days: ['day', 'days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  working_days: ['working day', 'working days'],
  school_days: ['school day', 'school days'],
};

/** A period in words, as the due date's basis gives it: "20 weeks", "12 months beginning with that day". */
export function describeDuration({ amount, unit, startingWithTriggerDay }: Duration): string {
  const [one, many] = UNIT_WORDS[unit];
  return `${amount} ${amount === 1 ? one : many}${startingWithTriggerDay ? ' beginning with that day' : ''}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Reg 18's deadline in words: "15 February in the calendar year of the transfer", "5 months before the transfer". */
export function describePhaseTransferDeadline(deadline: PhaseTransferDeadline): string {
  return 'monthsBefore' in deadline
    ? `${deadline.monthsBefore} months before the transfer`
    : `${deadline.day} ${MONTHS[deadline.month - 1]} in the calendar year of the transfer`;
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

export interface MoveTransferDue {
  dueDate: IsoDate;
  /** The LA learned of the move less than the notice period before it (reg 15(2)'s second limb). */
  shortNotice: boolean;
}

/**
 * Reg 15(2): the old LA transfers the plan "on the day of the move or, where it has not become aware of
 * the move at least 15 working days prior to that move, within 15 working days beginning with the day on
 * which it did become aware". Notice is short when the 15th working day after `learnedOn` falls after
 * the move date (that is, `learnedOn` is later than 15 working days before it); then the clock runs to
 * the later of the move date and the end of the 15 working days. With enough notice it is the move day.
 */
export function moveTransferDue(moveDate: IsoDate, learnedOn: IsoDate, afterLearning: Duration): MoveTransferDue {
  const noticeNeededBy = endOfDuration(learnedOn, { ...afterLearning, startingWithTriggerDay: false });
  const shortNotice = noticeNeededBy > moveDate;
  return { dueDate: shortNotice ? laterOf(moveDate, endOfDuration(learnedOn, afterLearning)) : moveDate, shortNotice };
}

/**
 * Reg 15(5): the new LA reviews the plan before the later of the period from the plan being made or last
 * reviewed (when the record has neither, only the period from the transfer counts) and the period from
 * the transfer.
 */
export function reviewAfterTransferDue(
  madeOrReviewedOn: IsoDate | undefined,
  transferredOn: IsoDate,
  { sinceMadeOrReviewed, sinceTransfer }: { sinceMadeOrReviewed: Duration; sinceTransfer: Duration },
): IsoDate {
  const fromTransfer = endOfDuration(transferredOn, sinceTransfer);
  return madeOrReviewedOn === undefined ? fromTransfer : laterOf(endOfDuration(madeOrReviewedOn, sinceMadeOrReviewed), fromTransfer);
}
