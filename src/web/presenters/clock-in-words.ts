import { daysBetween, type IsoDate } from '../../domain/calendar/iso-date.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';
import { isFailureOfDuty, isOutstandingDuty, isSetByLaw } from '../../domain/statutory-clocks/clock-outcomes.js';
import { longDate } from './dates.js';

/**
 * A statutory clock as a family reads it: what is due, whose duty it is, by when, what happened, and the law
 * that sets it (in words, with its source). The family's appeal window is a right, never a failure: it is read
 * apart, by rightInWords.
 */

export interface Tag {
  text: string;
  colour: string;
}

export interface DutyInWords {
  title: string;
  /** Who must do it: "The local authority", "Camden Educational Psychology Service (asked for advice)". */
  whoseDuty: string;
  /** What it is about, where the title alone does not say (which advice). */
  about: string | null;
  law: string;
  source: string;
  /** "6 weeks from 19 September 2022 (the request for an EHC needs assessment)". */
  countedFrom: string;
  dueBy: string;
  /** The date before exception days were added, where they were. */
  dueByWithoutExceptions: string | null;
  tag: Tag;
  /** What happened, in one sentence: "Done on 19 January 2023, 10 days late". */
  outcome: string;
  /** Late or missed: the duty holder's failure, which stands out on the page. */
  failure: boolean;
  exceptions: string[];
  modification: string | null;
  ruleId: string;
  ruleVersion: string;
  legalSource: string;
}

export interface RightInWords {
  title: string;
  /** The decision the window is for: "what the EHC plan says", issued when. */
  decision: string;
  law: string;
  source: string;
  countedFrom: string;
  closesOn: string;
  tag: Tag;
  /** "You have until 17 March 2026 to register an appeal (15 days left)". */
  outcome: string;
  open: boolean;
  ruleId: string;
  ruleVersion: string;
  legalSource: string;
}

/** Each rule's law in words. The period comes from the clock itself, so a later version of a rule reads right. */
const LAW: Record<string, (period: string) => string> = {
  'decide-whether-to-assess': (p) => `The local authority must decide whether to carry out an EHC needs assessment, and tell the family, within ${p} of the request.`,
  advice: (p) => `Anyone the local authority asks for advice for an EHC needs assessment must give it within ${p} of being asked.`,
  'decision-whether-to-issue': (p) => `After the assessment, the local authority must decide whether to issue an EHC plan, and tell the family if it will not, within ${p} of the request.`,
  'final-plan': (p) => `The local authority must issue the final EHC plan within ${p} of the request for an assessment.`,
  'annual-review': () => 'The local authority must review the EHC plan at least once every 12 months, counting from the plan or its last review.',
  'review-decision': (p) => `After a review meeting, the local authority must tell the family within ${p} whether it will keep the plan as it is, amend it or stop it.`,
  'amended-plan': (p) => `When a review decides to amend the plan, the local authority must issue the amended plan within ${p} of the review meeting.`,
  'phase-transfer': () =>
    'Before a child moves to the next phase of education, the local authority must review the plan and amend it to name the next school or college by the deadline the law sets (15 February for a move to secondary school, 31 March for a move to post-16).',
  'transfer-out': () =>
    'When a family moves to another local authority, the old authority must transfer the plan to the new one on the day of the move, or within 15 working days of learning of it if it learned too late.',
  'new-la-notice': (p) => `Within ${p} of taking over the plan, the new local authority must tell the family whether it will assess the child again and when it will review the plan.`,
  'review-after-transfer': () =>
    'The new local authority must review the plan within 12 months of when it was made or last reviewed, or within 3 months of the transfer, whichever is later.',
  'appeal-window': () => appealLaw(true),
  'tribunal-order-notify-assessment': (p) => `After the tribunal orders an EHC needs assessment, the local authority must tell the family within ${p} of the order that it will carry it out.`,
  'tribunal-order-no-plan-notice': (p) =>
    `After an assessment the tribunal ordered, if the local authority decides not to issue an EHC plan it must tell the family, with its reasons, within ${p} of the order.`,
  'tribunal-order-final-plan-after-assessment': (p) =>
    `After an assessment the tribunal ordered, if the local authority decides to issue an EHC plan it must send the final plan within ${p} of the order.`,
  'tribunal-order-draft-plan': (p) => `When the tribunal orders the local authority to issue an EHC plan, it must issue the draft plan within ${p} of the order.`,
  'tribunal-order-final-plan': (p) => `When the tribunal orders the local authority to issue an EHC plan, it must issue the final plan within ${p} of the order.`,
  'tribunal-order-amended-plan': (p) => `When the tribunal orders changes to the EHC plan, the local authority must issue the amended plan within ${p} of the order.`,
  'tribunal-order-name-school': (p) =>
    `When the tribunal orders only a change to the school or college named in the plan, the local authority must amend the plan within ${p} of the order.`,
  'unopposed-appeal-notify-assessment': (p) =>
    `When the local authority tells the tribunal it will not oppose an appeal against a refusal to assess, it must tell the family within ${p} that it will carry out the assessment.`,
  'unopposed-appeal-no-plan-notice': (p) =>
    `After an assessment the local authority agreed to when it stopped opposing the appeal, if it decides not to issue an EHC plan it must tell the family within ${p} of telling the tribunal.`,
  'unopposed-appeal-final-plan-after-assessment': (p) =>
    `After an assessment the local authority agreed to when it stopped opposing the appeal, if it decides to issue an EHC plan it must send the final plan within ${p} of telling the tribunal.`,
  'unopposed-appeal-draft-plan': (p) =>
    `When the local authority stops opposing an appeal against a refusal to issue an EHC plan, it must issue the draft plan within ${p} of telling the tribunal.`,
  'unopposed-appeal-final-plan': (p) =>
    `When the local authority stops opposing an appeal against a refusal to issue an EHC plan, it must issue the final plan within ${p} of telling the tribunal.`,
  'unopposed-appeal-amended-plan': (p) =>
    `When the local authority stops opposing an appeal about what the plan says, it must issue the amended plan within ${p} of telling the tribunal.`,
  'unopposed-appeal-name-school': (p) =>
    `When the local authority stops opposing an appeal only about the school or college named, it must amend the plan within ${p} of telling the tribunal.`,
  'tribunal-recommendation-answer': (p) =>
    `When the tribunal recommends health or social care provision, the body it is made to need not follow it, but must answer in writing, with its reasons, within ${p}.`,
  'common-transfer-file': (p) =>
    `The school a pupil leaves must send the Common Transfer File to the next school within ${p} of the pupil coming off its roll. The ledger does not know the school's own term dates: it counts weekdays outside bank holidays, August and Christmas week, so the school's own count may give a later day.`,
  'provision-confirmation': (p) =>
    `The local authority asked the school or college named in the plan to confirm within ${p} that the plan's provision is in place. This is the local authority's own request, not a time limit set by law.`,
};

function appealLaw(toTheRightsHolder: boolean): string {
  const [who, they] = toTheRightsHolder ? ['You', 'you'] : ['The parent, or the young person once the rights are theirs,', 'they'];
  return `${who} can appeal to the First-tier Tribunal (SEND) within 2 months of the decision letter, or within 1 month of a mediation certificate if that is later. Before appealing ${they} must usually speak to a mediation adviser (not for an appeal only about the school or college named).`;
}

/** The entries that start and end clocks, as a family names them. */
const ENTRY_WORDS: Record<string, string> = {
  PupilLeftRoll: 'the pupil leaving the roll',
  CommonTransferFileSent: 'the Common Transfer File sent',
  ChildRegistered: "the child's date of birth",
  AssessmentRequested: 'the request for an EHC needs assessment',
  DecisionToAssess: 'the decision to assess',
  DecisionNotToAssess: 'the decision not to assess',
  AdviceRequested: 'the request for advice',
  AdviceReceived: 'the advice arriving',
  DecisionNotToIssue: 'the decision not to issue an EHC plan',
  DraftPlanIssued: 'the draft EHC plan',
  FinalPlanIssued: 'the final EHC plan',
  StatementTransferredToEhcPlan: 'the statement becoming an EHC plan',
  AnnualReviewHeld: 'the review meeting',
  ReviewDecisionNotified: 'the decision notice after the review',
  PlanAmended: 'the amended EHC plan',
  PlanCeased: 'the plan ending',
  PhaseTransferPlacementNamed: 'the next school or college being named',
  LaMoveNotified: 'the local authority learning of the move',
  PlanTransferredOut: 'the plan being transferred to the new local authority',
  PlanTransferredIn: 'the new local authority taking over the plan',
  NewLaDecisionNotified: "the new local authority's notice",
  AppealRegistered: 'the appeal being registered',
  MediationCertificateIssued: 'the mediation certificate',
  ProvisionConfirmationRequested: "the local authority's request to confirm the provision is in place",
  ProvisionConfirmedInPlace: 'the school or college confirming the provision is in place',
  TribunalOrderMade: "the tribunal's order",
  AppealNotOpposed: 'the local authority telling the tribunal it would not oppose the appeal',
  DecisionReversed: 'the local authority reversing its decision',
  TribunalRecommendationMade: "the tribunal's recommendation",
  RecommendationAnswered: 'the answer to the recommendation',
};

export const entryInWords = (type: string): string => ENTRY_WORDS[type] ?? 'an entry in the record';

const TRANSFERS: Record<string, string> = {
  early_years_to_school: 'from early years to school',
  infant_to_junior: 'from infant to junior school',
  primary_to_secondary: 'from primary to secondary school',
  secondary_to_post16: 'from secondary school to post-16',
  post16_to_post16: 'from one post-16 institution to another',
};

const APPEALABLE: Record<string, string> = {
  refusal_to_assess: 'the decision not to carry out an EHC needs assessment',
  refusal_to_issue: 'the decision not to issue an EHC plan',
  plan_contents: 'what the EHC plan says, including the school or college it names',
  refusal_to_amend: 'the decision not to amend the EHC plan after a review',
  cease: 'the decision to stop the EHC plan',
};

const ADVICE: Record<string, string> = {
  educational: 'Educational',
  medical: 'Medical',
  psychological: 'Psychological',
  social_care: 'Social care',
  early_years: 'Early years',
  other: 'Other',
};

const ADJUSTMENTS: Record<string, string> = {
  'non-working day': 'moved to the next working day, because the last day fell on a weekend or bank holiday',
  Christmas: 'moved past the Christmas closure (25 December to 1 January)',
  August: 'moved past August, when the tribunal does not count days',
};

/** The law's citation, its abbreviations written out ("SEND Regs 2014 reg 5(1)" is "... Regulations 2014, regulation 5(1)"). */
export function legalSourceInWords(source: string): string {
  return source
    .replace(/SEND Regs 2014/g, 'Special Educational Needs and Disability Regulations 2014,')
    .replace(/CFA 2014/g, 'Children and Families Act 2014,')
    .replace(/Tribunal Procedure \(First-tier Tribunal\) \(HESC\) Rules 2008/g, 'Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008,')
    .replace(/\bregs (\d)/g, 'regulations $1')
    .replace(/\breg (\d)/g, 'regulation $1')
    .replace(/\bs\.(\d)/g, 'section $1')
    .replace(/\br\.(\d)/g, 'rule $1')
    .replace(/,,/g, ',')
    .replace(/, \(/g, ' (')
    .replace(/ CC /g, ' County Council ');
}

/** A reason from the rules, said as a family would: "the LA" is "the local authority". */
const reasonInWords = (reason: string) => reason.replace(/\bthe LA\b/g, 'the local authority').replace(/\bLA\b/g, 'local authority');

const daysWord = (days: number) => (days === 1 ? '1 day' : `${days} days`);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function countedFrom(clock: StatutoryClock): string {
  const basis = clock.dueDateBasis;
  const adjusted = basis.adjustment ? ` The last day was ${ADJUSTMENTS[basis.adjustment] ?? `moved (${basis.adjustment})`}: it would have been ${longDate(basis.beforeAdjustment)}.` : '';
  if (basis.transfer) {
    const move = TRANSFERS[basis.transfer.kind] ?? 'to the next phase';
    return `The move ${move}, starting ${longDate(basis.transfer.startsOn)}. Deadline: ${basis.period.replace('the transfer', 'the move')}.${adjusted}`;
  }
  const what = entryInWords(basis.entry.type);
  if (basis.period.includes('that day')) return `${capital(basis.period.replace('that day', longDate(basis.on)))} (${what}).${adjusted}`;
  if (/from the (decision|certificate)/.test(basis.period)) return `${capital(basis.period)}: ${what} on ${longDate(basis.on)}.${adjusted}`;
  return `${capital(basis.period)} from ${longDate(basis.on)} (${what}).${adjusted}`;
}

function whoseDuty(clock: StatutoryClock, record: ChildRecord): { whoseDuty: string; about: string | null } {
  if (clock.obligation.kind === 'duty' && clock.obligation.holder === 'body_asked_for_advice') {
    const asked = clock.subject.id ? record.adviceRequests[clock.subject.id] : undefined;
    if (!asked) return { whoseDuty: 'The service asked for advice', about: null };
    return { whoseDuty: `${asked.from.organisation} (asked for advice)`, about: `${ADVICE[asked.adviceType] ?? 'Other'} advice, asked of ${asked.from.organisation}` };
  }
  if (clock.obligation.kind === 'duty' && clock.obligation.holder === 'setting') {
    const asked = clock.subject.id ? record.provisionConfirmations[clock.subject.id] : undefined;
    return { whoseDuty: `${asked?.setting.name ?? 'The school or college'} (asked by the local authority)`, about: null };
  }
  if (clock.obligation.kind === 'duty' && clock.obligation.holder === 'health_or_social_care_body') {
    const made = clock.subject.id ? record.recommendations[clock.subject.id] : undefined;
    return { whoseDuty: made ? `${made.madeTo} (the tribunal's recommendation was made to it)` : 'The health or social care body', about: null };
  }
  if (clock.obligation.kind === 'duty' && clock.obligation.holder === 'school') {
    const leaving = clock.subject.id ? record.leavings[clock.subject.id] : undefined;
    return { whoseDuty: `${leaving?.setting.name ?? 'The school'} (the school the pupil left)`, about: null };
  }
  return { whoseDuty: 'The local authority', about: null };
}


function dutyTag(clock: StatutoryClock, outstanding: boolean): Tag {
  switch (clock.state) {
    case 'pending':
      return { text: 'Not yet due', colour: 'blue' };
    case 'due_soon':
      return { text: 'Due soon', colour: 'yellow' };
    case 'missed':
      return outstanding ? { text: 'Overdue', colour: 'red' } : { text: 'Not done', colour: 'red' };
    case 'met_late':
      return { text: 'Done late', colour: 'orange' };
    case 'met_on_time':
      return { text: 'Done on time', colour: 'green' };
    case 'lapsed':
      return { text: 'No longer due', colour: 'grey' };
    case 'modified_2020':
      return { text: 'Coronavirus rules, 2020', colour: 'purple' };
    default:
      return { text: 'Not known', colour: 'grey' };
  }
}

function dutyOutcome(clock: StatutoryClock, today: IsoDate, outstanding: boolean): string {
  const due = clock.dueDateWithExceptions;
  const late = clock.daysLate ?? 0;
  switch (clock.state) {
    case 'pending':
    case 'due_soon': {
      const left = daysBetween(today, due);
      return `Due by ${longDate(due)} (${left === 0 ? 'today is the last day' : `${daysWord(left)} left`}).`;
    }
    case 'missed':
      if (outstanding) return `Not done yet. It was due by ${longDate(due)}: ${daysWord(late)} late so far.`;
      return `Not done. It was due by ${longDate(due)} and was ${daysWord(late)} late when it ended on ${longDate(clock.lapsedBy?.on)}: ${reasonInWords(clock.lapsedBy?.reason ?? 'the duty ended')}.`;
    case 'met_late':
      return `Done on ${longDate(clock.stoppedBy?.on)}, ${daysWord(late)} late: ${reasonInWords(clock.stoppedBy?.reason ?? '')}.`;
    case 'met_on_time': {
      const early = clock.stoppedBy ? daysBetween(clock.stoppedBy.on, due) : 0;
      return `Done on ${longDate(clock.stoppedBy?.on)}${early > 0 ? `, ${daysWord(early)} before the deadline` : ', on the last day'}: ${reasonInWords(clock.stoppedBy?.reason ?? '')}.`;
    }
    case 'lapsed':
      // A limit that never applied (the other of the two after an ordered assessment) ended whenever it did: not "before the deadline".
      if (clock.lapsedBy?.notApplicable) return `Not needed: ${reasonInWords(clock.lapsedBy.reason)} (${longDate(clock.lapsedBy.on)}).`;
      return `No longer due from ${longDate(clock.lapsedBy?.on)}, before the deadline: ${reasonInWords(clock.lapsedBy?.reason ?? 'the duty ended')}.`;
    case 'modified_2020':
      return clock.stoppedBy
        ? `Done on ${longDate(clock.stoppedBy.on)}, under the 2020 coronavirus rules (no fixed date): ${reasonInWords(clock.stoppedBy.reason)}.`
        : 'Under the 2020 coronavirus rules there was no fixed date for this.';
    default:
      return '';
  }
}

export function dutyInWords(clock: StatutoryClock, record: ChildRecord, today: IsoDate): DutyInWords {
  const outstanding = isOutstandingDuty(clock);
  const exceptions = clock.exceptions.map(
    (e) => `${daysWord(e.days)} added from ${longDate(e.from)}${e.to ? ` to ${longDate(e.to)}` : ' (still applying)'}: ${reasonInWords(e.reason)}`,
  );
  return {
    title: clock.title.replace(/\bLA\b/g, 'local authority'),
    ...whoseDuty(clock, record),
    law: (LAW[clock.ruleId] ?? ((p: string) => `${clock.title}: ${p}.`))(clock.dueDateBasis.period),
    source: legalSourceInWords(clock.legalSource),
    countedFrom: countedFrom(clock),
    dueBy: clock.state === 'modified_2020' ? 'No fixed date (coronavirus rules, 2020)' : longDate(clock.dueDateWithExceptions),
    dueByWithoutExceptions: clock.exceptionDays > 0 ? longDate(clock.dueDate) : null,
    tag: dutyTag(clock, outstanding),
    outcome: dutyOutcome(clock, today, outstanding),
    failure: isFailureOfDuty(clock),
    exceptions,
    modification: clock.modification
      ? `From 1 May to 25 September 2020 the law allowed this to be done ${clock.modification.wording} where coronavirus made the usual limit impractical; the usual date would have been ${longDate(clock.modification.unmodifiedDueDate)}.`
      : null,
    ruleId: clock.ruleId,
    ruleVersion: clock.ruleVersion,
    legalSource: clock.legalSource,
  };
}

/** The family's right to appeal, in words: "You" for the rights holder, "The family" for anyone else reading. */
export function rightInWords(clock: StatutoryClock, today: IsoDate, readerHoldsTheRight: boolean): RightInWords {
  const who = readerHoldsTheRight ? 'You' : 'The family';
  const closes = clock.dueDateWithExceptions;
  const decision = APPEALABLE[clock.appealableDecision ?? ''] ?? 'the decision';
  let tag: Tag;
  let outcome: string;
  switch (clock.state) {
    case 'open': {
      const left = daysBetween(today, closes);
      tag = { text: 'Open', colour: 'blue' };
      outcome = `${who} ${readerHoldsTheRight ? 'have' : 'has'} until ${longDate(closes)} to register an appeal (${left === 0 ? 'today is the last day' : `${daysWord(left)} left`}).`;
      break;
    }
    case 'exercised':
      tag = { text: 'Appeal registered', colour: 'green' };
      outcome = `An appeal was registered on ${longDate(clock.stoppedBy?.on)}, in time (the window closed on ${longDate(closes)}).`;
      break;
    case 'registered_out_of_time':
      tag = { text: 'Appeal registered after the window', colour: 'yellow' };
      outcome = `An appeal was registered on ${longDate(clock.stoppedBy?.on)}, after the window closed on ${longDate(closes)}. The tribunal can still decide to accept a late appeal.`;
      break;
    default:
      tag = { text: 'Closed, not used', colour: 'grey' };
      outcome = `The window closed on ${longDate(closes)}. No appeal was registered.`;
  }
  return {
    title: `Appeal against ${decision}`,
    decision: `${capital(entryInWords(clock.startedBy.type))}, ${longDate(clock.triggerDate)}`,
    law: appealLaw(readerHoldsTheRight),
    source: legalSourceInWords(clock.legalSource),
    countedFrom: countedFrom(clock),
    closesOn: longDate(closes),
    tag,
    outcome,
    open: clock.state === 'open',
    ruleId: clock.ruleId,
    ruleVersion: clock.ruleVersion,
    legalSource: clock.legalSource,
  };
}

export interface DeadlineGroups {
  outstanding: DutyInWords[];
  lateOrMissed: DutyInWords[];
  onTime: DutyInWords[];
  lapsed: DutyInWords[];
  modified: DutyInWords[];
  rights: RightInWords[];
  /** "Of 12 duties, 8 were met on time, 3 late, and 1 is overdue." */
  summary: string;
}

/**
 * The child's clocks grouped as the page shows them: duties still to be done first (the soonest due first), then
 * those done late or not done, done on time, no longer due; and apart, the family's appeal windows (newest first).
 */
export function deadlinesInWords(clocks: readonly StatutoryClock[], record: ChildRecord, today: IsoDate, readerHoldsTheRight: boolean): DeadlineGroups {
  const duties = clocks.filter((c) => c.obligation.kind === 'duty');
  const byDue = (a: StatutoryClock, b: StatutoryClock) => a.dueDateWithExceptions.localeCompare(b.dueDateWithExceptions);
  const newestFirst = (a: StatutoryClock, b: StatutoryClock) => b.dueDateWithExceptions.localeCompare(a.dueDateWithExceptions);
  const words = (list: StatutoryClock[]) => list.map((c) => dutyInWords(c, record, today));
  const outstanding = duties.filter((c) => isOutstandingDuty(c)).sort(byDue);
  const lateOrMissed = duties.filter((c) => isFailureOfDuty(c) && !isOutstandingDuty(c)).sort(newestFirst);
  const onTime = duties.filter((c) => c.state === 'met_on_time').sort(newestFirst);
  const lapsed = duties.filter((c) => c.state === 'lapsed').sort(newestFirst);
  const modified = duties.filter((c) => c.state === 'modified_2020').sort(newestFirst);
  const rights = clocks.filter((c) => c.obligation.kind === 'right').sort((a, b) => b.triggerDate.localeCompare(a.triggerDate));
  // The summary counts the law's time limits; one the LA asked for itself is said apart.
  const law = (list: StatutoryClock[]) => list.filter(isSetByLaw).length;
  const [onTimeN, lateN, lapsedN, modifiedN] = [law(onTime), law(lateOrMissed), law(lapsed), law(modified)];
  const overdue = law(outstanding.filter((c) => c.state === 'missed'));
  const notYetDue = law(outstanding) - overdue;
  const parts = [
    onTimeN ? `${onTimeN} ${onTimeN === 1 ? 'was' : 'were'} met on time` : '',
    lateN ? `${lateN} ${lateN === 1 ? 'was' : 'were'} met late or not at all` : '',
    overdue ? `${overdue} ${overdue === 1 ? 'is' : 'are'} overdue` : '',
    notYetDue ? `${notYetDue} ${notYetDue === 1 ? 'is' : 'are'} not yet due` : '',
    lapsedN ? `${lapsedN} no longer ${lapsedN === 1 ? 'applies' : 'apply'}` : '',
    modifiedN ? `${modifiedN} fell under the 2020 coronavirus rules` : '',
  ].filter(Boolean);
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'none has started yet');
  const asked = duties.filter((c) => !isSetByLaw(c)).length;
  const askedToo = asked ? ` ${asked === 1 ? 'One more time limit was' : `${asked} more time limits were`} asked for by the local authority, not set by law.` : '';
  return {
    outstanding: words(outstanding),
    lateOrMissed: words(lateOrMissed),
    onTime: words(onTime),
    lapsed: words(lapsed),
    modified: words(modified),
    rights: rights.map((c) => rightInWords(c, today, readerHoldsTheRight)),
    summary: `Of ${duties.length - asked} ${duties.length - asked === 1 ? 'time limit' : 'time limits'} the law has set so far on this record, ${listed}.${askedToo}`,
  };
}
