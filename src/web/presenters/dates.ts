import { ukDate, ukTime as ukClockTime } from '../../domain/calendar/uk-dates.js';

/**
 * A date as GOV.UK writes it: "17 January 2022". A date-time is shown as its day in England (the legal
 * date the rules judge by), not its UTC day. By arithmetic, not Intl: the hearing bundle uses these words and is
 * drawn again in a browser and compared byte for byte, so no machine's locale data may change them.
 */
export function longDate(value: string | null | undefined): string {
  return value ? ukDate(value) : '';
}

/** A time in the UK, as GOV.UK writes it: "9:30am", "midday", "midnight". */
export const ukTime = (value: string): string => ukClockTime(value);

/** An instant as a family reads it: "17 January 2022 at 3:45pm" (UK time). */
export const ukDateTime = (value: string | null | undefined): string => (value ? `${longDate(value)} at ${ukTime(value)}` : '');

/** "1 day", "3 days", "2 weeks". */
export function duration(days: number): string {
  const n = Math.abs(days);
  if (n >= 14 && n % 7 === 0) return `${n / 7} weeks`;
  return n === 1 ? '1 day' : `${n} days`;
}
