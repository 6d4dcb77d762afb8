import { daysBetween, englandDateOf } from '../../domain/calendar/iso-date.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import type { ParticipationFinding } from '../../domain/participation/findings.js';
import { longDate } from './dates.js';
import { personWithRole } from './roles.js';

/**
 * The views, wishes and feelings recorded for a child (CFA 2014 s.19), and for each decision whether they were
 * recorded before it, in the words a family uses: no codes, the child by name, the reader as "you".
 */

export interface Tag {
  text: string;
  colour: string;
}

const HOW: Record<string, string> = {
  meeting: 'At a meeting',
  written: 'In writing',
  through_advocate: 'Through an advocate',
  conversation: 'In a conversation',
  other: 'Another way',
};

const ABOUT: Record<string, string> = {
  decision: 'A decision',
  review: 'A review of the EHC plan',
  sen_support_cycle: 'SEN support at school',
  plan_section_a: 'Section A of the EHC plan (about the child, their views, interests and hopes)',
  general: 'In general',
};

/** Whose views, with the child by name: "Child A's own views". */
export function whoseInWords(whose: string, childName: string): string {
  if (whose === 'child') return `${childName}'s own views`;
  if (whose === 'young_person') return "The young person's own views";
  return "A parent's or carer's views";
}

export const HOW_CHOICES = Object.entries(HOW).map(([value, text]) => ({ value, text }));
export const ABOUT_CHOICES = Object.entries(ABOUT).map(([value, text]) => ({ value, text }));

/** The request, plan or SEN support plan views may be about, each named by what it is and its date. */
export function subjectsOf(record: ChildRecord): Array<{ value: string; text: string }> {
  const subjects: Array<{ value: string; text: string; on: string }> = [];
  for (const request of Object.values(record.assessmentRequests)) {
    subjects.push({ value: request.requestId, text: `The request for an EHC needs assessment of ${longDate(request.received.on)}`, on: request.received.on });
  }
  for (const plan of Object.values(record.plans)) {
    const issued = plan.finalIssued ?? plan.draftIssued;
    subjects.push({ value: plan.planId, text: `The EHC plan ${plan.finalIssued ? 'issued' : 'drafted'} on ${longDate(issued.on)}`, on: issued.on });
  }
  for (const cycle of Object.values(record.senSupportCycles)) {
    subjects.push({ value: cycle.cycleId, text: `The SEN support plan of ${longDate(cycle.planned.on)}`, on: cycle.planned.on });
  }
  return subjects.sort((a, b) => b.on.localeCompare(a.on)).map(({ value, text }) => ({ value, text }));
}

export interface ViewsInWords {
  title: string;
  givenBy: string;
  givenOn: string;
  how: string;
  about: string;
  /** The views as given, a paragraph per line. */
  paragraphs: string[];
  recorded: string;
  /** Entered in the record on a later day than they were given. */
  recordedLater: boolean;
}

export function viewsInWords(views: ChildRecord['views'][number], record: ChildRecord, childName: string, readerId: string): ViewsInWords {
  const givenOn = englandDateOf(views.on);
  const recordedOn = englandDateOf(views.recordedAt);
  const subject = views.about?.subjectId ? subjectsOf(record).find((s) => s.value === views.about!.subjectId)?.text : undefined;
  const about = views.about ? `${ABOUT[views.about.kind] ?? 'Something else'}${subject ? `: ${subject.charAt(0).toLowerCase()}${subject.slice(1)}` : ''}` : 'Not said';
  const by = views.actor.id === readerId ? 'You' : personWithRole(views.actor);
  return {
    title: `${whoseInWords(views.whose, childName)}, given ${longDate(givenOn)}`,
    givenBy: `${views.givenBy.name} (${views.givenBy.relationship})`,
    givenOn: longDate(givenOn),
    how: HOW[views.how] ?? 'Another way',
    about,
    paragraphs: views.summary.split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
    recorded: `${by}, on ${longDate(recordedOn)}`,
    recordedLater: recordedOn > givenOn,
  };
}

const REVIEW_OUTCOMES: Record<string, string> = { maintain: 'to keep the plan as it is', amend: 'to amend the plan', cease: 'to stop the plan' };

/** Each decision, named as the family knows it. */
function decisionInWords(finding: ParticipationFinding, data: Record<string, unknown> | undefined): string {
  switch (finding.decisionType) {
    case 'DecisionToAssess':
      return 'the decision to carry out an EHC needs assessment';
    case 'DecisionNotToAssess':
      return 'the decision not to carry out an EHC needs assessment';
    case 'DecisionNotToIssue':
      return 'the decision not to issue an EHC plan';
    case 'DraftPlanIssued':
      return 'the draft EHC plan';
    case 'FinalPlanIssued':
      return 'the final EHC plan';
    case 'PlanAmended':
      return 'the amendment of the EHC plan';
    case 'AnnualReviewHeld': {
      const outcome = REVIEW_OUTCOMES[String(data?.['decision'])];
      return `the annual review${outcome ? `, which decided ${outcome}` : ''}`;
    }
    case 'PlanCeased':
      return 'the decision to stop the EHC plan';
    case 'SenSupportCyclePlanned':
      return "the school's SEN support plan";
    case 'SenSupportCycleReviewed':
      return "the school's review of SEN support";
    default:
      return 'a decision';
  }
}

export interface FindingInWords {
  decision: string;
  decidedOn: string;
  tag: Tag;
  /** "Your views were recorded 3 days before ..." or "No views were recorded before this decision." */
  headline: string;
  notes: string[];
}

const daysWord = (days: number) => (days === 1 ? '1 day' : `${days} days`);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One decision's finding. `readerSide` is whose views are the reader's own (the parent's, the young person's),
 * so the page can say "your views"; null for anyone else.
 */
export function findingInWords(finding: ParticipationFinding, data: Record<string, unknown> | undefined, childName: string, readerSide: string | null): FindingInWords {
  const decision = decisionInWords(finding, data);
  const notes: string[] = [];
  let headline: string;
  const evidence = [...finding.views.evidence].sort((a, b) => b.on.localeCompare(a.on));
  const latest = evidence[0];
  if (!latest) {
    headline = 'No views were recorded before this decision.';
  } else {
    const days = daysBetween(latest.on, finding.decidedOn);
    const whose = (w: string) => (w === readerSide ? 'your views' : w === 'child' ? `${childName}'s views` : w === 'young_person' ? "the young person's views" : "a parent's or carer's views");
    headline = `${capital(whose(latest.whose))} were recorded ${days === 0 ? 'on the day of' : `${daysWord(days)} before`} ${decision}.`;
    const others = evidence.slice(1).map((e) => `${whose(e.whose)} (given ${longDate(e.on)})`);
    if (others.length) notes.push(`Also recorded before it: ${others.join('; ')}.`);
    if (finding.flags.some((f) => f.code === 'child-views-not-recorded-before')) notes.push(`${childName}'s own views were not recorded before it.`);
    if (finding.flags.some((f) => f.code === 'views-recorded-after-decision')) {
      notes.push(`These views were given before the decision, but entered in the record only after it, on ${longDate(englandDateOf(evidence.map((e) => e.recordedAt).sort()[0]!))}.`);
    }
    if (finding.flags.some((f) => f.code === 'views-out-of-date')) notes.push('The most recent views before it were more than a year old.');
  }
  if (finding.meeting) {
    const meeting = finding.meeting.meeting === 'annual_review' ? 'the review meeting' : 'the SEN support review meeting';
    if (!finding.meeting.familyInvited) notes.push(`No invitation of the family to ${meeting} is recorded.`);
    else if (finding.meeting.noticeDays !== null) {
      const short = finding.flags.some((f) => f.code === 'short-notice');
      notes.push(`The family was invited ${daysWord(finding.meeting.noticeDays)} before ${meeting}${short ? ': the law asks for at least 2 weeks' : ''}.`);
    }
  }
  return {
    decision: capital(decision),
    decidedOn: longDate(finding.decidedOn),
    tag: finding.views.recordedBefore ? { text: 'Yes', colour: 'green' } : { text: 'No', colour: 'red' },
    headline,
    notes,
  };
}
