import { englandDateOf } from '../../domain/calendar/iso-date.js';

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const UK_TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });

/**
 * A date as GOV.UK writes it: "17 January 2022". A date-time is shown as its day in England (the legal
 * date the rules judge by), not its UTC day.
 */
export function longDate(value: string | null | undefined): string {
  if (!value) return '';
  const day = value.length === 10 ? value : englandDateOf(value);
  return LONG_DATE.format(new Date(`${day}T00:00:00Z`));
}

/** A time in the UK, as GOV.UK writes it: "9:30am", "midday", "midnight". */
export function ukTime(value: string): string {
  const parts = UK_TIME.formatToParts(new Date(value));
  const hour = parts.find((p) => p.type === 'hour')!.value;
  const minute = parts.find((p) => p.type === 'minute')!.value;
  const period = parts.find((p) => p.type === 'dayPeriod')!.value.toLowerCase().replace(/\./g, '').replace(/\s/g, '');
  if (minute === '00' && hour === '12') return period.startsWith('p') ? 'midday' : 'midnight';
  return `${hour}:${minute}${period}`;
}

/** An instant as a family reads it: "17 January 2022 at 3:45pm" (UK time). */
export const ukDateTime = (value: string | null | undefined): string => (value ? `${longDate(value)} at ${ukTime(value)}` : '');

/** "1 day", "3 days", "2 weeks". */
export function duration(days: number): string {
  const n = Math.abs(days);
  if (n >= 14 && n % 7 === 0) return `${n / 7} weeks`;
  return n === 1 ? '1 day' : `${n} days`;
}
