import { addDays, dayOfWeek, makeDate, type IsoDate } from '../../calendar/iso-date.js';

/**
 * The SEN2 census date of a return year: the third Thursday of January (the guide's reference date). The return
 * made in January of `returnYear` covers the requests, assessments and plans of the calendar year before, and the
 * plans active on the census date itself.
 */
export function censusDateOf(returnYear: number): IsoDate {
  const first = makeDate(returnYear, 1, 1);
  const toThursday = (4 - dayOfWeek(first) + 7) % 7;
  return addDays(first, toThursday + 14);
}

/** The calendar year a return covers, its first and last day, and its census (reference) date. */
export interface CollectionPeriod {
  returnYear: number;
  /** The calendar year the requests, assessments and new plans are counted in. */
  year: number;
  from: IsoDate;
  to: IsoDate;
  referenceDate: IsoDate;
}

export const collectionPeriodOf = (returnYear: number): CollectionPeriod => ({
  returnYear,
  year: returnYear - 1,
  from: makeDate(returnYear - 1, 1, 1),
  to: makeDate(returnYear - 1, 12, 31),
  referenceDate: censusDateOf(returnYear),
});

export const inPeriod = (date: IsoDate | null | undefined, period: CollectionPeriod): date is IsoDate =>
  date !== null && date !== undefined && date >= period.from && date <= period.to;
