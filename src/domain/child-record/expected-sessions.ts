import { addDays, daysBetween, type IsoDate } from '../calendar/iso-date.js';
import type { FREQUENCY_PERIODS } from './vocabulary.js';

type Period = (typeof FREQUENCY_PERIODS)[number];

/**
 * Calendar length of each period, in days. "Per day" means per school day (five in seven);
 * a term is a third of the 39-week school year. Calendar-based: school holidays are not removed,
 * so for term-time provision the figure is an upper bound, which is the side a family would argue.
 */
const PERIOD_DAYS: Record<Period, number> = {
  day: 7 / 5,
  week: 7,
  fortnight: 14,
  month: 365.25 / 12,
  half_term: 273 / 6,
  term: 273 / 3,
  year: 365.25,
};

export interface FrequencySegment {
  /** First day (YYYY-MM-DD) these terms applied. */
  from: IsoDate;
  frequency: { sessions: number; per: Period };
}

/** Days from `from` to `to`, both counted. */
const days = (from: IsoDate, to: IsoDate) => Math.max(0, daysBetween(from, to) + 1);

/** The sessions the frequencies in force imply from `from` to `to` (both inclusive), unrounded. */
function sessionsBetween(segments: readonly FrequencySegment[], from: IsoDate, to: IsoDate): number {
  let total = 0;
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const first = segment.from > from ? segment.from : from;
    const last = next && next.from <= to ? addDays(next.from, -1) : to;
    if (first > last) return;
    total += (days(first, last) / PERIOD_DAYS[segment.frequency.per]) * segment.frequency.sessions;
  });
  return total;
}

/**
 * Whole sessions owed from `from` to `to` (inclusive), piecewise as the frequency changed. Segments are in
 * force from their `from` until the next one's; a later segment from the same day replaces an earlier one.
 */
export const expectedSessionsBetween = (segments: readonly FrequencySegment[], from: IsoDate, to: IsoDate): number =>
  from > to || segments.length === 0 ? 0 : Math.floor(sessionsBetween(segments, from, to) + 1e-9);

/** Sessions that should have happened from the first segment's start to `until` (inclusive). */
export const expectedSessions = (segments: readonly FrequencySegment[], until: IsoDate): number =>
  segments.length === 0 ? 0 : expectedSessionsBetween(segments, segments[0]!.from, until);
