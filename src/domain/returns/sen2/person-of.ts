import type { SenType } from '../../child-record/vocabulary.js';
import type { ChildOnDay } from '../record-on-day.js';
import { addDays, englandDateOf, type IsoDate } from '../../calendar/iso-date.js';
import type { ChildRecord, EhcPlan, RecordedBy } from '../../child-record/state.js';
import type { APPEALABLE_DECISIONS } from '../../child-record/vocabulary.js';
import { disclosableIdentifiers, isWithheld } from '../../identifiers/pupil-identifiers.js';
import type { StatutoryClock } from '../../statutory-clocks/clock.js';
import { inPeriod, type CollectionPeriod } from './census-date.js';
import type {
  Sen2ActivePlan, Sen2Assessment, Sen2Flag, Sen2NamedPlan, Sen2Person, Sen2PhaseTransfer, Sen2Placement, Sen2Request, Sen2Review, Sen2TwentyWeeks,
} from './return-model.js';

/** One child as the return reads it: the record and the statutory clocks, both as they stood on the census date. */
/** A child's record and clocks as they stood on the census date (returns/record-on-day.ts). */
export type ChildAsAtCensus = ChildOnDay;

const dayOf = (recorded: Pick<RecordedBy, 'on'>): IsoDate => englandDateOf(recorded.on);
const ids = (...eventIds: Array<string | null | undefined>): string[] => [...new Set(eventIds.filter((id): id is string => typeof id === 'string'))];

/** Due in the year with a known outcome (met, on time or late, or missed): as SEN2's timeliness counts reviews and transfers. */
const decidedInYear = (clock: StatutoryClock, period: CollectionPeriod) =>
  inPeriod(clock.dueDate, period) && (clock.state === 'met_on_time' || clock.state === 'met_late' || clock.state === 'missed');

const clockEntries = (clock: StatutoryClock) => ids(clock.startedBy.eventId, clock.stoppedBy?.eventId, clock.lapsedBy?.eventId);

function flag(record: ChildRecord, against: ReadonlyArray<(typeof APPEALABLE_DECISIONS)[number]>, about: { requestId?: string; planId?: string }, kind: 'mediation' | 'tribunal'): Sen2Flag {
  const matches = (item: { against: string; requestId?: string | undefined; planId?: string | undefined }) =>
    against.includes(item.against as (typeof APPEALABLE_DECISIONS)[number]) &&
    ((about.requestId !== undefined && item.requestId === about.requestId) || (about.planId !== undefined && item.planId === about.planId));
  const found = kind === 'mediation' ? record.mediationRequests.filter(matches) : record.appeals.filter(matches);
  return { value: found.length > 0, sources: found.map((item) => item.eventId) };
}

function twentyWeeksOf(clock: StatutoryClock | undefined): Sen2TwentyWeeks | undefined {
  if (!clock?.stoppedBy || clock.stoppedBy.type !== 'FinalPlanIssued') return undefined;
  const within = clock.stoppedBy.on <= clock.dueDate;
  const exceptionApplied = clock.exceptionApplied || clock.modification !== null;
  const exceptionSources = ids(...clock.exceptions.map((e) => e.invokedBy.eventId), clock.modification?.exception?.invokedBy.eventId);
  return {
    dueDate: clock.dueDate,
    issuedOn: clock.stoppedBy.on,
    within,
    exceptionApplied,
    // The guide's Week20 item: only for a plan issued outside the 20 weeks, where an exception is why.
    week20: exceptionApplied && !within,
    exceptionSources,
    sources: ids(clock.startedBy.eventId, clock.stoppedBy.eventId, ...exceptionSources),
  };
}

function namedPlanOf(plan: EhcPlan, period: CollectionPeriod): Sen2NamedPlan | undefined {
  if (!plan.finalIssued) return undefined;
  const startDate = dayOf(plan.finalIssued);
  const ceased = plan.ceased && { date: dayOf(plan.ceased), reason: plan.ceased.reason as NonNullable<Sen2NamedPlan['ceased']>['reason'], sources: [plan.ceased.eventId] };
  const newInYear = inPeriod(startDate, period);
  if (!newInYear && !inPeriod(ceased?.date, period)) return undefined;
  const naming = [...plan.amendments].reverse().find((a) => a.namedSetting) ?? plan.finalIssued;
  return {
    planId: plan.planId,
    startDate,
    newInYear,
    ...(ceased ? { ceased } : {}),
    planDetail: plan.namedSetting ? [{ ...(plan.namedSetting.urn ? { urn: plan.namedSetting.urn } : {}), name: plan.namedSetting.name, sources: [naming.eventId] }] : [],
    sources: ids(plan.finalIssued.eventId, plan.ceased?.eventId),
  };
}

/** The settings the child was on roll at during the year and on the census date, each with its first and last day. */
function placementsOf(record: ChildRecord, period: CollectionPeriod): Sen2Placement[] {
  const history = record.settingHistory;
  return history.flatMap((setting, i): Sen2Placement[] => {
    const next = history[i + 1];
    const leavingDate = next ? addDays(next.from, -1) : undefined;
    if (setting.from > period.referenceDate || (leavingDate !== undefined && leavingDate < period.from)) return [];
    return [{ ...(setting.urn ? { urn: setting.urn } : {}), name: setting.name, entryDate: setting.from, ...(leavingDate ? { leavingDate } : {}), sources: [setting.since.eventId] }];
  });
}

function activePlanOf(record: ChildRecord, plan: EhcPlan, clocks: readonly StatutoryClock[], period: CollectionPeriod): Sen2ActivePlan | undefined {
  if (plan.status !== 'final' || !plan.finalIssued || dayOf(plan.finalIssued) > period.referenceDate) return undefined;
  const moves = Object.values(record.laMoves).filter((move) => move.planId === plan.planId);
  // A plan transferred to another LA is that LA's to return, from the transfer.
  if (moves.some((move) => move.transferredOut)) return undefined;
  const transferredIn = moves.find((move) => move.transferredIn && inPeriod(dayOf(move.transferredIn), period));
  const review = plan.reviews.at(-1);
  const notified = review && record.history.find(
    (entry) => entry.type === 'ReviewDecisionNotified' && entry.data.planId === plan.planId && entry.occurredAt >= review.on,
  );
  const transfer = clocks.find((clock) => clock.ruleId === 'phase-transfer' && clock.subject.id === plan.planId && inPeriod(clock.dueDate, period));
  return {
    planId: plan.planId,
    startDate: dayOf(plan.finalIssued),
    ...(transferredIn?.transferredIn ? { transferLa: { laCode: transferredIn.fromLaCode, sources: [transferredIn.transferredIn.eventId] } } : {}),
    ...(review
      ? {
          lastReview: {
            meetingDate: dayOf(review),
            decision: review.decision,
            ...(notified ? { decisionDate: englandDateOf(notified.occurredAt) } : {}),
            sources: ids(review.eventId, notified?.eventId),
          },
        }
      : {}),
    ...(transfer ? { phaseTransfer: { dueDate: transfer.dueDate, ...(transfer.stoppedBy ? { finalDate: transfer.stoppedBy.on } : {}), sources: clockEntries(transfer) } } : {}),
    placements: placementsOf(record, period),
    needs: senNeedsOf(record, period),
    sources: ids(plan.finalIssued.eventId, review?.eventId),
  };
}

/**
 * The needs SEN2 carries: those whose DfE type was recorded, primary before secondary, in the order identified. NSA
 * ("no specialist assessment") is a type for SEN support, not for a plan, so it is not returned.
 */
function senNeedsOf(record: ChildRecord, period: CollectionPeriod): Sen2ActivePlan['needs'] {
  const typed = record.needs.filter(
    (need): need is typeof need & { senType: Exclude<SenType, 'NSA'> } =>
      need.senType !== undefined && need.senType !== 'NSA' && dayOf(need.identified) <= period.referenceDate,
  );
  const ordered = [...typed.filter((need) => need.rank === 'primary'), ...typed.filter((need) => need.rank !== 'primary')];
  return ordered.map((need, index) => ({ rank: index + 1, type: need.senType, sources: [need.identified.eventId] }));
}

/**
 * One child's part of the return, or null when the child has nothing in it: the requests received or decided in the
 * year, the assessments that ended in it, the plans made or ceased in it, the plans active on the census date, and the
 * reviews and phase transfers due in the year. Figures about time limits come from the child's statutory clocks, so
 * they are the same as the timeliness figures (sen2-timeliness.ts) for the same year.
 */
export function personOf({ childId, record, clocks }: ChildAsAtCensus, period: CollectionPeriod): Sen2Person | null {
  if (!record.profile || !record.registered) return null;
  const clockFor = (ruleId: string, startedBy: string) => clocks.find((clock) => clock.ruleId === ruleId && clock.startedBy.eventId === startedBy);
  const requests: Sen2Request[] = [];
  const plansListed = new Set<string>();

  for (const request of Object.values(record.assessmentRequests)) {
    const received = dayOf(request.received);
    const decide = clockFor('decide-whether-to-assess', request.received.eventId);
    const decision = decide?.stoppedBy;
    const plan = request.planId ? record.plans[request.planId] : undefined;
    const namedPlan = plan && namedPlanOf(plan, period);
    const activePlan = plan && activePlanOf(record, plan, clocks, period);
    const twentyWeeks = twentyWeeksOf(clockFor('final-plan', request.received.eventId));
    const notToIssue = request.notToIssue;
    const assessmentOutcome =
      plan?.finalIssued ? { decision: 'issue' as const, date: dayOf(plan.finalIssued), sources: [plan.finalIssued.eventId] }
      : notToIssue ? { decision: 'not_issue' as const, date: dayOf(notToIssue), sources: [notToIssue.eventId] }
      : undefined;
    const relevant =
      inPeriod(received, period) || inPeriod(decision?.on, period) || inPeriod(assessmentOutcome?.date, period) || namedPlan !== undefined || activePlan !== undefined;
    if (!relevant) continue;
    if (plan) plansListed.add(plan.planId);
    const assessed = decision?.type === 'DecisionToAssess' || request.decision?.outcome === 'assess' || assessmentOutcome !== undefined;
    const assessment: Sen2Assessment | undefined = assessed
      ? {
          ...(assessmentOutcome ? { outcome: assessmentOutcome } : {}),
          mediation: flag(record, ['refusal_to_issue'], { requestId: request.requestId }, 'mediation'),
          tribunal: flag(record, ['refusal_to_issue'], { requestId: request.requestId }, 'tribunal'),
          otherMediation: flag(record, ['plan_contents', 'refusal_to_amend', 'cease'], plan ? { planId: plan.planId } : {}, 'mediation'),
          otherTribunal: flag(record, ['plan_contents', 'refusal_to_amend', 'cease'], plan ? { planId: plan.planId } : {}, 'tribunal'),
          ...(twentyWeeks ? { twentyWeeks } : {}),
          ...(namedPlan ? { namedPlan } : {}),
          sources: ids(decision?.type === 'DecisionToAssess' ? decision.eventId : request.decision?.eventId, ...(assessmentOutcome?.sources ?? [])),
        }
      : undefined;
    requests.push({
      requestId: request.requestId,
      receivedDate: received,
      ...(decision && decide
        ? {
            outcome: {
              decision: decision.type === 'DecisionToAssess' ? ('assess' as const) : ('not_assess' as const),
              date: decision.on,
              dueDate: decide.dueDateWithExceptions,
              withinSixWeeks: decision.on <= decide.dueDateWithExceptions,
              sources: ids(decide.startedBy.eventId, decision.eventId, ...decide.exceptions.map((e) => e.invokedBy.eventId)),
            },
          }
        : {}),
      mediation: flag(record, ['refusal_to_assess'], { requestId: request.requestId }, 'mediation'),
      tribunal: flag(record, ['refusal_to_assess'], { requestId: request.requestId }, 'tribunal'),
      ...(assessment ? { assessment } : {}),
      ...(activePlan ? { activePlan } : {}),
      sources: [request.received.eventId],
    });
  }

  // Plans made by the transfer of a statement have no request: the return still lists them, under a request with no dates.
  for (const plan of Object.values(record.plans)) {
    if (plansListed.has(plan.planId) || plan.origin.kind !== 'statement_transfer') continue;
    const activePlan = activePlanOf(record, plan, clocks, period);
    if (!activePlan) continue;
    requests.push({
      requestId: null,
      mediation: { value: false, sources: [] },
      tribunal: { value: false, sources: [] },
      activePlan,
      sources: [plan.draftIssued.eventId],
    });
  }

  const reviews: Sen2Review[] = clocks
    .filter((clock) => (clock.ruleId === 'annual-review' || clock.ruleId === 'review-after-transfer') && decidedInYear(clock, period))
    .map((clock) => ({
      planId: clock.subject.id,
      dueDate: clock.dueDate,
      heldOn: clock.stoppedBy?.on ?? null,
      onTime: clock.state === 'met_on_time',
      sources: clockEntries(clock),
    }));
  const phaseTransfers: Sen2PhaseTransfer[] = clocks
    .filter((clock) => clock.ruleId === 'phase-transfer' && decidedInYear(clock, period))
    .map((clock) => ({
      planId: clock.subject.id,
      transfer: clock.dueDateBasis.transfer?.kind ?? null,
      dueDate: clock.dueDate,
      amendedOn: clock.stoppedBy?.on ?? null,
      onTime: clock.state === 'met_on_time',
      sources: clockEntries(clock),
    }));
  if (requests.length === 0 && reviews.length === 0 && phaseTransfers.length === 0) return null;

  const identifiers = disclosableIdentifiers(record);
  const upnUnknown = identifiers.upn || identifiers.uln ? undefined : isWithheld(record, 'upn') ? ('withheld' as const) : ('not_recorded' as const);
  return {
    childId,
    displayName: record.profile.displayName,
    birthDate: record.profile.dateOfBirth,
    ...(identifiers.upn ? { upn: identifiers.upn } : {}),
    ...(identifiers.uln ? { uln: identifiers.uln } : {}),
    ...(upnUnknown ? { upnUnknown } : {}),
    requests,
    reviews,
    phaseTransfers,
    sources: ids(
      record.registered.eventId,
      identifiers.upn ? record.identifiers.upn?.recorded.eventId : undefined,
      identifiers.uln ? record.identifiers.uln?.recorded.eventId : undefined,
      upnUnknown === 'withheld' ? record.withheldIdentifiers.upn?.decided.eventId : undefined,
    ),
  };
}
