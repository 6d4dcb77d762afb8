import { isFailureOfDuty } from '../domain/statutory-clocks/clock-outcomes.js';
import type { ClockSummary } from '../domain/statutory-clocks/judged-on.js';
import { pageOf, type Page, type PageRequest, type SortKey } from './paging.js';

/** A clock on a list of deadlines, whole or in summary: what the list filters and orders by. */
type ListedClock = ClockSummary & { childId: string };

export interface DeadlineFilter {
  state?: string;
  failuresOnly?: boolean;
  /** Only clocks whose statutory due date is on or after this day. */
  dueFrom?: string;
  /** Only clocks whose statutory due date is on or before this day. */
  dueTo?: string;
}

/**
 * Soonest due first. The key is the statutory due date (an exception moves the date a clock is judged
 * against, never this one), then the child, the rule and the entry that started the clock: none of them
 * changes as entries are recorded, so a cursor keeps its place while the LA's clocks run on.
 */
export const deadlineKey = (clock: ListedClock): SortKey => [clock.dueDate, clock.childId, clock.ruleId, clock.startedBy.eventId];

export const matchesDeadlineFilter = (filter: DeadlineFilter) => (clock: ListedClock): boolean =>
  (!filter.state || clock.state === filter.state) &&
  (!filter.failuresOnly || isFailureOfDuty(clock)) &&
  (!filter.dueFrom || clock.dueDate >= filter.dueFrom) &&
  (!filter.dueTo || clock.dueDate <= filter.dueTo);

/** One page of the clocks the reader may read (deadlines-in-scope.ts decides which), filtered, soonest due first. */
export function deadlinesPage<C extends ListedClock>(clocks: readonly C[], filter: DeadlineFilter, request: PageRequest): Page<C> {
  return pageOf(clocks.filter(matchesDeadlineFilter(filter)), deadlineKey, request);
}
