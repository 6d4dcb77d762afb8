import type { Limit, RuleVersion, StatutoryRule } from './rule-types.js';

/**
 * The statutory clocks of an EHC needs assessment and plan, as data. Sources: the domain reference
 * (../shared/domain/SEND-DOMAIN.md, section 1 and the rules table) and the legislation it cites.
 * Versions of a rule judged on the trigger date must not overlap; a version judged on the due date
 * overlays them for the limits falling due in its period.
 */

/** The SEND Regulations 2014 (SI 2014/1530) and Part 3 of the CFA 2014 came into force together. */
const SEND_REGS_2014 = '2014-09-01';

/**
 * SI 2020/471 inserted reg 2A: from 1 May to 25 September 2020 inclusive, where coronavirus made a
 * limit impractical it became "as soon as reasonably practicable". It governed limits that fell due in
 * that period; processes still running on 26 September returned to the usual limits (DfE guidance,
 * updated 26 August 2020), so the overlay is judged on the due date, not the trigger date.
 */
const coronavirus2020 = (base: RuleVersion): RuleVersion => ({
  ...base,
  version: 'coronavirus-2020',
  inForce: { from: '2020-05-01', to: '2020-09-25' },
  judgedOn: 'due_date',
  legalSource: `${base.legalSource}, with the coronavirus exception (reg 2A, inserted by SI 2020/471)`,
  limit: { kind: 'no_fixed_limit', wording: 'as soon as reasonably practicable' },
  note: 'The ledger cannot know whether coronavirus was the reason; the clock shows the modification and the unmodified due date.',
});

const weeks = (amount: number): Limit => ({ kind: 'duration', duration: { amount, unit: 'weeks' } });

const REG_10_4 = { legalSource: 'SEND Regs 2014 reg 10(4)(a)–(d)', grounds: ['a', 'b', 'c', 'd'] } as const;

const decideWhetherToAssess: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 5(1)',
  trigger: { entries: [{ type: 'AssessmentRequested', subject: 'requestId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'DecisionToAssess' }, { type: 'DecisionNotToAssess' }],
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
  stops: [{ type: 'AdviceReceived' }],
  lapses: [],
  limit: weeks(6),
  note: 'Reg 8(2) has its own exceptions for the body asked (not the LA\'s reg 10(4) grounds); they are not recorded yet.',
};

const decisionWhetherToIssue: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 10(1)',
  trigger: { entries: [{ type: 'AssessmentRequested', subject: 'requestId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'DecisionNotToIssue' }, { type: 'DraftPlanIssued' }],
  lapses: [{ type: 'DecisionNotToAssess' }],
  limit: weeks(16),
  exceptions: REG_10_4,
  note:
    'Reg 10(1) fixes 16 weeks for the notice not to issue a plan; a draft plan is the decision to issue, ' +
    'which in practice is due by week 16 too (domain reference, section 1), so either meets the clock. ' +
    'A refusal to assess ends it: there was no assessment.',
};

const finalPlan: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 13(2)',
  trigger: { entries: [{ type: 'AssessmentRequested', subject: 'requestId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'FinalPlanIssued' }],
  lapses: [{ type: 'DecisionNotToAssess' }, { type: 'DecisionNotToIssue' }],
  limit: weeks(20),
  exceptions: { legalSource: 'SEND Regs 2014 reg 13(3), reg 10(4)(a)–(d)', grounds: ['a', 'b', 'c', 'd'] },
  note:
    'Only a final plan meets the 20 weeks (as SEN2 counts it). A decision not to assess or not to issue ' +
    'ends the duty to issue a plan: the clock lapses, or shows missed if it came after week 20.',
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
  stops: [{ type: 'AnnualReviewHeld' }],
  lapses: [{ type: 'PlanCeased' }, { type: 'PlanTransferredIn' }],
  limit: { kind: 'duration', duration: { amount: 12, unit: 'months', startingWithTriggerDay: true } },
  note:
    'Each review meeting meets one clock and starts the next. The under-5s 3–6 months (CoP 9.178) is guidance, not a limit. ' +
    'A transfer to another LA ends the clock (review-after-transfer, reg 15(5), takes over); the first review after it starts the usual cycle again.',
};

const reviewDecision: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014 },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 20(10) (reg 21(8) where the child does not attend a school or institution)',
  trigger: { entries: [{ type: 'AnnualReviewHeld', subject: 'planId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'ReviewDecisionNotified' }, { type: 'PlanAmended' }, { type: 'PlanCeased' }],
  lapses: [],
  limit: weeks(4),
  note:
    'Met by the decision notice (ReviewDecisionNotified, not registered yet). Until it is, the nearest ' +
    'existing entries stand in: an amended plan or a ceased plan, which come later than the notice and so overstate lateness.',
};

const amendedPlanReg22: RuleVersion = {
  version: '2014',
  inForce: { from: SEND_REGS_2014, to: '2022-03-07' },
  judgedOn: 'trigger_date',
  legalSource: 'SEND Regs 2014 reg 22(3)',
  trigger: { entries: [{ type: 'AnnualReviewHeld', subject: 'planId', where: { decision: 'amend' } }], dateFrom: 'occurredAt' },
  stops: [{ type: 'PlanAmended' }],
  lapses: [{ type: 'PlanCeased' }],
  limit: weeks(8),
  note:
    'Reg 22(3) runs 8 weeks from sending the proposed amendments. The ledger has no AmendmentNoticeIssued ' +
    'entry yet, so the review meeting that decided to amend stands in; this is stricter than the law by the ' +
    'days between the meeting and the notice.',
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
  stops: [{ type: 'PlanAmended' }],
  lapses: [{ type: 'PlanCeased' }],
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
    'The trigger date is the transfer date (data.startsOn); the deadline falls in its calendar year. Reg 18(1) ' +
    'says "before 15 February/31 March": this table treats that day as the last day (the common reading, and ' +
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
  stops: [{ type: 'AppealRegistered', sameDecisionField: 'against' }],
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
    'A window for the family, not a duty of the LA: "missed" means it closed with no appeal registered, ' +
    '"met late" an appeal registered after it closed (the tribunal may extend time). The decision letter\'s ' +
    'date is the decision entry\'s date; an end on any other non-working day moves to the next working day (r.12(2)).',
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
  stops: [{ type: 'PlanTransferredOut' }],
  lapses: [{ type: 'PlanCeased' }],
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
  stops: [{ type: 'NewLaDecisionNotified' }],
  lapses: [{ type: 'PlanCeased' }],
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
  stops: [{ type: 'AnnualReviewHeld' }],
  lapses: [{ type: 'PlanCeased' }],
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

export const STATUTORY_RULES: readonly StatutoryRule[] = [
  {
    id: 'decide-whether-to-assess',
    title: 'Decide whether to carry out an EHC needs assessment',
    versions: [decideWhetherToAssess, coronavirus2020(decideWhetherToAssess)],
  },
  {
    id: 'advice',
    title: 'Provide advice for an EHC needs assessment',
    versions: [advice, coronavirus2020(advice)],
  },
  {
    id: 'decision-whether-to-issue',
    title: 'Decide after the assessment whether to issue an EHC plan',
    versions: [decisionWhetherToIssue, coronavirus2020(decisionWhetherToIssue)],
  },
  {
    id: 'final-plan',
    title: 'Issue the final EHC plan',
    versions: [finalPlan, coronavirus2020(finalPlan)],
  },
  { id: 'annual-review', title: 'Review the EHC plan', versions: [annualReview] },
  { id: 'review-decision', title: 'Notify the decision after a review meeting', versions: [reviewDecision] },
  { id: 'amended-plan', title: 'Issue the amended EHC plan after a review', versions: [amendedPlanReg22, amendedPlanDevon] },
  { id: 'phase-transfer', title: 'Review and amend the plan before a phase transfer', versions: [phaseTransfer] },
  { id: 'appeal-window', title: 'Appeal to the First-tier Tribunal (SEND)', versions: [appealWindow] },
  { id: 'transfer-out', title: 'Transfer the EHC plan to the new local authority after a move', versions: [transferOut] },
  { id: 'new-la-notice', title: 'Tell the family, after a transfer, whether the new LA will reassess and when it will review', versions: [newLaNotice] },
  { id: 'review-after-transfer', title: 'Review the EHC plan after a transfer to the new local authority', versions: [reviewAfterTransfer] },
];

export const ruleById = (id: string): StatutoryRule | undefined => STATUTORY_RULES.find((rule) => rule.id === id);
