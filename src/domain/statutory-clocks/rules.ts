import { CORONAVIRUS_2020 } from './coronavirus-2020.js';
import type { EndingEntry, Limit, RuleFamily, RuleVersion, StatutoryRule } from './rule-types.js';
import { APPEAL_OUTCOME_RULES } from './tribunal-order-rules.js';
import { COMMON_TRANSFER_FILE_RULES } from './common-transfer-file-rules.js';

/**
 * The statutory clocks of an EHC needs assessment and plan, as data (and one clock the LA sets itself, not the law:
 * provision confirmed in place). Sources: the domain reference
 * (../shared/domain/SEND-DOMAIN.md, section 1 and the rules table) and the legislation it cites.
 * Versions of a rule judged on the trigger date must not overlap; a version judged on the due date
 * overlays them for the limits falling due in its period.
 */

/** The SEND Regulations 2014 (SI 2014/1530) and Part 3 of the CFA 2014 came into force together. */
const SEND_REGS_2014 = '2014-09-01';

/**
 * SI 2020/471 inserted reg 2A: from 1 May to 25 September 2020 inclusive, where it was not reasonably
 * practicable to meet a limit "for a reason relating to the incidence or transmission of coronavirus", the
 * limit became "as soon as reasonably practicable" (advice under reg 8(1): "in a timely manner"). It governed
 * limits that fell due in that period; processes still running on 26 September returned to the usual limits
 * (DfE guidance, updated 26 August 2020), so the overlay is judged on the due date, not the trigger date.
 */
const coronavirus2020 = (base: RuleVersion, wording = 'as soon as reasonably practicable'): RuleVersion => ({
  ...base,
  version: 'coronavirus-2020',
  inForce: CORONAVIRUS_2020,
  judgedOn: 'due_date',
  legalSource: `${base.legalSource}, with the coronavirus exception (reg 2A, inserted by SI 2020/471)`,
  limit: { kind: 'no_fixed_limit', wording },
  onlyWithException: 'coronavirus',
  note:
    'Only where the LA recorded that the delay was for a reason relating to coronavirus: an exception with the coronavirus ' +
    'ground for the request, overlapping the clock\'s period. Without one the usual limit stands and the clock is judged as usual.',
});

/** The LA's duties about a plan end when it no longer maintains it: ceased, or transferred to another LA (reg 15(3)). */
const PLAN_CEASED: EndingEntry = { type: 'PlanCeased', reason: 'the plan ceased: the LA no longer maintains it' };
const PLAN_TRANSFERRED_OUT: EndingEntry = {
  type: 'PlanTransferredOut',
  reason: 'the plan was transferred to another LA after a move (reg 15(2)): the old LA no longer maintains it',
};
const PLAN_TRANSFERRED_IN: EndingEntry = {
  type: 'PlanTransferredIn',
  reason: 'the plan was taken in by a new LA after a move (reg 15(3)): the LA that held it before no longer maintains it',
};

const weeks = (amount: number): Limit => ({ kind: 'duration', duration: { amount, unit: 'weeks' } });

const REG_10_4 = { legalSource: 'SEND Regs 2014 reg 10(4)(a)–(d)', grounds: ['a', 'b', 'c', 'd'] } as const;

const decideWhetherToAssess: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 5(1)',
  trigger: { entries: [{ type: 'AssessmentRequested', subject: 'requestId' }], dateFrom: 'occurredAt' },
  stops: [
    { type: 'DecisionToAssess', reason: 'the LA decided to assess' },
    { type: 'DecisionNotToAssess', reason: 'the LA decided not to assess' },
  ],
  lapses: [],
  limit: weeks(6),
  exceptions: { legalSource: 'SEND Regs 2014 reg 5(4)(a)–(d)', grounds: ['a', 'b', 'c', 'd'] },
};

const advice: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 8(1)',
  trigger: { entries: [{ type: 'AdviceRequested', subject: 'adviceRequestId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'AdviceReceived', reason: 'the advice was received' }],
  lapses: [
    { type: 'DecisionNotToIssue', reason: 'the LA decided not to issue a plan: the assessment the advice was for is over' },
    { type: 'FinalPlanIssued', reason: 'the final plan was issued: the assessment the advice was for is over' },
  ],
  limit: weeks(6),
  note:
    'Reg 8(2) has its own exceptions for the body asked (not the LA\'s reg 10(4) grounds); they are not recorded yet. ' +
    'Advice still owed when the assessment ends (a decision not to issue, or the final plan) can no longer inform it: ' +
    'the duty ends there, late by the days up to then.',
};

/**
 * A refusal set aside: the LA reversed it (DecisionReversed), conceded the appeal against it before its response (reg 45),
 * or the tribunal ordered the assessment or the plan (reg 43(2)(b)-(c), by consent or after a hearing). The request stands
 * again, and the periods that ran from it run on from it (a new request is neither needed nor made).
 */
const REFUSAL_TO_ASSESS_SET_ASIDE = [
  { type: 'DecisionReversed', where: { decision: 'refusal_to_assess' } },
  { type: 'AppealNotOpposed', where: { kind: 'assess' } },
  { type: 'TribunalOrderMade', where: { kind: 'assess' } },
] as const;
const REFUSAL_TO_ISSUE_SET_ASIDE = [
  { type: 'DecisionReversed', where: { decision: 'refusal_to_issue' } },
  { type: 'AppealNotOpposed', where: { kind: 'issue_plan' } },
  { type: 'TribunalOrderMade', where: { kind: 'issue_plan' } },
] as const;

const REVIVAL_NOTE =
  'A refusal later set aside for the same request (reversed by the LA, conceded under reg 45, or overturned by a tribunal ' +
  'order to assess or to issue) is no ending: the request stands, and its periods run on from the request itself, so a ' +
  'plan issued after the revival is met late by the days since the original due date. No new request is needed or invented.';

const decisionWhetherToIssue: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 10(1)',
  trigger: { entries: [{ type: 'AssessmentRequested', subject: 'requestId' }], dateFrom: 'occurredAt' },
  stops: [
    { type: 'DecisionNotToIssue', reason: 'the LA decided not to issue a plan' },
    { type: 'DraftPlanIssued', reason: 'the LA issued a draft plan: its decision to issue one' },
  ],
  lapses: [
    {
      type: 'DecisionNotToAssess',
      reason: 'the LA decided not to assess: there was no assessment to decide on',
      setAsideBy: REFUSAL_TO_ASSESS_SET_ASIDE,
    },
  ],
  limit: weeks(16),
  exceptions: REG_10_4,
  note:
    'Reg 10(1) fixes 16 weeks for the notice not to issue a plan; a draft plan is the decision to issue, ' +
    'which in practice is due by week 16 too (domain reference, section 1), so either meets the clock. ' +
    'A refusal to assess ends it: there was no assessment. ' +
    REVIVAL_NOTE,
};

const finalPlan: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 13(2)',
  trigger: { entries: [{ type: 'AssessmentRequested', subject: 'requestId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'FinalPlanIssued', reason: 'the final EHC plan was issued' }],
  lapses: [
    { type: 'DecisionNotToAssess', reason: 'the LA decided not to assess: no plan was due', setAsideBy: REFUSAL_TO_ASSESS_SET_ASIDE },
    { type: 'DecisionNotToIssue', reason: 'the LA decided not to issue a plan: no plan was due', setAsideBy: REFUSAL_TO_ISSUE_SET_ASIDE },
  ],
  limit: weeks(20),
  exceptions: { legalSource: 'SEND Regs 2014 reg 13(3), reg 10(4)(a)–(d)', grounds: ['a', 'b', 'c', 'd'] },
  note:
    'Only a final plan meets the 20 weeks (as SEN2 counts it). A decision not to assess or not to issue ' +
    'ends the duty to issue a plan: the clock lapses, or shows missed if it came after week 20. ' +
    REVIVAL_NOTE,
};

const annualReview: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'CFA 2014 s.44(1)',
  trigger: {
    entries: [
      { type: 'FinalPlanIssued', subject: 'planId' },
      // A statement transferred under the transitional arrangements is a final plan from the transfer.
      { type: 'StatementTransferredToEhcPlan', subject: 'planId' },
      { type: 'AnnualReviewHeld', subject: 'planId' },
    ],
    dateFrom: 'occurredAt',
  },
  stops: [{ type: 'AnnualReviewHeld', reason: 'the review meeting was held' }],
  lapses: [PLAN_CEASED, PLAN_TRANSFERRED_OUT, PLAN_TRANSFERRED_IN],
  limit: { kind: 'duration', duration: { amount: 12, unit: 'months', startingWithTriggerDay: true } },
  note:
    'Each review meeting meets one clock and starts the next. The under-5s 3–6 months (CoP 9.178) is guidance, not a limit. ' +
    'A transfer to another LA ends the clock, whichever of the transfer out or in is recorded first (review-after-transfer, ' +
    'reg 15(5), takes over at the transfer in); the first review after it starts the usual cycle again.',
};

const reviewDecision: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 20(10) (reg 21(8) where the child does not attend a school or institution)',
  trigger: { entries: [{ type: 'AnnualReviewHeld', subject: 'planId' }], dateFrom: 'occurredAt' },
  stops: [
    { type: 'ReviewDecisionNotified', reason: 'the LA notified its decision after the review' },
    { type: 'PlanAmended', reason: 'the plan was amended (standing in for the decision notice)' },
    { type: 'PlanCeased', reason: 'the plan ceased (standing in for the decision notice)' },
  ],
  lapses: [PLAN_TRANSFERRED_OUT, PLAN_TRANSFERRED_IN],
  whenStartedAgain: 'a later review meeting of the plan was held: the decision now due is the one after it',
  limit: weeks(4),
  note:
    'Met by the decision notice (ReviewDecisionNotified). Where it is not recorded, the nearest entries stand in: an amended ' +
    'plan or a ceased plan, which come later than the notice and so overstate lateness. A transfer to another LA ends the old ' +
    'LA\'s duty; a later review meeting supersedes an unmet one.',
};

const amendedPlanReg22: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014, to: '2022-03-07' },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 22(3)',
  trigger: { entries: [{ type: 'AnnualReviewHeld', subject: 'planId', where: { decision: 'amend' } }], dateFrom: 'occurredAt' },
  stops: [{ type: 'PlanAmended', reason: 'the amended plan was issued' }],
  lapses: [
    PLAN_CEASED,
    PLAN_TRANSFERRED_OUT,
    PLAN_TRANSFERRED_IN,
    { type: 'ReviewDecisionNotified', where: { decision: 'maintain' }, reason: 'the LA decided after the review to keep the plan as it is: no amendment is due' },
    { type: 'ReviewDecisionNotified', where: { decision: 'cease' }, reason: 'the LA decided after the review to cease the plan: no amendment is due' },
  ],
  whenStartedAgain: 'a later review meeting decided to amend the plan: the amendment now due is the one after it',
  limit: weeks(8),
  note:
    'Reg 22(3) runs 8 weeks from sending the proposed amendments. The ledger has no AmendmentNoticeIssued ' +
    'entry yet, so the review meeting that decided to amend stands in; this is stricter than the law by the ' +
    'days between the meeting and the notice. The duty ends unmet if the LA then notifies a decision to keep or ' +
    'cease the plan, the plan ceases or moves LA, or a later review decides to amend again.',
};

const amendedPlanDevon: RuleVersion = {
  ...amendedPlanReg22,
  version: 'devon-2022',
  inForce: { from: '2022-03-08' },
  legalSource: 'SEND Regs 2014 regs 20(10) and 22(3) as read in R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)',
  limit: weeks(12),
  note:
    'Judgment handed down 8 March 2022: the proposed amendments go with the decision notice (4 weeks), and the ' +
    'final amended plan follows within 8 weeks of it, so within 12 weeks of the review meeting. Versioned from ' +
    'the judgment date for meetings held from then on.',
};

const phaseTransfer: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 18(1)(a)–(b) and 18(2)',
  trigger: { entries: [{ type: 'PhaseTransferPlacementNamed', subject: 'planId' }], dateFrom: { dataField: 'startsOn' } },
  byAge: {
    dateOfBirth: { type: 'ChildRegistered', field: 'dateOfBirth' },
    planMadeBy: [{ type: 'FinalPlanIssued' }, { type: 'StatementTransferredToEhcPlan' }, { type: 'PlanTransferredIn' }],
    transfers: [
      { transfer: 'primary_to_secondary', intoYearGroup: 7 },
      { transfer: 'secondary_to_post16', intoYearGroup: 12 },
    ],
  },
  stops: [{ type: 'PlanAmended', reason: 'the plan was amended before the transfer' }],
  lapses: [PLAN_CEASED, PLAN_TRANSFERRED_OUT, PLAN_TRANSFERRED_IN],
  limit: {
    kind: 'computed',
    computation: 'phase_transfer',
    transferField: 'transfer',
    deadlines: {
      early_years_to_school: { month: 2, day: 15 },
      infant_to_junior: { month: 2, day: 15 },
      primary_to_secondary: { month: 2, day: 15 },
      secondary_to_post16: { month: 3, day: 31 },
      post16_to_post16: { monthsBefore: 5 },
    },
  },
  note:
    'Reg 18 binds the LA for every child with a plan "within 12 months of a transfer between phases", named placement ' +
    'or not. From the date of birth (ChildRegistered) and the English school year (1 September to 31 August; reception ' +
    'from the September after the 4th birthday), each plan not ceased gets a clock for the move from Year 6 to Year 7 ' +
    '(primary to secondary, 15 February) and from Year 11 to Year 12 (secondary to post-16, 31 March), open from the start ' +
    'of the school year before the transfer (or the plan\'s making, if later), provided the plan was made by the deadline. ' +
    'A named placement (PhaseTransferPlacementNamed) for the same plan and the same transfer, or a transfer in the same ' +
    'school year, refines that clock (its kind and start date) rather than adding a second; any other placement (infant to ' +
    'junior, early years to school, post-16 to post-16) starts its own clock, from its naming. The trigger date is the ' +
    'transfer date; the deadline falls in its calendar year. What meets the clock is an amendment of the plan (PlanAmended) ' +
    'in that period: the transfer needs section I to name the next school or institution, which is an amendment, and a ' +
    'review alone does not; the ledger does not record which sections an amendment changed, so any amendment counts. ' +
    'Reg 18(1) says "before 15 February/31 March": this table treats that day as the last day (the common reading, and ' +
    'the domain reference\'s "by"). Reg 18(3)\'s one-off 31 May 2015 deadline is not modelled.',
};

const appealWindow: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.20(1)(c) and r.12(2)–(3)',
  trigger: {
    entries: [
      { type: 'DecisionNotToAssess', subject: 'requestId', decision: 'refusal_to_assess' },
      { type: 'DecisionNotToIssue', subject: 'requestId', decision: 'refusal_to_issue' },
      { type: 'FinalPlanIssued', subject: 'planId', decision: 'plan_contents' },
      { type: 'StatementTransferredToEhcPlan', subject: 'planId', decision: 'plan_contents' },
      { type: 'PlanAmended', subject: 'planId', decision: 'plan_contents' },
      { type: 'ReviewDecisionNotified', subject: 'planId', decision: 'refusal_to_amend', where: { decision: 'maintain' } },
      { type: 'PlanCeased', subject: 'planId', decision: 'cease' },
    ],
    dateFrom: 'occurredAt',
  },
  stops: [{ type: 'AppealRegistered', sameDecisionField: 'against', reason: 'an appeal against the decision was registered' }],
  lapses: [],
  limit: {
    kind: 'computed',
    computation: 'appeal_window',
    fromDecision: { amount: 2, unit: 'months' },
    fromCertificate: { amount: 1, unit: 'months' },
    certificateType: 'MediationCertificateIssued',
    closedPeriods: [
      { from: '12-25', to: '01-01', name: 'Christmas' },
      { from: '08-01', to: '08-31', name: 'August' },
    ],
  },
  note:
    'A right of the parent or young person, not a duty of anyone: the window is open, then closed unused, or exercised by ' +
    'an appeal registered in time, or the appeal was registered out of time (the tribunal may still extend time). It has ' +
    'no lateness and never counts as a failure. The decision letter\'s date is the decision entry\'s date; an end on any ' +
    'other non-working day moves to the next working day (r.12(2)).',
};

/**
 * Reg 15(5): "the period of 12 months beginning with the date of making of the EHC plan or, as the case
 * may be, with the previous review" and "the period of 3 months beginning with the date of the transfer":
 * both periods count their first day (as CFA 2014 s.44(1) does), so each ends the day before the same
 * date 12 (or 3) months on. Shared with the decider, which bounds the review date the new LA announces.
 */
export const REG_15_5_REVIEW = {
  sinceMadeOrReviewed: { amount: 12, unit: 'months', startingWithTriggerDay: true },
  sinceTransfer: { amount: 3, unit: 'months', startingWithTriggerDay: true },
} as const;

const transferOut: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 15(2)',
  trigger: { entries: [{ type: 'LaMoveNotified', subject: 'planId' }], dateFrom: { dataField: 'learnedOn' } },
  stops: [{ type: 'PlanTransferredOut', reason: 'the plan was transferred to the new LA' }],
  lapses: [PLAN_CEASED],
  whenStartedAgain: 'a later notice of a move was recorded: the transfer now due is for that move',
  limit: {
    kind: 'computed',
    computation: 'move_transfer',
    moveDateField: 'moveDate',
    learnedOnField: 'learnedOn',
    afterLearning: { amount: 15, unit: 'working_days', startingWithTriggerDay: true },
  },
  note:
    'The trigger date is the day the old LA learned of the move (data.learnedOn). Short notice: the LA learned of the ' +
    'move later than 15 working days before the move date (the 15th working day after learnedOn falls after moveDate); ' +
    'then the plan is due by the later of the move date and the 15th working day of the period beginning with learnedOn ' +
    '(the day of learning counts when it is a working day: "within 15 working days beginning with the day on which it ' +
    'did become aware"). Otherwise it is due on the move day. Working days exclude weekends and bank holidays in England.',
};

const newLaNotice: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 15(4)',
  trigger: { entries: [{ type: 'PlanTransferredIn', subject: 'planId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'NewLaDecisionNotified', reason: 'the new LA told the family of the transfer and its decisions' }],
  lapses: [PLAN_CEASED, PLAN_TRANSFERRED_OUT],
  whenStartedAgain: 'the plan was taken in again after a further move: the notice now due is for that transfer',
  limit: weeks(6),
  note:
    'Reg 15(4) runs from "the date of the transfer" (the old LA\'s act, reg 15(2)); the clock starts when the new LA ' +
    'records taking the plan in (PlanTransferredIn), which is that day or later, so a gap between the two shows on the trail.',
};

const reviewAfterTransfer: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 15(5), with CFA 2014 s.44',
  trigger: { entries: [{ type: 'PlanTransferredIn', subject: 'planId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'AnnualReviewHeld', reason: 'the new LA held the review meeting' }],
  lapses: [PLAN_CEASED, PLAN_TRANSFERRED_OUT],
  whenStartedAgain: 'the plan was taken in again after a further move: the review now due is for that transfer',
  limit: {
    kind: 'computed',
    computation: 'review_after_transfer',
    ...REG_15_5_REVIEW,
    madeOrReviewedBy: [{ type: 'FinalPlanIssued' }, { type: 'StatementTransferredToEhcPlan' }, { type: 'AnnualReviewHeld' }],
  },
  note:
    'Due by the later of 12 months from the final plan or its last review before the transfer (reg 15(3): the plan keeps ' +
    'the date the old LA made it) and 3 months from the transfer in; met by the first review meeting after the transfer in. ' +
    'The ordinary annual-review clock of the plan lapses at the transfer in, so the child carries one review clock.',
};

/**
 * Not the law's: some LAs ask the setting a final plan names to confirm, within 4 weeks of their asking, that the
 * plan's provision is in place. The clock shows whether the setting answered in the time asked; it is no statutory
 * limit, so no SEN2 figure counts it (sen2-timeliness.ts names the statutory rules it counts).
 */
const provisionConfirmation: RuleVersion = {
  version: 'la-request',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: "The local authority's own request: not a time limit in law (CFA 2014 s.42 makes the LA secure the provision, but sets no date for this check)",
  trigger: { entries: [{ type: 'ProvisionConfirmationRequested', subject: 'confirmationId', planField: 'planId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'ProvisionConfirmedInPlace', reason: 'the school or college answered the request, naming any line not yet in place' }],
  lapses: [PLAN_CEASED, PLAN_TRANSFERRED_OUT, PLAN_TRANSFERRED_IN],
  limit: weeks(4),
  note:
    'A request of the LA, not a duty in law: 4 weeks is the time the LA asks for. The setting answers once, naming the lines ' +
    'not yet in place with why; the plan ceasing or moving to another LA ends the request unanswered.',
};

const LA_DUTY = { kind: 'duty', holder: 'local_authority' } as const;

export const STATUTORY_RULES: readonly StatutoryRule[] = [
  {
    id: 'decide-whether-to-assess',
    title: 'Decide whether to carry out an EHC needs assessment',
    obligation: LA_DUTY,
    versions: [decideWhetherToAssess, coronavirus2020(decideWhetherToAssess)],
  },
  {
    id: 'advice',
    title: 'Provide advice for an EHC needs assessment',
    obligation: { kind: 'duty', holder: 'body_asked_for_advice' },
    versions: [advice, coronavirus2020(advice, 'in a timely manner')],
  },
  {
    id: 'decision-whether-to-issue',
    title: 'Decide after the assessment whether to issue an EHC plan',
    obligation: LA_DUTY,
    versions: [decisionWhetherToIssue, coronavirus2020(decisionWhetherToIssue)],
  },
  {
    id: 'final-plan',
    title: 'Issue the final EHC plan',
    obligation: LA_DUTY,
    versions: [finalPlan, coronavirus2020(finalPlan)],
  },
  { id: 'annual-review', title: 'Review the EHC plan', obligation: LA_DUTY, versions: [annualReview] },
  { id: 'review-decision', title: 'Notify the decision after a review meeting', obligation: LA_DUTY, versions: [reviewDecision] },
  { id: 'amended-plan', title: 'Issue the amended EHC plan after a review', obligation: LA_DUTY, versions: [amendedPlanReg22, amendedPlanDevon] },
  { id: 'phase-transfer', title: 'Review and amend the plan before a phase transfer', obligation: LA_DUTY, versions: [phaseTransfer] },
  {
    id: 'appeal-window',
    title: 'Appeal to the First-tier Tribunal (SEND)',
    obligation: { kind: 'right', holder: 'parent_or_young_person' },
    versions: [appealWindow],
  },
  { id: 'transfer-out', title: 'Transfer the EHC plan to the new local authority after a move', obligation: LA_DUTY, versions: [transferOut] },
  {
    id: 'new-la-notice',
    title: 'Tell the family, after a transfer, whether the new LA will reassess and when it will review',
    obligation: LA_DUTY,
    versions: [newLaNotice],
  },
  { id: 'review-after-transfer', title: 'Review the EHC plan after a transfer to the new local authority', obligation: LA_DUTY, versions: [reviewAfterTransfer] },
  {
    id: 'provision-confirmation',
    title: "Confirm the plan's provision is in place, as the LA asked",
    obligation: { kind: 'duty', holder: 'setting', setBy: 'local_authority_request' },
    versions: [provisionConfirmation],
  },
  // What a tribunal ordered, what the LA conceded, and the answer to a recommendation (tribunal-order-rules.ts).
  ...APPEAL_OUTCOME_RULES,
  // A school's duty when a pupil leaves its roll (common-transfer-file-rules.ts).
  ...COMMON_TRANSFER_FILE_RULES,
];

export const ruleById = (id: string): StatutoryRule | undefined => STATUTORY_RULES.find((rule) => rule.id === id);

/** The appeal family a rule belongs to (tribunal order, unopposed appeal, recommendation), or null for the assessment and plan's own. */
export const familyOfRule = (id: string): RuleFamily | null => ruleById(id)?.family ?? null;
