import type { IsoDate } from '../domain/calendar/iso-date.js';
import { DESK_WINDOW_DAYS, dueSoonByRule, type DueByRule } from '../domain/statutory-clocks/due-soon.js';
import { casesInScope, type ListedCase } from './cases-in-scope.js';
import type { ChildClockSummary } from './child-summaries.js';
import type { ChildRecordsDependencies, Reader } from './child-records.js';

/** The caseworker's own cases (the LA named them as the child's caseworker), or every case of their LA they may read. */
export type Whose = 'mine' | 'team';

export interface CaseworkerDesk {
  whose: Whose;
  /** How many cases each list holds, to label the switch between them. */
  counts: Record<Whose, number>;
  /** The duties overdue or due within the window, by rule, each with the case it belongs to. */
  groups: Array<DueByRule<ChildClockSummary>>;
  /** The cases of the list, by child: whose each clock is. */
  cases: ReadonlyMap<string, ListedCase>;
  windowDays: number;
}

/**
 * A caseworker's desk on a day: every statutory duty of their cases (or their team's: the LA's) that is overdue or
 * falls due in the next four weeks, grouped by rule. From the listings and clock summaries kept per revision, so
 * 200 cases are not read again each time the desk is opened; nothing is logged here (the page notes what it shows).
 */
export async function deskOf(deps: ChildRecordsDependencies, reader: Reader, whose: Whose, today: IsoDate): Promise<CaseworkerDesk> {
  const team = await casesInScope(deps, reader, { laCode: reader.actor.organisation }, today);
  const mine = team.filter((listed) => listed.listing.caseworker?.id === reader.actor.id);
  const cases = whose === 'mine' ? mine : team;
  const byChild = new Map(cases.map((listed) => [listed.childId, listed]));
  const groups = dueSoonByRule(cases.flatMap((listed) => listed.clocks), today, DESK_WINDOW_DAYS);
  return {
    whose,
    counts: { mine: mine.length, team: team.length },
    groups,
    cases: byChild,
    windowDays: DESK_WINDOW_DAYS,
  };
}
