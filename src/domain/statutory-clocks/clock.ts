import type { IsoDate } from '../calendar/iso-date.js';
import type { ExceptionGround } from './clock-events.js';
import type { AppealableDecision, Obligation, PhaseTransfer, SubjectKind } from './rule-types.js';

/**
 * The states of a duty's clock. `lapsed` is the one beyond the brief's six: the duty fell away before it
 * was due (a refusal to assess ends the 20-week clock; a ceased plan needs no review), so it was neither
 * met nor missed. `modified_2020`: the 2020 coronavirus modification replaced the limit (no fixed date).
 */
export type DutyState = 'pending' | 'due_soon' | 'met_on_time' | 'met_late' | 'missed' | 'lapsed' | 'modified_2020';

/**
 * The states of a right's window (the appeal window): open; closed with no appeal registered; exercised (an
 * appeal registered in time); registered out of time (after it closed: the tribunal may still admit it).
 * None of them is anyone's failure, and a right has no lateness.
 */
export type RightState = 'open' | 'closed_unused' | 'exercised' | 'registered_out_of_time';

export type ClockState = DutyState | RightState;

export interface EntryRef {
  eventId: string;
  type: string;
  /** The entry's legal date: its occurredAt as a date in England. */
  on: IsoDate;
}

/** The entry that ended a clock, and why it ended there, in plain words from the rule. */
export interface ClockEnding extends EntryRef {
  reason: string;
  /** An ending after which the limit never applied (it is judged lapsed, never missed): see EndingEntry.notApplicable. */
  notApplicable?: true;
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

/**
 * What the due date runs from: the entry that started the clock (`trigger`), the decision or a mediation
 * certificate (the appeal window), the child's date of birth or a named placement (a phase transfer), the move
 * date or the day the LA learned of a move (reg 15(2)), the plan's making or last review, or the transfer in (reg 15(5)).
 */
export type DueDateFrom =
  | 'trigger'
  | 'decision'
  | 'certificate'
  | 'date_of_birth'
  | 'named_placement'
  | 'move_date'
  | 'learned_of_move'
  | 'made_or_reviewed'
  | 'transfer_in';

export interface DueDateBasis {
  from: DueDateFrom;
  /** The entry that gives the date: the trigger, the certificate, the child's registration, the placement... */
  entry: EntryRef;
  /** The date the period runs from (for a phase transfer, the transfer itself). */
  on: IsoDate;
  /** The period or fixed day, in words: "20 weeks", "15 February in the calendar year of the transfer". */
  period: string;
  /** The date the period gave, before a holiday rule moved it (the due date itself when none did). */
  beforeAdjustment: IsoDate;
  /** What moved it: "Christmas", "August" (Tribunal Rules r.12(3)), "non-working day" (r.12(2)); null when nothing did. */
  adjustment: string | null;
  /** A phase transfer: which, starting when; the year group it moves the child into when it comes from the date of birth. */
  transfer: { kind: PhaseTransfer; startsOn: IsoDate; intoYearGroup: number | null } | null;
}

/** A temporary modification of the limit (2020): its wording, the date the unmodified limit gave, and the exception it rests on. */
export interface ClockModification {
  version: string;
  wording: string;
  unmodifiedDueDate: IsoDate;
  /** The exception in which the LA recorded that the delay was for a reason relating to coronavirus (null if the version asks for none). */
  exception: { exceptionId: string; reason: string; from: IsoDate; to: IsoDate | null; invokedBy: EntryRef } | null;
}

export interface StatutoryClock {
  ruleId: string;
  ruleVersion: string;
  title: string;
  legalSource: string;
  /** A duty (of the LA, of a body asked for advice) or a right (of the parent or young person). */
  obligation: Obligation;
  subject: { kind: SubjectKind; id: string | null };
  /** The appeal window only: which decision the window is for. */
  appealableDecision: AppealableDecision | null;
  triggerDate: IsoDate;
  /**
   * The statutory date, not moved by exceptions. Under the 2020 modification (state `modified_2020`) the law
   * set no fixed date: this is the date the unmodified limit gave, shown beside the modified state.
   */
  dueDate: IsoDate;
  /** The date the clock is judged against: `dueDate` plus the days of exception in its period. */
  dueDateWithExceptions: IsoDate;
  dueDateBasis: DueDateBasis;
  state: ClockState;
  /** Days after `dueDateWithExceptions` a duty was met, or has been missed by (up to its ending or asOf); null for a right or under the modification. */
  daysLate: number | null;
  /** The same against the unextended `dueDate`: lateness an exception excused stays visible. */
  daysLateWithoutExceptions: number | null;
  startedBy: EntryRef;
  /** What met the duty or exercised the right. */
  stoppedBy: ClockEnding | null;
  /** What ended the duty unmet (the plan ceased or moved LA, a later decision): lateness stops growing there. */
  lapsedBy: ClockEnding | null;
  exceptionApplied: boolean;
  exceptionDays: number;
  exceptions: AppliedException[];
  /** The 2020 modification, where the LA recorded a coronavirus exception for a limit due in its period. */
  modification: ClockModification | null;
}
