import type { IsoDate } from '../domain/calendar/iso-date.js';
import type { StatutoryClock } from '../domain/statutory-clocks/clock.js';
import { computeClocksAndHorizon } from '../domain/statutory-clocks/compute-clocks.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { childrenVisibleTo, noteRead, readChildRecord, type ChildRecordsDependencies, type PermittedChild, type Reader } from './child-records.js';
import type { ChildClockSummary } from './child-summaries.js';
import type { ChildScope } from './children-in-scope.js';
import { deadlineKey, deadlinesPage, matchesDeadlineFilter, type DeadlineFilter } from './deadlines-page.js';
import { inKeyOrder, pageOfSorted, type Keyed, type Page, type PageRequest } from './paging.js';
import { recordAtRevision } from './record-at-revision.js';
import { childEventsOf, viewOf } from './record-views.js';
import { summariseChild } from './summarise-children.js';

export type ChildClock = StatutoryClock & { childId: string };

const clocksOf = (entries: readonly LedgerEntry[], asOf: string) => viewOf(entries, `clocks:${asOf}`, () => computeClocksAndHorizon(childEventsOf(entries), asOf));
const withChild = (childId: string, clocks: readonly StatutoryClock[]): ChildClock[] => clocks.map((clock) => ({ ...clock, childId }));

/** The child's clocks, whole, at the revision its access was judged at (a record grown since answers as it stood then). */
async function clocksAtRevision(deps: ChildRecordsDependencies, childId: string, revision: number, asOf: IsoDate): Promise<readonly ChildClock[]> {
  const known = deps.clockCache?.get(childId, revision, asOf);
  if (known) return known;
  const worked = clocksOf(await recordAtRevision(deps.store, childId, revision), asOf);
  deps.summaries?.keepClocks(childId, revision, asOf, worked);
  const clocks = withChild(childId, worked.clocks);
  deps.clockCache?.set(childId, revision, asOf, clocks);
  return clocks;
}

/** The child's clocks in summary: kept per revision and judged on the day, or worked out from the record and kept. */
export async function summariesAtRevision(deps: ChildRecordsDependencies, childId: string, revision: number, asOf: IsoDate): Promise<readonly ChildClockSummary[]> {
  const { summaries } = deps;
  if (summaries) {
    await summariseChild(deps.store, summaries, childId, revision, asOf);
    const kept = summaries.clocksAt(childId, revision, asOf);
    if (kept) return kept;
  }
  return (await clocksAtRevision(deps, childId, revision, asOf)).map((clock, place) => ({ ...clock, place }));
}

/**
 * Every statutory clock, in summary, of every child in the scope of an LA or a school that the reader may read now,
 * as of a date, and the children each came from. A child whose record has not grown since its clocks were worked out
 * is not read again while their horizon holds.
 */
async function summariesInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildScope, asOf: IsoDate): Promise<ClocksInScope> {
  const children = await childrenVisibleTo(deps, reader, scope, 'record');
  // A list of children judged at the same revisions (the same frozen array) has the same clocks on the same day.
  const known = inScope.get(children);
  if (known?.asOf === asOf) return known;
  const clocks: ChildClockSummary[] = [];
  const visible = new Map<string, PermittedChild>();
  for (const child of children) {
    visible.set(child.childId, child);
    const kept = deps.summaries?.clocksAt(child.childId, child.revision, asOf) ?? (await summariesAtRevision(deps, child.childId, child.revision, asOf));
    for (const clock of kept) clocks.push(clock);
  }
  const worked = { asOf, clocks, visible, ordered: new Map() };
  if (Object.isFrozen(children)) inScope.set(children, worked);
  return worked;
}

interface ClocksInScope {
  asOf: IsoDate;
  clocks: readonly ChildClockSummary[];
  visible: ReadonlyMap<string, PermittedChild>;
  /** The clocks a filter keeps, soonest due first, by filter: a list paged again is not sorted again. */
  ordered: Map<string, ReadonlyArray<Keyed<ChildClockSummary>>>;
}

const inScope = new WeakMap<readonly PermittedChild[], ClocksInScope>();

function orderedFor(worked: ClocksInScope, filter: DeadlineFilter): ReadonlyArray<Keyed<ChildClockSummary>> {
  const { state, failuresOnly, dueFrom, dueTo } = filter;
  const key = JSON.stringify([state, failuresOnly, dueFrom, dueTo]);
  let ordered = worked.ordered.get(key);
  if (!ordered) {
    ordered = inKeyOrder(worked.clocks.filter(matchesDeadlineFilter(filter)), deadlineKey);
    if (worked.ordered.size >= 16) worked.ordered.delete(worked.ordered.keys().next().value!);
    worked.ordered.set(key, ordered);
  }
  return ordered;
}

/** Every clock of one child the reader names, whole, as of a date; the read is logged (or the attempt denied) whatever it shows. */
export async function childDeadlines(deps: ChildRecordsDependencies, reader: Reader, childId: string, asOf: IsoDate, what: string): Promise<ChildClock[]> {
  const read = await readChildRecord(deps, reader, childId, 'record', what);
  return read ? withChild(read.childId, clocksOf(read.entries, asOf).clocks) : [];
}

/**
 * The clocks of every child in scope the reader may read, in summary, for a figure over them (SEN2's timeliness):
 * an aggregate reads no one's record, so nothing is noted in the access log.
 */
export async function clockSummariesInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildScope, asOf: IsoDate): Promise<ChildClockSummary[]> {
  return [...(await summariesInScope(deps, reader, scope, asOf)).clocks];
}

/**
 * A page of the deadlines of one child, an LA or a school, filtered, soonest due first, each clock on it whole. Only
 * the children whose clocks are on the page are noted in the access log as read; the rest of the scope counts in the
 * page's totals only, as an aggregate does.
 */
export async function deadlinesAnswered(
  deps: ChildRecordsDependencies,
  reader: Reader,
  scope: ChildScope,
  asOf: IsoDate,
  what: string,
  filter: DeadlineFilter,
  request: PageRequest,
): Promise<Page<ChildClock>> {
  if (scope.childId) return deadlinesPage(await childDeadlines(deps, reader, scope.childId, asOf, what), filter, request);
  const worked = await summariesInScope(deps, reader, scope, asOf);
  const { visible } = worked;
  const page = pageOfSorted(orderedFor(worked, filter), request);
  const nodes: ChildClock[] = [];
  for (const summary of page.nodes) {
    const child = visible.get(summary.childId)!;
    const whole = (await clocksAtRevision(deps, child.childId, child.revision, asOf))[summary.place];
    // The same entries on the same day give the same clocks in the same order (clock-horizon.test.ts).
    if (!whole || whole.dueDate !== summary.dueDate || whole.ruleId !== summary.ruleId || whole.startedBy.eventId !== summary.startedBy.eventId) {
      throw new Error(`the clocks of a child worked out twice at one revision differ (place ${summary.place})`);
    }
    nodes.push(whole);
  }
  for (const childId of new Set(nodes.map((clock) => clock.childId))) noteRead(reader, visible.get(childId)!, what);
  return { ...page, nodes };
}
