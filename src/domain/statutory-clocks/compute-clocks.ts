import { isIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { PHASE_TRANSFERS } from '../child-record/vocabulary.js';
import type { ClockEntry } from './clock-events.js';
import type { EntryRef, StatutoryClock } from './clock.js';
import { exceptionPeriods, extendForExceptions, type ExceptionPeriod, type Extension } from './exceptions.js';
import { judge, type Ending } from './judge.js';
import { appealWindowEnd, endOfDuration, moveTransferDue, phaseTransferDeadline, reviewAfterTransferDue } from './limits.js';
import type { PhaseTransfer, RuleVersion, StatutoryRule, TriggerEntry } from './rule-types.js';
import { STATUTORY_RULES } from './rules.js';
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

interface Started {
  rule: StatutoryRule;
  version: RuleVersion;
  trigger: TriggerEntry;
  placed: Placed;
  triggerDate: IsoDate;
  subjectId: string | null;
}

/**
 * Every statutory clock of one child, as of a date (YYYY-MM-DD), from the child's entries in stream
 * order. Corrections are applied first; entries whose legal date is after asOf are not yet on the
 * timeline. Pure: the same entries and date give the same clocks.
 */
export function computeClocks(events: readonly ClockEntry[], asOf: IsoDate, options: ComputeClocksOptions = {}): StatutoryClock[] {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a date as YYYY-MM-DD, not "${asOf}"`);
  const timeline = buildTimeline(events, asOf);
  const context: Context = { timeline, exceptions: exceptionPeriods(timeline), asOf, dueSoonDays: options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS };
  const rules = options.rules ?? STATUTORY_RULES;
  const clocks: StatutoryClock[] = [];
  for (const placed of timeline.entries) {
    for (const rule of rules) {
      const started = startClock(rule, placed);
      const clock = started && runClock(started, context);
      if (clock) clocks.push(clock);
    }
  }
  return clocks;
}

const inForce = (version: RuleVersion, date: IsoDate) =>
  version.inForce.from <= date && (version.inForce.to === undefined || date <= version.inForce.to);

/** The version whose trigger this entry is and which is in force on the trigger date, if any. */
function startClock(rule: StatutoryRule, placed: Placed): Started | undefined {
  for (const version of rule.versions) {
    if (version.judgedOn !== 'trigger_date') continue;
    const trigger = version.trigger.entries.find((candidate) => matchesEntry(placed.entry, candidate));
    if (!trigger) continue;
    const { dateFrom } = version.trigger;
    const triggerDate = dateFrom === 'occurredAt' ? placed.date : stringField(placed.entry, dateFrom.dataField);
    if (triggerDate === undefined || !isIsoDate(triggerDate) || !inForce(version, triggerDate)) continue;
    return { rule, version, trigger, placed, triggerDate, subjectId: stringField(placed.entry, trigger.subject) ?? null };
  }
  return undefined;
}

const ref = ({ entry, date }: Placed): EntryRef => ({ eventId: entry.eventId, type: entry.type, on: date });

/**
 * The entries that can still end this clock: those after its trigger, up to and including the next
 * entry that starts the same rule for the same subject (a later review, a later decision of the same
 * kind), which then owns what follows.
 */
function entriesOfClock({ rule, trigger, placed, subjectId }: Started, { timeline }: Context): Placed[] {
  const later = timeline.entries.slice(placed.position + 1);
  const restart = later.findIndex(({ entry }) =>
    rule.versions.some((version) =>
      version.trigger.entries.some(
        (other) => matchesEntry(entry, other) && other.decision === trigger.decision && (stringField(entry, other.subject) ?? null) === subjectId,
      ),
    ),
  );
  return restart === -1 ? later : later.slice(0, restart + 1);
}

function runClock(started: Started, context: Context): StatutoryClock | undefined {
  const { rule, version, trigger, placed, triggerDate, subjectId } = started;
  const own = entriesOfClock(started, context).filter(({ entry }) => concernsSubject(context.timeline, entry, trigger.subject, subjectId));
  const stop = own.find(({ entry }) =>
    version.stops.some((match) => matchesEntry(entry, match) && (match.sameDecisionField === undefined || entry.data[match.sameDecisionField] === trigger.decision)),
  );
  const lapse = own.find(({ entry }) => version.lapses.some((match) => matchesEntry(entry, match)));
  const end = stop && (!lapse || stop.position < lapse.position) ? stop : lapse;
  const ending: Ending | null = end ? { how: end === stop ? 'stopped' : 'lapsed', on: end.date } : null;

  const due = dueDateOf(started, own, context);
  if (!due) return undefined;
  const extension = extend(started, due.dueDate, ending, context);

  const common = {
    ruleId: rule.id,
    title: rule.title,
    subject: { kind: trigger.subject, id: subjectId },
    ...(trigger.decision ? { appealableDecision: trigger.decision } : {}),
    triggerDate,
    startedBy: ref(placed),
    stoppedBy: end && end === stop ? ref(end) : null,
    lapsedBy: end && end === lapse ? ref(end) : null,
    exceptionApplied: extension.exceptionDays > 0,
    exceptionDays: extension.exceptionDays,
    exceptions: extension.applied,
    ...(due.basis ? { dueDateBasis: due.basis } : {}),
  };

  // A temporary modification governs the limits that actually fell due in its period (exceptions included).
  const overlay = started.rule.versions.find((other) => other.judgedOn === 'due_date' && inForce(other, extension.dueDateWithExceptions));
  if (overlay && overlay.limit.kind === 'no_fixed_limit') {
    return {
      ...common,
      ruleVersion: overlay.version,
      legalSource: overlay.legalSource,
      dueDate: null,
      dueDateWithExceptions: null,
      state: 'modified_2020',
      daysLate: null,
      daysLateWithoutExceptions: null,
      modification: { version: overlay.version, wording: overlay.limit.wording, unmodifiedDueDate: extension.dueDateWithExceptions },
    };
  }
  const judgement = judge({ dueDate: due.dueDate, dueDateWithExceptions: extension.dueDateWithExceptions }, ending, context.asOf, context.dueSoonDays);
  return {
    ...common,
    ruleVersion: version.version,
    legalSource: version.legalSource,
    dueDate: due.dueDate,
    dueDateWithExceptions: extension.dueDateWithExceptions,
    ...judgement,
  };
}

function dueDateOf(
  { version, trigger, placed, triggerDate, subjectId }: Started,
  own: readonly Placed[],
  context: Context,
): { dueDate: IsoDate; basis?: StatutoryClock['dueDateBasis'] } | undefined {
  const { limit } = version;
  switch (limit.kind) {
    case 'duration':
      return { dueDate: endOfDuration(triggerDate, limit.duration) };
    case 'no_fixed_limit':
      return undefined;
    case 'computed':
      if (limit.computation === 'phase_transfer') {
        const transfer = stringField(placed.entry, limit.transferField);
        const known = PHASE_TRANSFERS.find((kind) => kind === transfer) as PhaseTransfer | undefined;
        return known && { dueDate: phaseTransferDeadline(triggerDate, known, limit) };
      } else if (limit.computation === 'move_transfer') {
        const moveDate = stringField(placed.entry, limit.moveDateField);
        const learnedOn = stringField(placed.entry, limit.learnedOnField);
        if (moveDate === undefined || learnedOn === undefined || !isIsoDate(moveDate) || !isIsoDate(learnedOn)) return undefined;
        return { dueDate: moveTransferDue(moveDate, learnedOn, limit.afterLearning).dueDate };
      } else if (limit.computation === 'review_after_transfer') {
        // The plan's making or last review before the transfer (reg 15(3): the plan keeps its date).
        const madeOrReviewed = context.timeline.entries
          .slice(0, placed.position)
          .findLast(({ entry }) => limit.madeOrReviewedBy.some((match) => matchesEntry(entry, match)) && stringField(entry, trigger.subject) === subjectId);
        return { dueDate: reviewAfterTransferDue(madeOrReviewed?.date, triggerDate, limit) };
      } else {
        // The latest certificate about this decision: a later one gives the later window.
        const certificate = own.findLast(({ entry }) => entry.type === limit.certificateType && entry.data.against === trigger.decision);
        const end = appealWindowEnd(triggerDate, certificate?.date, limit);
        return {
          dueDate: end.dueDate,
          basis: { from: end.from, certificate: certificate ? ref(certificate) : null, beforeAdjustment: end.beforeAdjustment, adjustment: end.adjustment },
        };
      }
  }
}

/** Exceptions count only where the rule admits them, for the clock's request, on a ground the rule lists. */
function extend({ version, trigger, triggerDate, subjectId }: Started, dueDate: IsoDate, ending: Ending | null, context: Context): Extension {
  const admitted = version.exceptions;
  if (!admitted || trigger.subject !== 'requestId' || subjectId === null) return { dueDateWithExceptions: dueDate, exceptionDays: 0, applied: [] };
  const periods = context.exceptions.filter((period) => period.requestId === subjectId && admitted.grounds.includes(period.ground));
  return extendForExceptions(periods, { triggerDate, dueDate, stoppedOn: ending?.on ?? null, asOf: context.asOf });
}
