import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './iso-date.js';

/**
 * The one parser of every date and time a person or a client claims (a date of birth, when something
 * happened, a period, an asOf). Temporal (the TC39 date API, through a maintained polyfill until Node
 * ships it) refuses a date that does not exist, such as 30 February, where `Date.parse` rolls it over
 * into March. A value is accepted only in a form that is stored back exactly as it was meant.
 */

/** Why a claimed date or time was refused, in words a person can act on. */
export class NotADate extends RangeError {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotADate';
  }
}

/** A calendar date written YYYY-MM-DD that exists (2024-02-29 does, 2026-02-30 does not). */
export function parseCalendarDate(value: string): IsoDate {
  let date: Temporal.PlainDate;
  try {
    date = Temporal.PlainDate.from(value);
  } catch (error) {
    throw new NotADate(`is not a date that exists${reasonOf(error)}: give a calendar date as YYYY-MM-DD`);
  }
  // Temporal also reads 20260203, +002026-02-03 and a date-time; a date here is written one way only.
  if (date.toString() !== value) throw new NotADate('is not written as a calendar date: give it as YYYY-MM-DD');
  if (date.year < EARLIEST_YEAR) throw tooEarly();
  return value;
}

export const isCalendarDate = (value: unknown): value is IsoDate => {
  if (typeof value !== 'string') return false;
  try {
    parseCalendarDate(value);
    return true;
  } catch {
    return false;
  }
};

/** Temporal reads a leap second (23:59:60) as 23:59:59, which would store another time than the one claimed. */
const LEAP_SECOND = /^[^Tt ]*[Tt ]\d{2}:?\d{2}:?60/;
const NANOS_PER_MILLI = 1_000_000n;

/**
 * Claims reach back to 1900 at most. Nothing the ledger records is older (SEN law in England begins with
 * the Education Act 1944), and a date in England is defined by GMT only from 1880 (Statutes (Definition
 * of Time) Act 1880): before that, "the date in England" of an instant is not one the law gives.
 */
export const EARLIEST_YEAR = 1900;
const tooEarly = () => new NotADate(`is before ${EARLIEST_YEAR}: nothing the ledger records happened before then`);

/**
 * An instant: an ISO 8601 / RFC 3339 date-time with its offset from UTC (Z or ±hh:mm), or a bare calendar
 * date meaning its first moment in UTC. Returned in the one form the ledger stores and compares
 * (UTC, milliseconds: 2026-02-03T09:00:00.000Z), which is the same instant. Finer precision than a
 * millisecond is refused rather than cut off.
 */
export function parseInstant(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${parseCalendarDate(value)}T00:00:00.000Z`;
  if (LEAP_SECOND.test(value)) throw new NotADate('has a leap second (:60), which cannot be recorded: give :59');
  let instant: Temporal.Instant;
  try {
    instant = Temporal.Instant.from(value);
  } catch (error) {
    throw new NotADate(
      `is not a date or date-time that exists${reasonOf(error)}: give a date as YYYY-MM-DD or a date-time with its offset from UTC, e.g. 2026-02-03T10:15:00Z`,
    );
  }
  if (instant.epochNanoseconds % NANOS_PER_MILLI !== 0n) {
    throw new NotADate('is more precise than a millisecond: give at most three digits after the seconds');
  }
  const stored = new Date(instant.epochMilliseconds).toISOString();
  if (!/^\d{4}-/.test(stored)) throw new NotADate('is after the year 9999');
  if (Number(stored.slice(0, 4)) < EARLIEST_YEAR) throw tooEarly();
  return stored;
}

export const isInstant = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    parseInstant(value);
    return true;
  } catch {
    return false;
  }
};

/** Temporal's own reason where it names the field ("Invalid day: 30; must be between 1-28"). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return /^Invalid (year|month|day|hour|minute|second)/.test(message) ? ` (${message.replace(/^Invalid/, 'no such').toLowerCase()})` : '';
}
