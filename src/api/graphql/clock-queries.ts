import { z } from 'zod';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { toChildEvent } from '../../domain/child-record/decider.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';
import { computeClocks } from '../../domain/statutory-clocks/compute-clocks.js';
import { requireActor, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { ChildScope, EXACTLY_ONE_SCOPE, childrenInScope, exactlyOneScope } from './child-scope.js';
import { withoutNulls } from './mutations.js';

const DeadlinesArgs = ChildScope.extend({ state: z.string().optional(), asOf: z.iso.date().optional() }).refine(exactlyOneScope, EXACTLY_ONE_SCOPE);

/** Every clock of every child in scope that the reader may read, as of a date. */
async function clocksFor(context: RequestContext, scope: ChildScope, asOf: string, what: string | null) {
  const clocks: Array<StatutoryClock & { childId: string }> = [];
  for (const { childId, entries } of await childrenInScope(context, scope, what)) {
    for (const clock of computeClocks(entries.map(toChildEvent), asOf)) clocks.push({ ...clock, childId });
  }
  return clocks;
}

const inYear = (date: string | null | undefined, year: number) => date !== null && date !== undefined && date.startsWith(`${year}-`);

export const clockQueryResolvers = {
  async deadlines(_root: unknown, args: Record<string, unknown>, context: RequestContext) {
    requireActor(context);
    const parsed = DeadlinesArgs.safeParse(withoutNulls(args));
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const asOf = parsed.data.asOf ?? englandDateOf(context.services.clock().toISOString());
    const clocks = await clocksFor(context, parsed.data, asOf, 'deadlines');
    return clocks.filter((c) => !parsed.data.state || c.state === parsed.data.state);
  },

  /**
   * SEN2-style figures (the domain reference, section 5): requests received in the year and decisions
   * within 6 weeks (reg 5); plans issued in the year within 20 weeks (reg 13(2)), counting exception
   * cases both ways as SEN2 does; reviews and phase transfers due in the year and met on time.
   */
  async timeliness(_root: unknown, args: { laCode: string; year: number }, context: RequestContext) {
    requireActor(context);
    const parsed = z.object({ laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code'), year: z.int().min(2014).max(2100) }).safeParse(args);
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const { laCode, year } = parsed.data;
    const clocks = await clocksFor(context, { laCode }, englandDateOf(context.services.clock().toISOString()), null);
    const rule = (id: string) => clocks.filter((c) => c.ruleId === id);
    const metOnTime = (c: StatutoryClock) => c.state === 'met_on_time' || c.state === 'modified_2020';
    const decisions = rule('decide-whether-to-assess');
    const plans = rule('final-plan').filter((c) => c.stoppedBy?.type === 'FinalPlanIssued' && inYear(c.stoppedBy.on, year));
    // A review after a move between LAs (reg 15(5)) is the child's annual review under the new LA.
    const reviews = [...rule('annual-review'), ...rule('review-after-transfer')].filter((c) => inYear(c.dueDate, year) && c.state !== 'lapsed');
    const transfers = rule('phase-transfer').filter((c) => inYear(c.dueDate, year) && c.state !== 'lapsed');
    return {
      laCode,
      year,
      requestsReceived: decisions.filter((c) => inYear(c.triggerDate, year)).length,
      decisionsMade: decisions.filter((c) => c.stoppedBy && inYear(c.stoppedBy.on, year)).length,
      decisionsWithin6Weeks: decisions.filter((c) => c.stoppedBy && inYear(c.stoppedBy.on, year) && metOnTime(c)).length,
      plansIssued: plans.length,
      plansWithin20Weeks: plans.filter((c) => c.state === 'modified_2020' || c.daysLateWithoutExceptions === 0).length,
      plansWithin20WeeksWithExceptions: plans.filter(metOnTime).length,
      plansWithin20WeeksExcludingExceptionCases: plans.filter((c) => !c.exceptionApplied && metOnTime(c)).length,
      reviewsDue: reviews.length,
      reviewsOnTime: reviews.filter(metOnTime).length,
      phaseTransfersDue: transfers.length,
      phaseTransfersAmendedByDeadline: transfers.filter(metOnTime).length,
    };
  },
};
