import { childStreamId } from '../domain/child-record/events.js';
import type { StatutoryClock } from '../domain/statutory-clocks/clock.js';
import { computeClocks } from '../domain/statutory-clocks/compute-clocks.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { childrenVisibleTo, noteRead, readChildRecord, type ChildRecordsDependencies, type PermittedChild, type Reader } from './child-records.js';
import type { ChildScope } from './children-in-scope.js';
import { childEventsOf, viewOf } from './record-views.js';

const clocksOf = (entries: readonly LedgerEntry[], asOf: string) => viewOf(entries, `clocks:${asOf}`, () => computeClocks(childEventsOf(entries), asOf));
const withChild = (childId: string, clocks: readonly StatutoryClock[]): ChildClock[] => clocks.map((clock) => ({ ...clock, childId }));

/** The child's clocks at the revision its access was judged at (a record grown since answers as it stood then). */
async function clocksAtRevision(deps: ChildRecordsDependencies, childId: string, revision: number, asOf: string): Promise<readonly ChildClock[]> {
  const entries = await deps.store.readStream(childStreamId(childId));
  if (entries.at(-1)?.streamRevision !== revision) return withChild(childId, clocksOf(entries.filter((e) => e.streamRevision <= revision), asOf));
  const clocks = withChild(childId, clocksOf(entries, asOf));
  deps.clockCache?.set(childId, revision, asOf, clocks);
  return clocks;
}

export type ChildClock = StatutoryClock & { childId: string };

/**
 * Every statutory clock of every child in scope that the reader may read, as of a date, and the children each came
 * from. For an LA or a school, a child whose record has not grown since its clocks were last worked out for that day is
 * not read again (deps.clockCache).
 */
async function clocksInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildScope, asOf: string, what: string | null) {
  if (scope.childId) {
    // One child by name: the read itself is logged (or the attempt denied) whatever the answer shows.
    const read = await readChildRecord(deps, reader, scope.childId, 'record', what ?? 'record');
    return { clocks: read ? withChild(read.childId, clocksOf(read.entries, asOf)) : [], visible: new Map<string, PermittedChild>() };
  }
  const clocks: ChildClock[] = [];
  const visible = new Map<string, PermittedChild>();
  for (const child of await childrenVisibleTo(deps, reader, scope, 'record')) {
    visible.set(child.childId, child);
    const known = deps.clockCache?.get(child.childId, child.revision, asOf) ?? (await clocksAtRevision(deps, child.childId, child.revision, asOf));
    for (const clock of known) clocks.push(clock);
  }
  return { clocks, visible };
}

/**
 * Every statutory clock of every child in scope that the reader may read, as of a date. `what` names the read in
 * the access log (every child in scope is noted); an aggregate passes null.
 */
export async function deadlinesInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildScope, asOf: string, what: string | null): Promise<ChildClock[]> {
  const { clocks, visible } = await clocksInScope(deps, reader, scope, asOf, what);
  if (what !== null) for (const child of visible.values()) noteRead(reader, child, what);
  return clocks;
}

/**
 * The deadlines a list answers with (a page of them): only the children whose clocks are in the answer are noted in the
 * access log as read; the rest of the scope counts in the answer's totals only, as an aggregate does.
 */
export async function deadlinesAnswered<P extends { nodes: readonly ChildClock[] }>(
  deps: ChildRecordsDependencies,
  reader: Reader,
  scope: ChildScope,
  asOf: string,
  what: string,
  answer: (clocks: ChildClock[]) => P,
): Promise<P> {
  const { clocks, visible } = await clocksInScope(deps, reader, scope, asOf, what);
  const answered = answer(clocks);
  for (const childId of new Set(answered.nodes.map((clock) => clock.childId))) {
    const child = visible.get(childId);
    if (child) noteRead(reader, child, what);
  }
  return answered;
}
