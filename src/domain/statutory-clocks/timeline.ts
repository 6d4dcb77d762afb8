import { englandDateOf, type IsoDate } from '../calendar/iso-date.js';
import { applyCorrections } from '../child-record/corrections.js';
import type { ChildEvent } from '../child-record/events.js';
import type { ClockEntry } from './clock-events.js';
import type { EntryMatch, SubjectKind } from './rule-types.js';

/** An entry placed on the legal timeline: its legal date and its place in the stream. */
export interface Placed {
  entry: ClockEntry;
  date: IsoDate;
  /** Position on the timeline: by legal date, then stream order. "After the trigger" means a higher position. */
  position: number;
}

export interface Timeline {
  entries: readonly Placed[];
  /** planId -> requestId, from DraftPlanIssued: a final plan meets the clocks of its request. */
  requestOfPlan: ReadonlyMap<string, string>;
  /** adviceRequestId -> requestId, from AdviceRequested: the request an exception for advice is recorded on. */
  requestOfAdvice: ReadonlyMap<string, string>;
  /** The earliest legal date of an entry not yet on the timeline (dated after asOf), or null: the timeline is the same until then. */
  nextDate: IsoDate | null;
}

/**
 * The history as now known (corrections applied, corrections themselves left out), as of a date:
 * entries whose legal date is later than asOf have not happened yet on the legal timeline.
 */
export function buildTimeline(events: readonly ClockEntry[], asOf: IsoDate): Timeline {
  // applyCorrections reads only the envelope and EntryCorrected's data, so it serves any entry type,
  // registered in CHILD_EVENT_SCHEMAS or not. Applying it twice changes nothing.
  const corrected = applyCorrections(events as unknown as readonly ChildEvent[]) as unknown as ClockEntry[];
  const dated = corrected.filter((entry) => entry.type !== 'EntryCorrected').map((entry, streamIndex) => ({ entry, streamIndex, date: englandDateOf(entry.occurredAt) }));
  let nextDate: IsoDate | null = null;
  for (const { date } of dated) if (date > asOf && (nextDate === null || date < nextDate)) nextDate = date;
  const entries = dated
    .filter(({ date }) => date <= asOf)
    .sort((a, b) => a.date.localeCompare(b.date) || a.streamIndex - b.streamIndex)
    .map(({ entry, date }, position) => ({ entry, date, position }));
  const requestOfPlan = new Map<string, string>();
  const requestOfAdvice = new Map<string, string>();
  for (const { entry } of entries) {
    const { planId, adviceRequestId, requestId } = entry.data;
    if (typeof requestId !== 'string') continue;
    if (entry.type === 'DraftPlanIssued' && typeof planId === 'string') requestOfPlan.set(planId, requestId);
    if (entry.type === 'AdviceRequested' && typeof adviceRequestId === 'string') requestOfAdvice.set(adviceRequestId, requestId);
  }
  return { entries, requestOfPlan, requestOfAdvice, nextDate };
}

export const stringField = (entry: ClockEntry, field: string): string | undefined => {
  const value = entry.data[field];
  return typeof value === 'string' ? value : undefined;
};

export const matchesEntry = (entry: ClockEntry, match: EntryMatch): boolean =>
  entry.type === match.type && Object.entries(match.where ?? {}).every(([field, value]) => entry.data[field] === value);

const SUBJECT_FIELDS: readonly SubjectKind[] = ['requestId', 'planId', 'adviceRequestId', 'recommendationId'];

/** The subject an entry names, directly or (for a request) through its plan. */
export function subjectOf(timeline: Timeline, entry: ClockEntry, kind: SubjectKind): string | undefined {
  const direct = stringField(entry, kind);
  if (direct !== undefined) return direct;
  const planId = stringField(entry, 'planId');
  return kind === 'requestId' && planId !== undefined ? timeline.requestOfPlan.get(planId) : undefined;
}

/**
 * Whether an entry concerns a clock's subject. An entry that names no subject at all (an appeal
 * registered without a plan id) concerns any; so does any entry when the trigger named none.
 */
export function concernsSubject(timeline: Timeline, entry: ClockEntry, kind: SubjectKind, subjectId: string | null): boolean {
  if (subjectId === null) return true;
  const named = subjectOf(timeline, entry, kind);
  if (named !== undefined) return named === subjectId;
  // An entry about the request a request for advice was made for (its outcome) concerns that advice too.
  const request = kind === 'adviceRequestId' ? subjectOf(timeline, entry, 'requestId') : undefined;
  if (request !== undefined) return request === timeline.requestOfAdvice.get(subjectId);
  return SUBJECT_FIELDS.every((field) => stringField(entry, field) === undefined);
}
