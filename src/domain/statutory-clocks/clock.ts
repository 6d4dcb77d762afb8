import type { IsoDate } from '../calendar/iso-date.js';
import type { ExceptionGround } from './clock-events.js';
import type { AppealableDecision, SubjectKind } from './rule-types.js';

/**
 * One statutory clock for one child, as of a date. `lapsed` is the one state beyond the brief's six:
 * the duty fell away before it was due (a refusal to assess ends the 20-week clock; a ceased plan
 * needs no review), so the clock was neither met nor missed.
 */
export type ClockState = 'pending' | 'due_soon' | 'met_on_time' | 'met_late' | 'missed' | 'lapsed' | 'modified_2020';

export interface EntryRef {
  eventId: string;
  type: string;
  /** The entry's legal date: its occurredAt as a date in England. */
  on: IsoDate;
}

export interface AppliedException {
  exceptionId: string;
  ground: ExceptionGround;
  reason: string;
  from: IsoDate;
  /** The last day it applied; null while it is still open (then it counts up to asOf). */
  to: IsoDate | null;
  /** Days of this exception inside the clock's period (overlapping exceptions count once in `exceptionDays`). */
  days: number;
  invokedBy: EntryRef & { recordedAt: string; actor?: { id: string; displayName: string; role: string; organisation: string } };
  endedBy: EntryRef | null;
}

export interface StatutoryClock {
  ruleId: string;
  ruleVersion: string;
  title: string;
  legalSource: string;
  subject: { kind: SubjectKind; id: string | null };
  /** The appeal window only: which decision the window is for. */
  appealableDecision?: AppealableDecision;
  triggerDate: IsoDate;
  /** The statutory date, not moved by exceptions; null when the limit had no fixed date (2020). */
  dueDate: IsoDate | null;
  /** The date the clock is judged against: `dueDate` plus the days of exception in its period. */
  dueDateWithExceptions: IsoDate | null;
  state: ClockState;
  /** Days after `dueDateWithExceptions` it was met, or has been missed by as of asOf; 0 when not late. */
  daysLate: number | null;
  /** The same against the unextended `dueDate`: lateness an exception excused stays visible. */
  daysLateWithoutExceptions: number | null;
  startedBy: EntryRef;
  stoppedBy: EntryRef | null;
  lapsedBy: EntryRef | null;
  exceptionApplied: boolean;
  exceptionDays: number;
  exceptions: AppliedException[];
  /** How a computed due date was reached (the appeal window). */
  dueDateBasis?: {
    from: 'decision' | 'certificate';
    certificate: EntryRef | null;
    /** The end of the 2 months / 1 month before the holiday rules moved it. */
    beforeAdjustment: IsoDate;
    adjustment: string | null;
  };
  /** The 2020 modification: no fixed due date; the date the unmodified limit gave, for reference. */
  modification?: { version: string; wording: string; unmodifiedDueDate: IsoDate };
}
