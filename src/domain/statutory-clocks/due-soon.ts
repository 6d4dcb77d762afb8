import { addDays, daysBetween, type IsoDate } from '../calendar/iso-date.js';
import { isOutstandingDuty } from './clock-outcomes.js';
import type { ClockSummary } from './judged-on.js';
import { describeDuration } from './limits.js';
import type { RuleVersion, StatutoryRule } from './rule-types.js';
import { STATUTORY_RULES } from './rules.js';

/** A caseworker looks four weeks ahead: far enough to book a panel or chase advice, near enough to act on. */
export const DESK_WINDOW_DAYS = 28;

/** A clock still to be met, on a caseworker's desk: how far it is from its due date today. */
export interface DueClock<C extends ClockSummary> {
  clock: C;
  /** The date it is judged against (exception days added). */
  dueOn: IsoDate;
  /** Days until it is due (0 on its last day), or negative: days overdue. */
  daysLeft: number;
  overdue: boolean;
}

/** The clocks of one rule on the desk, soonest due (most overdue) first. */
export interface DueByRule<C extends ClockSummary> {
  rule: StatutoryRule;
  /** The limit in words ("6 weeks"), or null where it is no fixed period (a phase transfer's date). */
  period: string | null;
  legalSource: string;
  clocks: DueClock<C>[];
  overdue: number;
}

/** The version of a rule a clock started on a day is judged by (its trigger date), or the rule's latest. */
export function ruleVersionOn(rule: StatutoryRule, day: IsoDate): RuleVersion {
  const byTrigger = rule.versions.filter((v) => v.judgedOn === 'trigger_date');
  return byTrigger.find((v) => v.inForce.from <= day && (v.inForce.to === undefined || day <= v.inForce.to)) ?? byTrigger.at(-1) ?? rule.versions[0]!;
}

const periodOf = (version: RuleVersion): string | null => (version.limit.kind === 'duration' ? describeDuration(version.limit.duration) : null);

/**
 * The duties still to be met that are overdue or fall due within `windowDays` of today, grouped by rule in the
 * rules' own order (the order of a case: assessment, plan, review, move), each group soonest due first. A duty
 * already met or ended is done with, and the family's right to appeal is theirs, not a caseworker's task.
 */
export function dueSoonByRule<C extends ClockSummary>(clocks: Iterable<C>, today: IsoDate, windowDays = DESK_WINDOW_DAYS): DueByRule<C>[] {
  const until = addDays(today, windowDays);
  const byRule = new Map<string, DueClock<C>[]>();
  for (const clock of clocks) {
    if (!isOutstandingDuty(clock)) continue;
    const dueOn = clock.dueDateWithExceptions;
    const overdue = clock.state === 'missed';
    if (!overdue && dueOn > until) continue;
    const due: DueClock<C> = { clock, dueOn, daysLeft: daysBetween(today, dueOn), overdue };
    const listed = byRule.get(clock.ruleId);
    if (listed) listed.push(due);
    else byRule.set(clock.ruleId, [due]);
  }
  const groups: DueByRule<C>[] = [];
  for (const rule of STATUTORY_RULES) {
    const listed = byRule.get(rule.id);
    if (!listed) continue;
    listed.sort((a, b) => a.daysLeft - b.daysLeft);
    const version = ruleVersionOn(rule, today);
    groups.push({ rule, period: periodOf(version), legalSource: version.legalSource, clocks: listed, overdue: listed.filter((d) => d.overdue).length });
  }
  return groups;
}
