import { addDays, earlierOf, laterOf, type IsoDate } from '../calendar/iso-date.js';
import { clockEventData, type ExceptionGround } from './clock-events.js';
import type { AppliedException, EntryRef } from './clock.js';
import type { Timeline } from './timeline.js';

/** An exception as the record states it: invoked for a request, perhaps ended later. */
export interface ExceptionPeriod {
  exceptionId: string;
  requestId: string;
  ground: ExceptionGround;
  reason: string;
  from: IsoDate;
  /** The last day it applied, from ExceptionEnded if there is one, else ExceptionInvoked's `to`; null while open. */
  to: IsoDate | null;
  invokedBy: AppliedException['invokedBy'];
  endedBy: EntryRef | null;
}

export function exceptionPeriods(timeline: Timeline): ExceptionPeriod[] {
  const periods = new Map<string, ExceptionPeriod>();
  for (const { entry, date } of timeline.entries) {
    const invoked = clockEventData(entry, 'ExceptionInvoked');
    if (invoked) {
      periods.set(invoked.exceptionId, {
        ...invoked,
        to: invoked.to ?? null,
        invokedBy: { eventId: entry.eventId, type: entry.type, on: date, recordedAt: entry.recordedAt, actor: entry.actor },
        endedBy: null,
      });
    }
    const ended = clockEventData(entry, 'ExceptionEnded');
    const period = ended && periods.get(ended.exceptionId);
    if (ended && period) periods.set(period.exceptionId, { ...period, to: ended.on, endedBy: { eventId: entry.eventId, type: entry.type, on: date } });
  }
  return [...periods.values()];
}

export interface Extension {
  dueDateWithExceptions: IsoDate;
  exceptionDays: number;
  applied: AppliedException[];
}

function daysWithin(period: ExceptionPeriod, after: IsoDate, upTo: IsoDate, asOf: IsoDate): IsoDate[] {
  const first = laterOf(period.from, addDays(after, 1));
  const last = earlierOf(period.to ?? asOf, upTo);
  const days: IsoDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Reg 10(4) lets the LA "need not comply" while an exception applies; the clock treats its days as a
 * pause. The due date moves on by every exception day after the trigger and up to the (moving) due
 * date, or up to the day the clock stopped; an open exception counts up to asOf.
 */
export function extendForExceptions(
  periods: readonly ExceptionPeriod[],
  { triggerDate, dueDate, stoppedOn, asOf }: { triggerDate: IsoDate; dueDate: IsoDate; stoppedOn: IsoDate | null; asOf: IsoDate },
): Extension {
  let extended = dueDate;
  let paused = new Set<IsoDate>();
  for (;;) {
    const upTo = stoppedOn === null ? extended : earlierOf(extended, stoppedOn);
    paused = new Set(periods.flatMap((period) => daysWithin(period, triggerDate, upTo, asOf)));
    const next = addDays(dueDate, paused.size);
    if (next === extended) break;
    extended = next;
  }
  const upTo = stoppedOn === null ? extended : earlierOf(extended, stoppedOn);
  const applied = periods
    .map((period) => ({ period, days: daysWithin(period, triggerDate, upTo, asOf).length }))
    .filter(({ days }) => days > 0)
    .map(({ period, days }): AppliedException => ({
      exceptionId: period.exceptionId,
      ground: period.ground,
      reason: period.reason,
      from: period.from,
      to: period.to,
      days,
      invokedBy: period.invokedBy,
      endedBy: period.endedBy,
    }));
  return { dueDateWithExceptions: extended, exceptionDays: paused.size, applied };
}
