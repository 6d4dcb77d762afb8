import type { IsoDate } from '../calendar/iso-date.js';
import type { ClockEnding, EntryRef, StatutoryClock } from './clock.js';
import { DEFAULT_DUE_SOON_DAYS } from './compute-clocks.js';
import { judgeDuty, judgeRight, type Ending } from './judge.js';

/**
 * A clock as a list over thousands of children holds it: what its filters, its order, its totals and SEN2's
 * timeliness read, and what judging it on another day needs. A whole clock (basis, exceptions, the rule's
 * wording) is worked out again only for the few a page shows.
 */
export type ClockSummary = Pick<
  StatutoryClock,
  'ruleId' | 'obligation' | 'triggerDate' | 'dueDate' | 'dueDateWithExceptions' | 'state' | 'daysLate' | 'daysLateWithoutExceptions' | 'exceptionApplied' | 'modification'
> & {
  startedBy: Pick<EntryRef, 'eventId'>;
  stoppedBy: Pick<ClockEnding, 'on' | 'type'> | null;
  lapsedBy: Pick<ClockEnding, 'on' | 'notApplicable'> | null;
};

/**
 * A clock worked out as of one day, judged on a later day up to its horizon (computeClocksAndHorizon): the same
 * due dates and endings, the state and lateness the judge gives on that day. Under the 2020 modification there is
 * nothing to judge (no fixed date).
 */
export function judgedOn<C extends ClockSummary>(clock: C, asOf: IsoDate, dueSoonDays = DEFAULT_DUE_SOON_DAYS): C {
  if (clock.modification !== null) return clock;
  if (clock.obligation.kind !== 'duty') {
    const state = judgeRight(clock.dueDate, clock.stoppedBy?.on ?? null, asOf);
    return state === clock.state ? clock : { ...clock, state };
  }
  const ending: Ending | null = clock.stoppedBy ? { how: 'stopped', on: clock.stoppedBy.on } : clock.lapsedBy
      ? { how: clock.lapsedBy.notApplicable ? 'not_applicable' : 'lapsed', on: clock.lapsedBy.on }
      : null;
  const judgement = judgeDuty(clock, ending, asOf, dueSoonDays);
  const same = judgement.state === clock.state && judgement.daysLate === clock.daysLate && judgement.daysLateWithoutExceptions === clock.daysLateWithoutExceptions;
  return same ? clock : { ...clock, ...judgement };
}
