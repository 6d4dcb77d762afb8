import { setImmediate as nextTurn } from 'node:timers/promises';
import { accessFactsOf } from '../domain/access/access-facts.js';
import { caseListingOf } from '../domain/child-record/case-listing.js';
import { englandDateOf, type IsoDate } from '../domain/calendar/iso-date.js';
import { computeClocksAndHorizon } from '../domain/statutory-clocks/compute-clocks.js';
import type { EventStore } from '../store/port.js';
import type { StreamRevisions } from '../store/stream-revisions.js';
import type { ChildSummaries } from './child-summaries.js';
import { recordAtRevision } from './record-at-revision.js';
import { childEventsOf, foldedRecordOf } from './record-views.js';

export interface SummarisingChildren {
  /** Resolves once every child counted at the start has been summarised, or the work stopped or failed. */
  readonly done: Promise<{ children: number; summarised: number }>;
  stop(): Promise<void>;
}

const CHILD_STREAM = 'child-';
/** How long the walk holds the event loop before letting requests in. */
const SLICE_MS = 20;

/**
 * Work out what lists keep of one child at a revision and are missing (its access facts and listing, its clocks as of a day),
 * from one read of its record. False when nothing was missing or there is no record.
 */
export async function summariseChild(store: EventStore, summaries: ChildSummaries, childId: string, revision: number, asOf: IsoDate): Promise<boolean> {
  const hasFacts = summaries.factsAt(childId, revision) !== undefined && summaries.listingAt(childId, revision) !== undefined;
  const hasClocks = summaries.clocksAt(childId, revision, asOf) !== undefined;
  if (hasFacts && hasClocks) return false;
  const entries = await recordAtRevision(store, childId, revision);
  if (entries.length === 0) return false;
  if (!hasFacts) {
    const record = foldedRecordOf(entries);
    summaries.keepFacts(childId, revision, accessFactsOf(record));
    summaries.keepListing(childId, revision, caseListingOf(record));
  }
  if (!hasClocks) summaries.keepClocks(childId, revision, asOf, computeClocksAndHorizon(childEventsOf(entries), asOf));
  return true;
}

/**
 * After the service starts, work out every child's access facts and clocks in summary once, in the background,
 * so that the first list over an LA (its deadlines, its children) does not read and fold every record while a
 * person waits. Records are read past the store's record cache (reads from `uncached`), so the walk does not push
 * out the records people are reading. A child already summarised at its revision (a request got there first) is
 * skipped; one whose record grows afterwards is summarised again when next listed.
 */
export function summariseChildren(
  uncached: EventStore,
  revisions: StreamRevisions,
  summaries: ChildSummaries,
  clock: () => Date,
  onError: (error: unknown) => void,
): SummarisingChildren {
  let stopped = false;
  const walk = async () => {
    await revisions.caughtUp();
    // In the order a list judges children (by id), so a list asked meanwhile finds the walk's work done, not doubled.
    const children = [...revisions.streams()].filter(([streamId]) => streamId.startsWith(CHILD_STREAM)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let summarised = 0;
    let sliceStarted = performance.now();
    for (const [streamId, revision] of children) {
      if (stopped) break;
      const childId = streamId.slice(CHILD_STREAM.length);
      const asOf = englandDateOf(clock().toISOString());
      if (await summariseChild(uncached, summaries, childId, revision, asOf)) summarised++;
      if (performance.now() - sliceStarted > SLICE_MS) {
        await nextTurn();
        sliceStarted = performance.now();
      }
    }
    return { children: children.length, summarised };
  };
  // A failure here costs speed, not answers (a list works the summaries out itself): it is reported, never thrown.
  const done = walk().catch((error: unknown) => {
    if (!stopped) onError(error);
    return { children: 0, summarised: 0 };
  });
  return {
    done,
    async stop() {
      stopped = true;
      await done;
    },
  };
}
