import { englandDateOf, type IsoDate } from '../calendar/iso-date.js';
import { applyCorrections } from '../child-record/corrections.js';
import { foldChildRecord } from '../child-record/decider.js';
import type { ChildEvent } from '../child-record/events.js';
import type { ChildRecord } from '../child-record/state.js';
import { computeClocks } from '../statutory-clocks/compute-clocks.js';
import type { StatutoryClock } from '../statutory-clocks/clock.js';

/** A child's record and clocks as they stood on a day: what a list "as of" that day is made from. */
export interface ChildOnDay {
  childId: string;
  record: ChildRecord;
  clocks: StatutoryClock[];
}

/**
 * The record folded from the entries whose legal date (the day they happened, in England, as corrected) is on or
 * before the day, and the clocks as of that day: the same cut the statutory clocks make (timeline.ts), so a plan counts
 * as maintained on the day it was issued and a review held after the day has not happened yet. An entry recorded later
 * but dated on or before the day counts, and corrections apply whenever they were made: the list says what happened by
 * then, as the ledger now knows it.
 */
export function childOnDay(childId: string, events: readonly ChildEvent[], asOf: IsoDate): ChildOnDay {
  const happened = applyCorrections(events).filter((event) => event.type === 'EntryCorrected' || englandDateOf(event.occurredAt) <= asOf);
  return { childId, record: foldChildRecord(happened), clocks: computeClocks(events, asOf) };
}
