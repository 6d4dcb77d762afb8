import { z } from 'zod';
import { APPEALABLE_DECISIONS, REVIEW_DECISIONS, id, isoDate, text } from '../child-record/vocabulary.js';

/**
 * Entry types the statutory clocks read that the child record does not register yet. Names follow
 * the domain reference's "Implications for the ledger"; the lead registers these schemas in
 * CHILD_EVENT_SCHEMAS. Until then the clocks accept them as plain entries (see ClockEntry).
 */

/**
 * The grounds on which the LA "need not comply with the time limit" (SEND Regs 2014 reg 10(4), applied
 * to the 20-week limit by reg 13(3); reg 5(4) has the same four for the 6-week decision):
 * (a) advice asked of a school or post-16 institution from a week before a closure of 4+ weeks to a
 *     week before it reopens; (b) the same for an early years provider; (c) exceptional personal
 *     circumstances of the child, parent or young person; (d) their absence from the area for 4+ weeks.
 * `coronavirus`: from 1 May to 25 September 2020 only (SI 2020/471), a limit it was not reasonably practicable
 * to meet for a reason relating to coronavirus; it does not pause a clock, it brings the 2020 modification.
 */
export const EXCEPTION_GROUNDS = ['a', 'b', 'c', 'd', 'coronavirus'] as const;
export type ExceptionGround = (typeof EXCEPTION_GROUNDS)[number];

export const CLOCK_EVENT_SCHEMAS = {
  /** The LA relies on an exception for a request's time limits, for the days `from` to `to` inclusive. */
  ExceptionInvoked: z
    .object({
      exceptionId: id(),
      requestId: id(),
      ground: z.enum(EXCEPTION_GROUNDS, { error: 'must be one of the reg 10(4) grounds a, b, c or d, or coronavirus (1 May to 25 September 2020)' }),
      reason: text(),
      from: isoDate(),
      /** The last day the exception applies; left out while it is open (then ExceptionEnded closes it). */
      to: isoDate().optional(),
    })
    .refine((data) => data.to === undefined || data.to >= data.from, { message: 'must not be before from', path: ['to'] }),
  /** The last day an open (or earlier-bounded) exception applied. */
  ExceptionEnded: z.object({ exceptionId: id(), on: isoDate() }),
  /**
   * A mediation certificate (CFA 2014 s.55(3)/(5); Regs 33-34): its issue date (the entry's
   * occurredAt) can extend the appeal window to one month from it (Tribunal Rules r.20(1)(c)(ii)).
   */
  MediationCertificateIssued: z.object({
    certificateId: id(),
    against: z.enum(APPEALABLE_DECISIONS),
    requestId: id().optional(),
    planId: id().optional(),
  }),
  /** The LA's notice after a review meeting: keep, amend or cease (SEND Regs 2014 reg 20(10), reg 21(8)). */
  ReviewDecisionNotified: z.object({ planId: id(), decision: z.enum(REVIEW_DECISIONS) }),
} as const;

export type ClockEventType = keyof typeof CLOCK_EVENT_SCHEMAS;
export type ClockEventData<T extends ClockEventType> = z.output<(typeof CLOCK_EVENT_SCHEMAS)[T]>;

/**
 * The least an entry must carry for the clocks: the envelope's legal facts. A ChildEvent is one;
 * so is any entry of the types above, registered or not.
 */
export interface ClockEntry {
  type: string;
  data: Record<string, unknown>;
  eventId: string;
  /** The claimed time: its date in England is the legal date. */
  occurredAt: string;
  recordedAt: string;
  actor?: { id: string; displayName: string; role: string; organisation: string };
}

/** The entry's data as its schema reads it, or undefined when the entry is of another type or malformed. */
export function clockEventData<T extends ClockEventType>(entry: ClockEntry, type: T): ClockEventData<T> | undefined {
  if (entry.type !== type) return undefined;
  const parsed = CLOCK_EVENT_SCHEMAS[type].safeParse(entry.data);
  return parsed.success ? (parsed.data as ClockEventData<T>) : undefined;
}
