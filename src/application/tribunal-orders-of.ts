import { tribunalOrdersOf, type TribunalOrderStanding } from '../domain/appeal/tribunal-orders.js';
import type { IsoDate } from '../domain/calendar/iso-date.js';
import { computeClocksAndHorizon } from '../domain/statutory-clocks/compute-clocks.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';
import { childEventsOf, foldedRecordOf, viewOf } from './record-views.js';

/**
 * What the tribunal ordered for one child (and what the LA conceded), where each stands today, with its clocks. Read
 * through the access-checked path, so the read (or the attempt) is in the access log; null when the reader may not
 * read the record or there is none: "not permitted" reads as "not found".
 */
export async function tribunalOrdersOfChild(deps: OneChildDependencies, reader: Reader, childId: string, today: IsoDate): Promise<TribunalOrderStanding[] | null> {
  const read = await readChildRecord(deps, reader, childId, 'record', 'tribunalOrders');
  if (!read) return null;
  // The same view, by the same name, as the child's deadlines: worked out once per record and day.
  const { clocks } = viewOf(read.entries, `clocks:${today}`, () => computeClocksAndHorizon(childEventsOf(read.entries), today));
  return tribunalOrdersOf(foldedRecordOf(read.entries), clocks);
}
