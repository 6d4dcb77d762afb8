import type { IsoDate } from '../domain/calendar/iso-date.js';
import type { ReadAccess } from '../domain/access/read-access.js';
import { caseListingOf, type CaseListing } from '../domain/child-record/case-listing.js';
import { childrenVisibleTo, noteRead, type ChildRecordsDependencies, type PermittedChild, type Reader } from './child-records.js';
import type { ChildClockSummary } from './child-summaries.js';
import type { ChildScope } from './children-in-scope.js';
import { summariesAtRevision } from './deadlines-in-scope.js';
import { recordAtRevision } from './record-at-revision.js';
import { foldedRecordOf } from './record-views.js';
import { summariseChild } from './summarise-children.js';

/** One child on a caseload or a desk: what the list shows of them and their statutory clocks in summary, as of a day. */
export interface ListedCase {
  childId: string;
  revision: number;
  access: ReadAccess;
  listing: CaseListing;
  clocks: readonly ChildClockSummary[];
}

/** The listing kept for the child at this revision, or worked out from its record (and kept). */
async function listingAt(deps: ChildRecordsDependencies, childId: string, revision: number, asOf: IsoDate): Promise<CaseListing | null> {
  const { summaries } = deps;
  if (summaries) {
    const kept = summaries.listingAt(childId, revision);
    if (kept) return kept;
    await summariseChild(deps.store, summaries, childId, revision, asOf);
    return summaries.listingAt(childId, revision) ?? null;
  }
  const entries = await recordAtRevision(deps.store, childId, revision);
  return entries.length === 0 ? null : caseListingOf(foldedRecordOf(entries));
}

const listed = new WeakMap<readonly PermittedChild[], { asOf: IsoDate; cases: readonly ListedCase[] }>();

/**
 * Every child of a school or an LA the reader may read now, with what a caseload shows of each and their clocks in
 * summary on a day: from the summaries kept per revision, so only records that grew since are read and folded. Nothing
 * is noted in the access log here: a page notes the children it shows (`noteCasesShown`), and a count reads no one.
 */
export async function casesInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildScope, asOf: IsoDate): Promise<readonly ListedCase[]> {
  const children = await childrenVisibleTo(deps, reader, scope, 'record');
  const known = listed.get(children);
  if (known?.asOf === asOf) return known.cases;
  const cases: ListedCase[] = [];
  for (const { childId, revision, access } of children) {
    const listing = await listingAt(deps, childId, revision, asOf);
    if (!listing) continue;
    const clocks = deps.summaries?.clocksAt(childId, revision, asOf) ?? (await summariesAtRevision(deps, childId, revision, asOf));
    cases.push({ childId, revision, access, listing, clocks });
  }
  const frozen = Object.freeze(cases);
  // The same children at the same revisions on the same day list the same: a caseload paged or filtered again is not rebuilt.
  if (Object.isFrozen(children)) listed.set(children, { asOf, cases: frozen });
  return frozen;
}

/** The children a page shows, each noted once in the access log as read by the reader, for what the page is. */
export function noteCasesShown(reader: Reader, cases: readonly Pick<ListedCase, 'childId' | 'access'>[], what: string): void {
  for (const childId of new Set(cases.map((c) => c.childId))) noteRead(reader, cases.find((c) => c.childId === childId)!, what);
}
