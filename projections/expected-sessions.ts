import type { FREQUENCY_PERIODS } from '../src/domain/child-record/vocabulary.js';

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
  from: string;
  frequency: { sessions: number; per: Period };
}

const days = (from: string, to: string) => Math.max(0, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1);

/** Sessions that should have happened from the first segment's start to `until` (inclusive), piecewise as terms changed. */
export function expectedSessions(segments: readonly FrequencySegment[], until: string): number {
  let total = 0;
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const last = next && next.from <= until ? dayBefore(next.from) : until;
    if (segment.from > last) return;
    total += (days(segment.from, last) / PERIOD_DAYS[segment.frequency.per]) * segment.frequency.sessions;
  });
  return Math.floor(total + 1e-9);
}

const dayBefore = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
