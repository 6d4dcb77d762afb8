import { daysBetween, englandDateOf, type IsoDate } from '../calendar/iso-date.js';
import type { ChildEvent, ChildEventData } from '../child-record/events.js';
import { applyCorrections } from '../child-record/corrections.js';
import type { APPEALABLE_DECISIONS, Invitee, RightsHolder, ViewsAbout, ViewsWhose } from '../child-record/vocabulary.js';
import { rightsHolderDetail, type CapacityAssessment } from './rights-holder.js';

/**
 * Was each decision about the child taken with the family? A pure reading of the record (CFA 2014 s.19):
 * for every decision, whether the rights holder's views were recorded before it, whether the family was
 * invited to the meeting, who set SEN support targets, and when the family was told of the decision and
 * (where it can be appealed) of mediation and appeal rights. Each answer cites the entries it rests on.
 *
 * "Before" is judged by occurredAt, the claimed time: views recorded later but given before the decision
 * count, and the late recording stays visible (recordedAt, and a note flag), as it does in the audit trail.
 */

type Appealable = (typeof APPEALABLE_DECISIONS)[number];

export const DECISION_TYPES = [
  'DecisionToAssess',
  'DecisionNotToAssess',
  'DecisionNotToIssue',
  'DraftPlanIssued',
  'FinalPlanIssued',
  'PlanAmended',
  'AnnualReviewHeld',
  'PlanCeased',
  'SenSupportCyclePlanned',
  'SenSupportCycleReviewed',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];
type DecisionEvent = Extract<ChildEvent, { type: DecisionType }>;

export type FlagCode =
  | 'views-not-recorded-before'
  | 'child-views-not-recorded-before'
  | 'views-recorded-after-decision'
  | 'views-out-of-date'
  | 'not-invited'
  | 'short-notice'
  | 'targets-set-without-family'
  | 'not-notified'
  | 'notified-not-rights-holder'
  | 'rights-not-explained';

export interface Flag {
  code: FlagCode;
  /** A concern is a likely failure of a duty or of statutory guidance; a note is context a reader should see. */
  severity: 'concern' | 'note';
  /** A sentence a parent or advocate can use, with the date and the law. */
  message: string;
}

export interface ViewsEvidence {
  eventId: string;
  whose: ViewsWhose;
  on: IsoDate;
  recordedAt: string;
  /** Recorded in the ledger after the decision was, though given before it. */
  recordedAfterDecision: boolean;
}

export interface ParticipationFinding {
  decisionEventId: string;
  decisionType: DecisionType;
  /** The request, plan or SEN support cycle the decision is about. */
  subjectId: string;
  decidedOn: IsoDate;
  /** In words, e.g. "the local authority's decision not to carry out an EHC needs assessment". */
  decision: string;
  rightsHolder: {
    holder: RightsHolder;
    endOfCompulsorySchoolAge: IsoDate | null;
    /** The capacity assessment that kept the parent (or confirmed the young person), if one did. */
    capacityAssessmentId?: string;
  };
  views: { recordedBefore: boolean; counted: ViewsWhose[]; evidence: ViewsEvidence[] };
  meeting?: { meeting: 'annual_review' | 'sen_support_review'; familyInvited: boolean; invitationIds: string[]; noticeDays: number | null };
  targets?: { setWith: string[] | null; familyInvolved: boolean };
  notification?: {
    notified: boolean;
    firstOn: IsoDate | null;
    daysAfterDecision: number | null;
    /** The appealable decision it is, or null when it cannot be appealed. */
    appealable: Appealable | null;
    rightsExplained: { mediation: boolean; appeal: boolean };
    noticeIds: string[];
  };
  flags: Flag[];
}

interface Spec {
  describe: (data: Record<string, unknown>) => string;
  family: 'assessment' | 'plan' | 'sen_support';
  notify: boolean;
  appealable?: (data: Record<string, unknown>) => Appealable | null;
  meeting?: 'annual_review' | 'sen_support_review';
  subject: 'requestId' | 'planId' | 'cycleId';
}

/** Each decision type: what it is called, whose views count for it, and what the family must be told. */
const SPECS: Record<DecisionType, Spec> = {
  DecisionToAssess: { describe: () => 'the local authority\'s decision to carry out an EHC needs assessment', family: 'assessment', notify: true, subject: 'requestId' },
  DecisionNotToAssess: {
    describe: () => 'the local authority\'s decision not to carry out an EHC needs assessment',
    family: 'assessment', notify: true, appealable: () => 'refusal_to_assess', subject: 'requestId',
  },
  DecisionNotToIssue: {
    describe: () => 'the local authority\'s decision not to issue an EHC plan',
    family: 'assessment', notify: true, appealable: () => 'refusal_to_issue', subject: 'requestId',
  },
  DraftPlanIssued: { describe: () => 'the draft EHC plan', family: 'assessment', notify: false, subject: 'planId' },
  FinalPlanIssued: { describe: () => 'the final EHC plan', family: 'assessment', notify: true, appealable: () => 'plan_contents', subject: 'planId' },
  PlanAmended: { describe: () => 'the amendment of the EHC plan', family: 'plan', notify: true, appealable: () => 'plan_contents', subject: 'planId' },
  AnnualReviewHeld: {
    describe: (data) => `the annual review of the EHC plan (decision: ${String(data['decision'])})`,
    family: 'plan', notify: true, meeting: 'annual_review', subject: 'planId',
    // A decision to keep the plan as it is can be appealed as a refusal to amend; amend and cease are appealed when made.
    appealable: (data) => (data['decision'] === 'maintain' ? 'refusal_to_amend' : null),
  },
  PlanCeased: { describe: () => 'the decision to cease the EHC plan', family: 'plan', notify: true, appealable: () => 'cease', subject: 'planId' },
  SenSupportCyclePlanned: { describe: () => 'the SEN support plan (its outcomes and targets)', family: 'sen_support', notify: true, subject: 'cycleId' },
  SenSupportCycleReviewed: { describe: () => 'the SEN support review', family: 'sen_support', notify: false, meeting: 'sen_support_review', subject: 'cycleId' },
};

/** What views must be about to count for a family of decisions (views with no `about`, or `general`, always count). */
const RELEVANT_ABOUT: Record<Spec['family'], readonly ViewsAbout[]> = {
  assessment: ['decision', 'plan_section_a', 'general'],
  plan: ['decision', 'review', 'plan_section_a', 'general'],
  sen_support: ['decision', 'sen_support_cycle', 'general'],
};

const FAMILY_INVITEES: readonly Invitee[] = ['parent_carer', 'young_person'];
/** Regs 20: at least two weeks' notice of an annual review meeting. */
const REVIEW_NOTICE_DAYS = 14;
/** Views older than a year at the decision: plans and their views are reviewed at least annually (CFA 2014 s.44). */
const VIEWS_CURRENT_DAYS = 365;

const isDecision = (event: ChildEvent): event is DecisionEvent => (DECISION_TYPES as readonly string[]).includes(event.type);
const time = (iso: string) => Date.parse(iso);
const words = (value: string) => value.replaceAll('_', ' ');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (day: IsoDate) => `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
const holderWords = (holder: RightsHolder) => (holder === 'parent_carer' ? 'the parent or carer' : 'the young person');

/** Whose recorded views stand for the rights holder on the date. */
function countedWhose(holder: RightsHolder, beforeEndOfSchoolAge: boolean): ViewsWhose[] {
  if (beforeEndOfSchoolAge) return ['child', 'parent_carer'];
  // After compulsory school age the young person speaks for themself ('child' views are theirs too),
  // unless a capacity assessment keeps the parent for this scope.
  return holder === 'young_person' ? ['young_person', 'child'] : ['parent_carer'];
}

/**
 * The findings for every decision in a child's history. `events` are the child's entries with corrections
 * applied (applyCorrections); entries recorded after `asOf` are left out, so the answer is what the ledger
 * showed at that moment. See participationFindingsAsKnownAt to start from the raw stream.
 */
export function participationFindings(events: readonly ChildEvent[], asOf: string): ParticipationFinding[] {
  const known = events.filter((e) => time(e.recordedAt) <= time(asOf));
  const asOfDay = englandDateOf(asOf);
  const registered = known.find((e): e is Extract<ChildEvent, { type: 'ChildRegistered' }> => e.type === 'ChildRegistered');
  const dateOfBirth = registered?.data.dateOfBirth;
  const capacity: CapacityAssessment[] = known
    .filter((e): e is Extract<ChildEvent, { type: 'CapacityAssessed' }> => e.type === 'CapacityAssessed')
    .map((e) => ({ on: e.occurredAt, hasCapacity: e.data.hasCapacity, decisionScope: e.data.decisionScope, eventId: e.eventId }));
  const views = known.filter((e): e is Extract<ChildEvent, { type: 'ViewsRecorded' }> => e.type === 'ViewsRecorded');
  const invitations = known.filter((e): e is Extract<ChildEvent, { type: 'MeetingInvitationSent' }> => e.type === 'MeetingInvitationSent');
  const notices = known.filter((e): e is Extract<ChildEvent, { type: 'DecisionNotified' }> => e.type === 'DecisionNotified');
  const reviewNotices = known.filter((e): e is Extract<ChildEvent, { type: 'ReviewDecisionNotified' }> => e.type === 'ReviewDecisionNotified');
  const requestOfPlan = new Map<string, string>();
  for (const e of known) if (e.type === 'DraftPlanIssued') requestOfPlan.set(e.data.planId, e.data.requestId);
  const decisions = known.filter(isDecision);

  const holderOn = (day: IsoDate) =>
    dateOfBirth === undefined ? { holder: 'parent_carer' as const, endOfCompulsorySchoolAge: null } : rightsHolderDetail(dateOfBirth, day, capacity);

  return decisions.map((decision) => {
    const spec = SPECS[decision.type];
    const data = decision.data as Record<string, unknown>;
    const subjectId = String(data[spec.subject]);
    const decidedOn = englandDateOf(decision.occurredAt);
    const described = spec.describe(data);
    const holder = holderOn(decidedOn);
    const beforeEnd = holder.endOfCompulsorySchoolAge === null || decidedOn <= holder.endOfCompulsorySchoolAge;
    const flags: Flag[] = [];

    // Views (CFA 2014 s.19): given at or before the decision, by the rights holder's side, about this decision.
    const subjects = new Set([decision.eventId, subjectId]);
    if (spec.subject === 'planId' && requestOfPlan.has(subjectId)) subjects.add(requestOfPlan.get(subjectId)!);
    const whose = countedWhose(holder.holder, beforeEnd);
    const relevant = views.filter((v) => {
      if (!whose.includes(v.data.whose) || time(v.occurredAt) > time(decision.occurredAt)) return false;
      const about = v.data.about;
      if (about === undefined || about.kind === 'general') return true;
      if (!RELEVANT_ABOUT[spec.family].includes(about.kind)) return false;
      return about.subjectId === undefined || subjects.has(about.subjectId);
    });
    const evidence: ViewsEvidence[] = relevant.map((v) => ({
      eventId: v.eventId,
      whose: v.data.whose,
      on: englandDateOf(v.occurredAt),
      recordedAt: v.recordedAt,
      recordedAfterDecision: time(v.recordedAt) > time(decision.recordedAt),
    }));
    const whoseWords = beforeEnd ? 'the child or the parent' : holder.holder === 'young_person' ? 'the young person' : 'the parent (the young person lacks capacity for this, as assessed)';
    if (evidence.length === 0) {
      flags.push({
        code: 'views-not-recorded-before',
        severity: 'concern',
        message: `No views of ${whoseWords} are recorded before ${described} on ${longDate(decidedOn)}; the local authority must have regard to their views, wishes and feelings (Children and Families Act 2014 s.19).`,
      });
    } else {
      if (beforeEnd && !evidence.some((e) => e.whose === 'child')) {
        flags.push({
          code: 'child-views-not-recorded-before',
          severity: 'note',
          message: `The parent's views are recorded before ${described} on ${longDate(decidedOn)}, but not the child's own (Children and Families Act 2014 s.19(a)).`,
        });
      }
      if (evidence.every((e) => e.recordedAfterDecision)) {
        const first = evidence.map((e) => e.recordedAt).sort()[0]!;
        flags.push({
          code: 'views-recorded-after-decision',
          severity: 'note',
          message: `The views counted for ${described} on ${longDate(decidedOn)} were given before it but only entered in the record on ${longDate(englandDateOf(first))}, after the decision was recorded.`,
        });
      }
      const latest = evidence.map((e) => e.on).sort().at(-1)!;
      if (daysBetween(latest, decidedOn) > VIEWS_CURRENT_DAYS) {
        flags.push({
          code: 'views-out-of-date',
          severity: 'note',
          message: `The most recent views recorded before ${described} on ${longDate(decidedOn)} date from ${longDate(latest)}, more than a year earlier.`,
        });
      }
    }

    const finding: ParticipationFinding = {
      decisionEventId: decision.eventId,
      decisionType: decision.type,
      subjectId,
      decidedOn,
      decision: described,
      rightsHolder: {
        holder: holder.holder,
        endOfCompulsorySchoolAge: holder.endOfCompulsorySchoolAge,
        ...('capacityAssessment' in holder && holder.capacityAssessment?.eventId ? { capacityAssessmentId: holder.capacityAssessment.eventId } : {}),
      },
      views: { recordedBefore: evidence.length > 0, counted: whose, evidence },
      flags,
    };

    // Meetings: was the family invited before the meeting (Regs 20(3) for annual reviews; CoP 6.65 for SEN support)?
    if (spec.meeting) {
      const since = previousMeetingDay(decision, decisions, spec.subject, subjectId);
      const matching = invitations.filter(
        (i) =>
          i.data.meeting === spec.meeting &&
          (i.data.subjectId === undefined || i.data.subjectId === subjectId) &&
          time(i.occurredAt) <= time(decision.occurredAt) &&
          i.data.meetingDate <= decidedOn &&
          (since === undefined || i.data.meetingDate > since),
      );
      const toFamily = matching.filter((i) => i.data.invitees.some((who) => FAMILY_INVITEES.includes(who)));
      const noticeDays = toFamily.length ? Math.max(...toFamily.map((i) => daysBetween(englandDateOf(i.occurredAt), i.data.meetingDate))) : null;
      finding.meeting = { meeting: spec.meeting, familyInvited: toFamily.length > 0, invitationIds: matching.map((i) => i.eventId), noticeDays };
      const law = spec.meeting === 'annual_review' ? 'SEND Regulations 2014 reg 20(3)' : 'SEND Code of Practice 6.65';
      if (toFamily.length === 0) {
        const sentTo = [...new Set(matching.flatMap((i) => i.data.invitees))].map(words);
        flags.push({
          code: 'not-invited',
          severity: 'concern',
          message: matching.length
            ? `Invitations to the meeting for ${described} on ${longDate(decidedOn)} went to ${sentTo.join(', ')}, but not to the parent or young person (${law}).`
            : `No invitation of the parent or young person to the meeting for ${described} on ${longDate(decidedOn)} is recorded (${law}).`,
        });
      } else if (spec.meeting === 'annual_review' && noticeDays !== null && noticeDays < REVIEW_NOTICE_DAYS) {
        flags.push({
          code: 'short-notice',
          severity: 'concern',
          message: `The family was invited to the annual review meeting only ${noticeDays} day(s) ahead; the regulations require at least two weeks' notice (SEND Regulations 2014 reg 20).`,
        });
      }
    }

    // SEN support targets (CoP 6.48): set with the rights holder?
    if (decision.type === 'SenSupportCyclePlanned') {
      const setWith = (decision.data as ChildEventData<'SenSupportCyclePlanned'>).targetsSetWith ?? null;
      const involved = setWith !== null && setWith.includes(holder.holder);
      finding.targets = { setWith, familyInvolved: involved };
      if (!involved) {
        flags.push({
          code: 'targets-set-without-family',
          severity: 'concern',
          message:
            setWith === null
              ? `The record does not say who set the targets of ${described} on ${longDate(decidedOn)}; they should be agreed with ${holderWords(holder.holder)} (SEND Code of Practice 6.48).`
              : `The targets of ${described} on ${longDate(decidedOn)} were set with ${setWith.map(words).join(', ')}, not with ${holderWords(holder.holder)} (SEND Code of Practice 6.48).`,
        });
      }
    }

    // Notice of the decision and, where it can be appealed, of mediation and appeal rights (Regs 5, 10, 32; CFA 2014 s.51).
    if (spec.notify) {
      const related = new Set([decision.eventId]);
      if (decision.type === 'AnnualReviewHeld') {
        const next = nextMeetingTime(decision, decisions, subjectId);
        for (const n of reviewNotices) {
          if (n.data.planId === subjectId && time(n.occurredAt) >= time(decision.occurredAt) && (next === undefined || time(n.occurredAt) < next)) related.add(n.eventId);
        }
      }
      const told = notices.filter((n) => related.has(n.data.decisionEventId));
      const toldByReviewNotice = reviewNotices.filter((n) => related.has(n.eventId));
      const days = [...told, ...toldByReviewNotice].map((n) => englandDateOf(n.occurredAt)).sort();
      const firstOn = days[0] ?? null;
      const appealable = spec.appealable?.(data) ?? null;
      const rightsExplained = { mediation: told.some((n) => n.data.rightsExplained.mediation), appeal: told.some((n) => n.data.rightsExplained.appeal) };
      finding.notification = {
        notified: firstOn !== null,
        firstOn,
        daysAfterDecision: firstOn === null ? null : daysBetween(decidedOn, firstOn),
        appealable,
        rightsExplained,
        noticeIds: [...told, ...toldByReviewNotice].map((n) => n.eventId),
      };
      if (firstOn === null) {
        flags.push({
          code: 'not-notified',
          severity: 'concern',
          message: `No record shows that ${holderWords(holder.holder)} was told of ${described} of ${longDate(decidedOn)} (${daysBetween(decidedOn, asOfDay)} day(s) ago as of ${longDate(asOfDay)}).`,
        });
      } else if (told.length > 0 && !told.some((n) => n.data.notifiedTo === holderOn(englandDateOf(n.occurredAt)).holder)) {
        flags.push({
          code: 'notified-not-rights-holder',
          severity: 'note',
          message: `The notice of ${described} went to ${told.map((n) => holderWords(n.data.notifiedTo)).join(' and ')}, but the rights were then ${holderWords(holder.holder)}'s.`,
        });
      }
      if (firstOn !== null && appealable !== null && !(rightsExplained.mediation && rightsExplained.appeal)) {
        const missing = [!rightsExplained.mediation && 'mediation', !rightsExplained.appeal && 'appeal to the First-tier Tribunal (SEND)'].filter(Boolean).join(' and ');
        flags.push({
          code: 'rights-not-explained',
          severity: 'concern',
          message: `${capital(described)} of ${longDate(decidedOn)} can be appealed (${words(appealable)}), but no notice recorded explained the right to ${missing} (SEND Regulations 2014 reg 32; Children and Families Act 2014 s.51).`,
        });
      }
    }
    return finding;
  });
}

const capital = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** The day of the previous meeting of the same kind about the same subject (or of the plan/cycle's start): invitations before it belong to that one. */
function previousMeetingDay(decision: DecisionEvent, decisions: readonly DecisionEvent[], subject: Spec['subject'], subjectId: string): IsoDate | undefined {
  const earlier = decisions.filter(
    (d) => d !== decision && d.type === decision.type && (d.data as Record<string, unknown>)[subject] === subjectId && time(d.occurredAt) < time(decision.occurredAt),
  );
  return earlier.map((d) => englandDateOf(d.occurredAt)).sort().at(-1);
}

function nextMeetingTime(decision: DecisionEvent, decisions: readonly DecisionEvent[], planId: string): number | undefined {
  const later = decisions
    .filter((d) => d.type === 'AnnualReviewHeld' && d.data.planId === planId && time(d.occurredAt) > time(decision.occurredAt))
    .map((d) => time(d.occurredAt));
  return later.length ? Math.min(...later) : undefined;
}

/** Start from a raw stream: keep what was recorded by `asOf`, apply the corrections known then, and read the findings. */
export const participationFindingsAsKnownAt = (rawEvents: readonly ChildEvent[], asOf: string): ParticipationFinding[] =>
  participationFindings(applyCorrections(rawEvents.filter((e) => time(e.recordedAt) <= time(asOf))), asOf);

export interface ParticipationSummary {
  decisions: number;
  /** Decisions with at least one concern. */
  withConcerns: number;
  viewsRecordedBefore: number;
  meetings: { total: number; familyInvited: number };
  notices: { required: number; notified: number };
  appealable: { total: number; rightsExplained: number };
  /** How many findings carry each flag. */
  byFlag: Partial<Record<FlagCode, number>>;
}

export function summariseParticipation(findings: readonly ParticipationFinding[]): ParticipationSummary {
  const byFlag: Partial<Record<FlagCode, number>> = {};
  for (const finding of findings) for (const code of new Set(finding.flags.map((f) => f.code))) byFlag[code] = (byFlag[code] ?? 0) + 1;
  const withNotice = findings.filter((f) => f.notification !== undefined);
  const appealable = withNotice.filter((f) => f.notification!.appealable !== null);
  return {
    decisions: findings.length,
    withConcerns: findings.filter((f) => f.flags.some((flag) => flag.severity === 'concern')).length,
    viewsRecordedBefore: findings.filter((f) => f.views.recordedBefore).length,
    meetings: { total: findings.filter((f) => f.meeting).length, familyInvited: findings.filter((f) => f.meeting?.familyInvited).length },
    notices: { required: withNotice.length, notified: withNotice.filter((f) => f.notification!.notified).length },
    appealable: {
      total: appealable.length,
      rightsExplained: appealable.filter((f) => f.notification!.rightsExplained.mediation && f.notification!.rightsExplained.appeal).length,
    },
    byFlag,
  };
}
