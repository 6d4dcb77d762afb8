import type { APPEALABLE_DECISIONS, PHASE_TRANSFERS } from '../child-record/vocabulary.js';
import type { IsoDate } from '../calendar/iso-date.js';
import type { ExceptionGround } from './clock-events.js';

/**
 * The shape of a statutory deadline rule. A rule is data: who starts the clock, what meets it, how
 * long it runs, the legal source, and the dates each version of it is in force.
 */

/** Which record a clock is about: the identifier its trigger and stop entries share. */
export type SubjectKind = 'requestId' | 'planId' | 'adviceRequestId' | 'confirmationId' | 'recommendationId' | 'leavingId';
export type AppealableDecision = (typeof APPEALABLE_DECISIONS)[number];
export type PhaseTransfer = (typeof PHASE_TRANSFERS)[number];

/** school_days: the ledger's count of a school's days (school-days.ts says what it approximates). */
export type DurationUnit = 'calendar_days' | 'weeks' | 'months' | 'working_days' | 'school_days';

export interface Duration {
  amount: number;
  unit: DurationUnit;
  /**
   * "In the period of 12 months starting with" the trigger day (CFA 2014 s.44(1)): the trigger day is
   * day one, so the period ends the day before the one "within 12 months of" it would.
   */
  startingWithTriggerDay?: boolean;
}

/**
 * Whose the time limit is. A duty binds a body, and missing it is that body's failure; a right belongs to
 * the family (the appeal window), who may use it or not: an unused right is nobody's failure.
 */
export type Obligation =
  | { kind: 'duty'; holder: 'local_authority' | 'body_asked_for_advice' }
  /** The health or social care body a tribunal recommendation is made to (an extended appeal): it must answer, not follow. */
  | { kind: 'duty'; holder: 'health_or_social_care_body' }
  /**
   * Not a duty in law: a time the LA itself asks a setting to answer by (provision confirmed in place). Judged as a
   * duty (met, late, missed) so the LA sees who answered when, but it is no statutory limit and no SEN2 figure.
   */
  | { kind: 'duty'; holder: 'setting'; setBy: 'local_authority_request' }
  /** A school's own duty in law: the school a pupil left sends the Common Transfer File (common-transfer-file-rules.ts). */
  | { kind: 'duty'; holder: 'school' }
  | { kind: 'right'; holder: 'parent_or_young_person' };

/** An entry type that starts (or meets) a clock, optionally only with given data values. */
export interface EntryMatch {
  type: string;
  /** e.g. `{ decision: 'amend' }`: only reviews that decided to amend. */
  where?: Readonly<Record<string, string>>;
}

/** An entry that ends a clock, with the plain reason the clock gives for ending there. */
export interface EndingEntry extends EntryMatch {
  reason: string;
  /**
   * The limit never applied (an order to assess: the 10 weeks for a notice not to issue a plan, where the LA went on to issue
   * one): the clock ends `lapsed` whenever this entry came, never `missed`, and has no lateness.
   */
  notApplicable?: true;
  /**
   * Entries that set this ending aside when they come after it, about the same subject: a refusal reversed, conceded or
   * overturned on appeal. The clock runs on from its trigger as if the ending had not come.
   */
  setAsideBy?: readonly EntryMatch[];
}

export interface TriggerEntry extends EntryMatch {
  /** The data field naming the clock's subject. */
  subject: SubjectKind;
  /** For the appeal window: which appealable decision this entry is. */
  decision?: AppealableDecision;
  /**
   * The field naming the plan the subject belongs to (a confirmation request is about one plan): an entry about
   * that plan that names no subject of this kind (the plan ceased, or moved LA) concerns the clock too.
   */
  planField?: 'planId';
}

export interface Trigger {
  entries: readonly TriggerEntry[];
  /**
   * Where the trigger date comes from: the entry's legal date (its occurredAt, as a date in England)
   * or a date field of its data (the transfer date of a phase transfer).
   */
  dateFrom: 'occurredAt' | { dataField: string };
}

export interface StopEntry extends EndingEntry {
  /** The data field that must name the same appealable decision as the trigger (the appeal window). */
  sameDecisionField?: string;
}

/** Reg 18: a fixed day of the calendar year of the transfer, or a number of months before it. */
export type PhaseTransferDeadline = { month: number; day: number } | { monthsBefore: number };

export type Limit =
  | { kind: 'duration'; duration: Duration }
  | { kind: 'computed'; computation: 'phase_transfer'; transferField: string; deadlines: Readonly<Record<PhaseTransfer, PhaseTransferDeadline>> }
  | {
      kind: 'computed';
      computation: 'appeal_window';
      fromDecision: Duration;
      fromCertificate: Duration;
      certificateType: string;
      /** A window ending in one of these (month-day, inclusive) runs to the first working day after it. */
      closedPeriods: ReadonlyArray<{ from: string; to: string; name: string }>;
    }
  /**
   * Reg 15(2): the move day, or where the LA learned of the move too late to have `afterLearning` of
   * notice before it, the end of `afterLearning` from the day it learned (the later of the two).
   * The trigger's data gives both dates.
   */
  | { kind: 'computed'; computation: 'move_transfer'; moveDateField: string; learnedOnField: string; afterLearning: Duration }
  /**
   * Reg 15(5): the later of `sinceMadeOrReviewed` from the plan being made or last reviewed (the latest
   * `madeOrReviewedBy` entry for the plan before the trigger) and `sinceTransfer` from the trigger.
   */
  | {
      kind: 'computed';
      computation: 'review_after_transfer';
      sinceMadeOrReviewed: Duration;
      sinceTransfer: Duration;
      madeOrReviewedBy: readonly EntryMatch[];
    }
  /** No fixed date: "as soon as reasonably practicable" (the 2020 coronavirus modification). */
  | { kind: 'no_fixed_limit'; wording: string };

export interface RuleVersion {
  /** A label for reports and audits, e.g. "2014" or "devon-2022". */
  version: string;
  /** Inclusive dates. */
  inForce: { from: IsoDate; to?: IsoDate };
  /**
   * Which date must fall within `inForce` for this version to govern a clock: the trigger date
   * (a change in the law for processes begun from a date) or the due date the governing version gives
   * (a temporary modification of limits that fall due in a period).
   */
  judgedOn: 'trigger_date' | 'due_date';
  legalSource: string;
  trigger: Trigger;
  /** Entries that meet the duty, or exercise the right (the first one after the trigger counts). */
  stops: readonly StopEntry[];
  /** Entries after which the duty no longer applies (e.g. the plan ceased): lateness stops growing there. */
  lapses: readonly EndingEntry[];
  /**
   * The reason an unmet duty gives when a later trigger for the same subject starts the rule again (a later
   * review meeting, a later notice of a move): the earlier duty ends there, superseded.
   */
  whenStartedAgain?: string;
  limit: Limit;
  /** Where the LA "need not comply" on reg 10(4)-style grounds, recorded as ExceptionInvoked. */
  exceptions?: { legalSource: string; grounds: readonly ExceptionGround[] };
  /**
   * A version judged on the due date that governs only where the LA recorded an exception on this ground for
   * the clock's request, overlapping the clock's period (the 2020 coronavirus modification).
   */
  onlyWithException?: ExceptionGround;
  /**
   * Reg 18: the transfers every child with a plan makes at a set age. From the child's date of birth and the
   * English school year, the plan made or taken in by `planMadeBy` gets a clock for each transfer, from the
   * start of the school year before it, whether or not a placement has been named (a named placement refines it).
   */
  byAge?: {
    dateOfBirth: { type: string; field: string };
    planMadeBy: readonly EntryMatch[];
    transfers: ReadonlyArray<{ transfer: PhaseTransfer; intoYearGroup: number }>;
  };
  /** Why the rule reads the law this way, where the reading is a choice. */
  note?: string;
}

/**
 * Rules that come from an appeal rather than from the assessment and plan: what a tribunal ordered (reg 44), what the LA
 * agreed not to oppose (reg 45), a recommendation on health or social care. Lists show them as tribunal orders; SEN2's
 * figures never count them.
 */
export type RuleFamily = 'tribunal_order' | 'unopposed_appeal' | 'tribunal_recommendation';

export interface StatutoryRule {
  id: string;
  title: string;
  family?: RuleFamily;
  obligation: Obligation;
  versions: readonly RuleVersion[];
}
