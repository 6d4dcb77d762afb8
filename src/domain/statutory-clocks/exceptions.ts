import { addDays, type IsoDate } from '../calendar/iso-date.js';
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

/**
 * Reg 10(4) lets the LA "need not comply" while an exception applies; the clock treats its days as a
 * pause. Walking forward from the trigger, each exception day pushes the due date on by a day, up to
 * the (moving) due date or the day the clock stopped; an open exception counts up to asOf. An
 * exception that begins after the due date cannot excuse a limit already missed.
 */
export function extendForExceptions(
  periods: readonly ExceptionPeriod[],
  { triggerDate, dueDate, stoppedOn, asOf }: { triggerDate: IsoDate; dueDate: IsoDate; stoppedOn: IsoDate | null; asOf: IsoDate },
): Extension {
  const daysOf = new Map<string, number>();
  let paused = 0;
  for (let day = addDays(triggerDate, 1); day <= addDays(dueDate, paused) && (stoppedOn === null || day <= stoppedOn); day = addDays(day, 1)) {
    const covering = periods.filter((period) => period.from <= day && day <= (period.to ?? asOf));
    if (covering.length === 0) continue;
    paused++;
    for (const period of covering) daysOf.set(period.exceptionId, (daysOf.get(period.exceptionId) ?? 0) + 1);
  }
  const applied = periods
    .filter((period) => daysOf.has(period.exceptionId))
    .map((period): AppliedException => ({
      exceptionId: period.exceptionId,
      ground: period.ground,
      reason: period.reason,
      from: period.from,
      to: period.to,
      days: daysOf.get(period.exceptionId) ?? 0,
      invokedBy: period.invokedBy,
      endedBy: period.endedBy,
    }));
  return { dueDateWithExceptions: addDays(dueDate, paused), exceptionDays: paused, applied };
}
