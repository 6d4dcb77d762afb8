/**
 * Dates and times as a UK reader writes them ("17 January 2022", "3:45pm"), worked out by arithmetic alone.
 * The tribunal bundle is drawn again in a browser and compared byte for byte, so nothing here may depend on
 * the machine: no Intl (its locale data differs between builds), no local time zone, no clock.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 01:00 UTC on the last Sunday of a month, as epoch milliseconds. */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = Date.UTC(year, month, 0);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
}

/**
 * Hours England is ahead of UTC at an instant: British Summer Time runs from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October (the Summer Time Order 2002, the EU rule since 1996).
 */
export function englandOffsetHours(epochMs: number): 0 | 1 {
  const year = new Date(epochMs).getUTCFullYear();
  return epochMs >= lastSundayOneAm(year, 3) && epochMs < lastSundayOneAm(year, 10) ? 1 : 0;
}

function parseInstant(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`"${instant}" is not an ISO 8601 date-time`);
  return ms;
}

/** The wall clock in England at an instant. */
function englandWallClock(instant: string): Date {
  const ms = parseInstant(instant);
  return new Date(ms + englandOffsetHours(ms) * HOUR_MS);
}

/** The day in England of an instant, as YYYY-MM-DD; a bare date is its own day. */
export function englandDay(value: string): string {
  if (ISO_DATE.test(value)) return value;
  return englandWallClock(value).toISOString().slice(0, 10);
}

/** "17 January 2022", from a date (YYYY-MM-DD) or an instant (its day in England). */
export function ukDate(value: string): string {
  const match = ISO_DATE.exec(englandDay(value))!;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** "3:45pm", "9:05am", "midday", "midnight": the time in England, as GOV.UK writes it. */
export function ukTime(instant: string): string {
  const clock = englandWallClock(instant);
  const hours = clock.getUTCHours();
  const minutes = clock.getUTCMinutes();
  if (minutes === 0 && hours === 12) return 'midday';
  if (minutes === 0 && hours === 0) return 'midnight';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour12}:${String(minutes).padStart(2, '0')}${hours < 12 ? 'am' : 'pm'}`;
}

/** "17 January 2022 at 3:45pm". */
export const ukDateTime = (instant: string): string => `${ukDate(instant)} at ${ukTime(instant)}`;

/** Whole calendar months from one date (YYYY-MM-DD) to a later one. */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** How long from one date to a later one, as a person says an age: "3 years and 3 months", "3 years and 10 days", "11 months". */
export function ageInWords(from: string, to: string): string {
  const months = wholeMonths(from, to);
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return plural(rest, 'month');
  if (rest > 0) return `${plural(years, 'year')} and ${plural(rest, 'month')}`;
  const anniversary = Date.UTC(Number(from.slice(0, 4)) + years, Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - anniversary) / DAY_MS);
  return days > 0 ? `${plural(years, 'year')} and ${plural(days, 'day')}` : plural(years, 'year');
}
