import { addDays, isIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { schoolYearOf, startOfSchoolYear } from '../calendar/school-year.js';
import type { ClockEntry } from './clock-events.js';
import type { ClockEnding, ClockModification, DueDateBasis, EntryRef, StatutoryClock } from './clock.js';
import { exceptionPeriods, extendForExceptions, type ExceptionPeriod, type Extension } from './exceptions.js';
import { judgeDuty, judgeRight, type Ending } from './judge.js';
import {
  appealWindowEnd, describeDuration, describePhaseTransferDeadline, endOfDuration, moveTransferDue, phaseTransferDeadline, reviewAfterTransferDue,
} from './limits.js';
import { phaseTransferStarts } from './phase-transfers.js';
import type { EndingEntry, RuleVersion, StatutoryRule } from './rule-types.js';
import { STATUTORY_RULES } from './rules.js';
import type { StartedClock } from './started-clock.js';
import { buildTimeline, concernsSubject, matchesEntry, stringField, type Placed, type Timeline } from './timeline.js';

export interface ComputeClocksOptions {
  /** An open clock is "due soon" within this many days of its due date. */
  dueSoonDays?: number;
  /** The rule table: the statutory one unless a test or a what-if supplies another. */
  rules?: readonly StatutoryRule[];
}

export const DEFAULT_DUE_SOON_DAYS = 14;

interface Context {
  timeline: Timeline;
  exceptions: readonly ExceptionPeriod[];
  asOf: IsoDate;
  dueSoonDays: number;
}

const isPhaseTransfer = (version: RuleVersion) => version.limit.kind === 'computed' && version.limit.computation === 'phase_transfer';

/**
 * Every statutory clock of one child, as of a date (YYYY-MM-DD), from the child's entries in stream
 * order. Corrections are applied first; entries whose legal date is after asOf are not yet on the
 * timeline. Pure: the same entries and date give the same clocks, in the order they started.
 */
export function computeClocks(events: readonly ClockEntry[], asOf: IsoDate, options: ComputeClocksOptions = {}): StatutoryClock[] {
  return computeClocksAndHorizon(events, asOf, options).clocks;
}

export interface ClocksAndHorizon {
  clocks: StatutoryClock[];
  /**
   * The last day through which the same entries give the same clocks but for their judgement on the day (state and
   * lateness, which judgedOn works out): before the next entry dated after asOf joins the timeline, before the next
   * school year opens phase-transfer clocks, and no later than asOf itself while an exception is open (its days
   * count up to asOf).
   */
  unchangedThrough: IsoDate;
}

/** computeClocks, and for how long its clocks hold (see ClocksAndHorizon): an LA's deadlines are not worked out afresh every day. */
export function computeClocksAndHorizon(events: readonly ClockEntry[], asOf: IsoDate, options: ComputeClocksOptions = {}): ClocksAndHorizon {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a date as YYYY-MM-DD, not "${asOf}"`);
  const timeline = buildTimeline(events, asOf);
  const context: Context = { timeline, exceptions: exceptionPeriods(timeline), asOf, dueSoonDays: options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS };
  const rules = options.rules ?? STATUTORY_RULES;
  const started: Array<StartedClock & { ruleIndex: number }> = [];
  rules.forEach((rule, ruleIndex) => {
    for (const version of rule.versions.filter(isPhaseTransfer)) {
      for (const clock of phaseTransferStarts(rule, version, timeline, asOf)) started.push({ ...clock, ruleIndex });
    }
    for (const placed of timeline.entries) {
      const clock = startClock(rule, placed, timeline);
      if (clock) started.push({ ...clock, ruleIndex });
    }
  });
  started.sort((a, b) => a.placed.position - b.placed.position || a.ruleIndex - b.ruleIndex);
  const clocks = started.flatMap((clock) => runClock(clock, context) ?? []);
  const limits = [addDays(startOfSchoolYear(schoolYearOf(asOf) + 1), -1)];
  if (timeline.nextDate !== null) limits.push(addDays(timeline.nextDate, -1));
  if (context.exceptions.some((period) => period.to === null)) limits.push(asOf);
  return { clocks, unchangedThrough: limits.reduce((a, b) => (b < a ? b : a)) };
}

const inForce = (version: RuleVersion, date: IsoDate) =>
  version.inForce.from <= date && (version.inForce.to === undefined || date <= version.inForce.to);

/** The version whose trigger this entry is and which is in force on the trigger date, if any. */
function startClock(rule: StatutoryRule, placed: Placed, timeline: Timeline): StartedClock | undefined {
  for (const version of rule.versions) {
    if (version.judgedOn !== 'trigger_date' || isPhaseTransfer(version)) continue;
    const trigger = version.trigger.entries.find((candidate) => matchesEntry(placed.entry, candidate));
    if (!trigger) continue;
    const { dateFrom } = version.trigger;
    const triggerDate = dateFrom === 'occurredAt' ? placed.date : stringField(placed.entry, dateFrom.dataField);
    if (triggerDate === undefined || !isIsoDate(triggerDate) || !inForce(version, triggerDate)) continue;
    const subjectId = stringField(placed.entry, trigger.subject) ?? null;
    const startedAgainBy = timeline.entries.slice(placed.position + 1).find(({ entry }) =>
      rule.versions.some((other) =>
        other.trigger.entries.some(
          (again) => matchesEntry(entry, again) && again.decision === trigger.decision && (stringField(entry, again.subject) ?? null) === subjectId,
        ),
      ),
    );
    return { rule, version, trigger, placed, triggerDate, subjectId, opensAt: placed.position + 1, startedAgainBy: startedAgainBy ?? null, transfer: null };
  }
  return undefined;
}

/** An entry about the plan the clock's subject belongs to, naming no subject of the clock's kind (see TriggerEntry.planField). */
function aboutItsPlan(entry: ClockEntry, { trigger, placed }: StartedClock): boolean {
  if (!trigger.planField || stringField(entry, trigger.subject) !== undefined) return false;
  const planId = stringField(placed.entry, trigger.planField);
  return planId !== undefined && stringField(entry, 'planId') === planId;
}

const ref = ({ entry, date }: Placed): EntryRef => ({ eventId: entry.eventId, type: entry.type, on: date });
const ending = (placed: Placed, reason: string): ClockEnding => ({ ...ref(placed), reason });

/** The generic reason, where a rule gives none, for a duty superseded by the same rule starting again. */
const STARTED_AGAIN = 'the same time limit started again for the same subject';

function runClock(started: StartedClock, context: Context): StatutoryClock | undefined {
  const { rule, version, trigger, placed, triggerDate, subjectId, startedAgainBy } = started;
  // The entries after the opening, up to and including a later start of the same rule, which then owns what follows.
  const own = context.timeline.entries
    .slice(started.opensAt, startedAgainBy ? startedAgainBy.position + 1 : undefined)
    .filter(({ entry }) => concernsSubject(context.timeline, entry, trigger.subject, subjectId) || aboutItsPlan(entry, started));
  // An ending a later entry sets aside (a refusal reversed, conceded or overturned) is no ending. The entry must name the
  // clock's subject itself, as the fold asks before it clears the refusal: an order naming no request revives nothing.
  const setAside = (candidate: Placed, match: EndingEntry) =>
    match.setAsideBy !== undefined &&
    subjectId !== null &&
    own.some(
      ({ entry, position }) =>
        position > candidate.position && stringField(entry, trigger.subject) === subjectId && match.setAsideBy!.some((revival) => matchesEntry(entry, revival)),
    );
  const firstOf = <M extends EndingEntry>(matches: readonly M[], also: (entry: ClockEntry, match: M) => boolean = () => true) => {
    for (const candidate of own) {
      const match = matches.find((m) => matchesEntry(candidate.entry, m) && also(candidate.entry, m) && !setAside(candidate, m));
      if (match) return { placed: candidate, reason: match.reason, notApplicable: match.notApplicable === true };
    }
    return undefined;
  };
  const stop = firstOf(version.stops, (entry, match) => match.sameDecisionField === undefined || entry.data[match.sameDecisionField] === trigger.decision);
  const duty = rule.obligation.kind === 'duty';
  // A duty also ends when its rule starts again for the same subject (a later review meeting): lateness stops there.
  const superseded = duty && startedAgainBy ? { placed: startedAgainBy, reason: version.whenStartedAgain ?? STARTED_AGAIN, notApplicable: false } : undefined;
  const lapse = [firstOf(version.lapses), superseded].filter((c) => c !== undefined).sort((a, b) => a.placed.position - b.placed.position)[0];
  const stopped = stop !== undefined && (lapse === undefined || stop.placed.position <= lapse.placed.position);
  const end: Ending | null = stopped
    ? { how: 'stopped', on: stop.placed.date }
    : lapse
      ? { how: lapse.notApplicable ? 'not_applicable' : 'lapsed', on: lapse.placed.date }
      : null;

  const due = dueDateOf(started, own, context);
  if (!due) return undefined;
  const extension = extend(started, due.dueDate, end, context);
  const common = {
    ruleId: rule.id,
    title: rule.title,
    obligation: rule.obligation,
    subject: { kind: trigger.subject, id: subjectId },
    appealableDecision: trigger.decision ?? null,
    triggerDate,
    dueDate: due.dueDate,
    dueDateWithExceptions: extension.dueDateWithExceptions,
    dueDateBasis: due.basis,
    startedBy: ref(placed),
    stoppedBy: stopped ? ending(stop.placed, stop.reason) : null,
    lapsedBy: !stopped && lapse ? { ...ending(lapse.placed, lapse.reason), ...(lapse.notApplicable ? { notApplicable: true as const } : {}) } : null,
    exceptionApplied: extension.exceptionDays > 0,
    exceptionDays: extension.exceptionDays,
    exceptions: extension.applied,
  };

  if (!duty) {
    const state = judgeRight(due.dueDate, stopped ? stop.placed.date : null, context.asOf);
    return { ...common, ruleVersion: version.version, legalSource: version.legalSource, state, daysLate: null, daysLateWithoutExceptions: null, modification: null };
  }
  const modification = modificationOf(started, extension.dueDateWithExceptions, end, context);
  if (modification) {
    return { ...common, ruleVersion: modification.version, legalSource: modification.legalSource, state: 'modified_2020', daysLate: null, daysLateWithoutExceptions: null, modification: modification.applied };
  }
  const judgement = judgeDuty({ dueDate: due.dueDate, dueDateWithExceptions: extension.dueDateWithExceptions }, end, context.asOf, context.dueSoonDays);
  return { ...common, ruleVersion: version.version, legalSource: version.legalSource, ...judgement, modification: null };
}

/**
 * A temporary modification governs a limit that fell due in its period (exceptions included), and, where it
 * asks for one, only when the LA recorded an exception on that ground for the clock's request during the
 * clock's run (from the day after the trigger to the due date, or to the day the clock ended if earlier).
 */
function modificationOf(
  { rule, trigger, triggerDate, subjectId }: StartedClock,
  dueDateWithExceptions: IsoDate,
  end: Ending | null,
  context: Context,
): { version: string; legalSource: string; applied: ClockModification } | undefined {
  const overlay = rule.versions.find((other) => other.judgedOn === 'due_date' && inForce(other, dueDateWithExceptions));
  if (!overlay || overlay.limit.kind !== 'no_fixed_limit') return undefined;
  const common = { version: overlay.version, wording: overlay.limit.wording, unmodifiedDueDate: dueDateWithExceptions };
  if (!overlay.onlyWithException) return { version: overlay.version, legalSource: overlay.legalSource, applied: { ...common, exception: null } };
  const requestId = requestOfClock(trigger.subject, subjectId, context.timeline);
  const ranUntil = end && end.on < dueDateWithExceptions ? end.on : dueDateWithExceptions;
  const relied = context.exceptions.find(
    (period) =>
      period.requestId === requestId && period.ground === overlay.onlyWithException && period.from <= ranUntil && (period.to ?? context.asOf) > triggerDate,
  );
  if (!relied) return undefined;
  const { eventId, type, on } = relied.invokedBy;
  const exception = { exceptionId: relied.exceptionId, reason: relied.reason, from: relied.from, to: relied.to, invokedBy: { eventId, type, on } };
  return { version: overlay.version, legalSource: overlay.legalSource, applied: { ...common, exception } };
}

/** The request a clock belongs to: its subject, or the request its advice or plan was for. */
function requestOfClock(kind: StartedClock['trigger']['subject'], subjectId: string | null, timeline: Timeline): string | undefined {
  if (subjectId === null) return undefined;
  if (kind === 'requestId') return subjectId;
  return kind === 'adviceRequestId' ? timeline.requestOfAdvice.get(subjectId) : timeline.requestOfPlan.get(subjectId);
}

function dueDateOf(started: StartedClock, own: readonly Placed[], context: Context): { dueDate: IsoDate; basis: DueDateBasis } | undefined {
  const { version, trigger, placed, triggerDate, subjectId } = started;
  const { limit } = version;
  const basis = (dueDate: IsoDate, from: DueDateBasis['from'], source: Placed, on: IsoDate, period: string) => ({
    dueDate,
    basis: { from, entry: ref(source), on, period, beforeAdjustment: dueDate, adjustment: null, transfer: null },
  });
  switch (limit.kind) {
    case 'duration':
      return basis(endOfDuration(triggerDate, limit.duration), 'trigger', placed, triggerDate, describeDuration(limit.duration));
    case 'no_fixed_limit':
      return undefined;
    case 'computed':
      if (limit.computation === 'phase_transfer') {
        const transfer = started.transfer;
        if (!transfer) return undefined;
        const dueDate = phaseTransferDeadline(transfer.startsOn, transfer.kind, limit);
        const { basis: plain } = basis(dueDate, transfer.from, transfer.source, transfer.startsOn, describePhaseTransferDeadline(limit.deadlines[transfer.kind]));
        return { dueDate, basis: { ...plain, transfer: { kind: transfer.kind, startsOn: transfer.startsOn, intoYearGroup: transfer.intoYearGroup } } };
      } else if (limit.computation === 'move_transfer') {
        const moveDate = stringField(placed.entry, limit.moveDateField);
        const learnedOn = stringField(placed.entry, limit.learnedOnField);
        if (moveDate === undefined || learnedOn === undefined || !isIsoDate(moveDate) || !isIsoDate(learnedOn)) return undefined;
        const { dueDate } = moveTransferDue(moveDate, learnedOn, limit.afterLearning);
        return dueDate === moveDate
          ? basis(dueDate, 'move_date', placed, moveDate, 'the day of the move')
          : basis(dueDate, 'learned_of_move', placed, learnedOn, `${describeDuration(limit.afterLearning)}, the LA having learned of the move too late to transfer on the day`);
      } else if (limit.computation === 'review_after_transfer') {
        // The plan's making or last review before the transfer (reg 15(3): the plan keeps its date).
        const madeOrReviewed = context.timeline.entries
          .slice(0, placed.position)
          .findLast(({ entry }) => limit.madeOrReviewedBy.some((match) => matchesEntry(entry, match)) && stringField(entry, trigger.subject) === subjectId);
        const dueDate = reviewAfterTransferDue(madeOrReviewed?.date, triggerDate, limit);
        return madeOrReviewed && dueDate === endOfDuration(madeOrReviewed.date, limit.sinceMadeOrReviewed)
          ? basis(dueDate, 'made_or_reviewed', madeOrReviewed, madeOrReviewed.date, describeDuration(limit.sinceMadeOrReviewed))
          : basis(dueDate, 'transfer_in', placed, triggerDate, describeDuration(limit.sinceTransfer));
      } else {
        // The latest certificate about this decision: a later one gives the later window.
        const certificate = own.findLast(({ entry }) => entry.type === limit.certificateType && entry.data.against === trigger.decision);
        const end = appealWindowEnd(triggerDate, certificate?.date, limit);
        const fromCertificate = end.from === 'certificate' && certificate;
        return {
          dueDate: end.dueDate,
          basis: {
            from: end.from,
            entry: ref(fromCertificate ? certificate : placed),
            on: fromCertificate ? certificate.date : triggerDate,
            period: fromCertificate ? `${describeDuration(limit.fromCertificate)} from the mediation certificate` : `${describeDuration(limit.fromDecision)} from the decision`,
            beforeAdjustment: end.beforeAdjustment,
            adjustment: end.adjustment,
            transfer: null,
          },
        };
      }
  }
}

/** Exceptions count only where the rule admits them, for the clock's request, on a ground the rule lists. */
function extend({ version, trigger, triggerDate, subjectId }: StartedClock, dueDate: IsoDate, end: Ending | null, context: Context): Extension {
  const admitted = version.exceptions;
  if (!admitted || trigger.subject !== 'requestId' || subjectId === null) return { dueDateWithExceptions: dueDate, exceptionDays: 0, applied: [] };
  const periods = context.exceptions.filter((period) => period.requestId === subjectId && admitted.grounds.includes(period.ground));
  return extendForExceptions(periods, { triggerDate, dueDate, stoppedOn: end?.on ?? null, asOf: context.asOf });
}
