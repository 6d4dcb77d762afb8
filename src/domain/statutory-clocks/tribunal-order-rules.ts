import type { EndingEntry, Limit, RuleVersion, StatutoryRule, TriggerEntry } from './rule-types.js';

/**
 * The time limits an appeal sets, as data: what the tribunal orders (SEND Regs 2014 reg 44), what the LA must do once
 * it tells the tribunal it will not oppose an appeal (reg 45), and a recommendation on health or social care (the 2017
 * recommendations power). Each rule carries its `family`: lists show them as tribunal orders, SEN2 never counts them.
 */

const SEND_REGS_2014 = '2014-09-01';
/**
 * SI 2015/359 reg 8 substituted reg 45(3)-(6). legislation.gov.uk's point-in-time text of the 2014 Regulations shows
 * the original reg 45 "superseded 23/03/2015": the amended periods govern concessions from that day.
 */
const REG_45_AMENDED = '2015-03-23';
const REG_45_ORIGINAL_TO = '2015-03-22';
/** The recommendations power began as a national trial on 3 April 2018 and continued after August 2021. */
const RECOMMENDATIONS_POWER = '2018-04-03';

const weeks = (amount: number): Limit => ({ kind: 'duration', duration: { amount, unit: 'weeks' } });
const LA_DUTY = { kind: 'duty', holder: 'local_authority' } as const;

const PLAN_ENDINGS: readonly EndingEntry[] = [
  { type: 'PlanCeased', reason: 'the plan ceased: the LA no longer maintains it' },
  { type: 'PlanTransferredOut', reason: 'the plan was transferred to another LA after a move (reg 15(2)): the old LA no longer maintains it' },
];

type Outcome = 'order' | 'concession';
type Kind = 'assess' | 'issue_plan' | 'amend_plan' | 'name_school';

const triggerOf = (outcome: Outcome, kind: Kind, subject: TriggerEntry['subject']) => ({
  entries: [{ type: outcome === 'order' ? 'TribunalOrderMade' : 'AppealNotOpposed', subject, where: { kind } }],
  dateFrom: 'occurredAt' as const,
});

/** One version of an order's or a concession's limit, from the entry's date (the order's, or the day the LA told the tribunal). */
function version(
  outcome: Outcome,
  kind: Kind,
  subject: TriggerEntry['subject'],
  spec: { version: string; from: string; to?: string; legalSource: string; stops: RuleVersion['stops']; lapses?: RuleVersion['lapses']; limit: Limit; note: string },
): RuleVersion {
  return {
    version: spec.version,
    inForce: spec.to ? { from: spec.from, to: spec.to } : { from: spec.from },
    judgedOn: 'trigger_date',
    legalSource: spec.legalSource,
    trigger: triggerOf(outcome, kind, subject),
    stops: spec.stops,
    lapses: spec.lapses ?? [],
    limit: spec.limit,
    note: spec.note,
  };
}

const FROM_ORDER = "The period runs from the order's date (the entry's date), whether made after a hearing or by consent.";
const FROM_CONCESSION = 'The period runs from the day the LA told the tribunal it would not oppose the appeal (the entry\'s date).';

/**
 * After an order (or concession) to assess, the LA either tells the family it will not issue a plan (10 weeks) or sends
 * the final plan (14 weeks): only one of the two ever applies. Each is ended, without lateness, by the other's outcome,
 * so neither shows a failure that was never owed (EndingEntry.notApplicable).
 */
const NO_PLAN_NOT_APPLICABLE: readonly EndingEntry[] = [
  { type: 'DraftPlanIssued', reason: 'the LA issued a draft plan: it decided to issue one, so no notice not to issue was due', notApplicable: true },
  { type: 'FinalPlanIssued', reason: 'the LA issued the final plan: no notice not to issue was due', notApplicable: true },
];
const PLAN_NOT_APPLICABLE: readonly EndingEntry[] = [
  { type: 'DecisionNotToIssue', reason: 'the LA decided, after the assessment, not to issue a plan: no plan was due', notApplicable: true },
];
const PAIR_NOTE =
  'Of the 10 weeks (notice not to issue) and the 14 weeks (final plan), only the one matching what the LA decided after ' +
  'the assessment applies: the other ends lapsed, whenever that decision came, and is never shown as missed.';

const notifyAssessment = (outcome: Outcome) => ({
  stops: [{ type: 'DecisionToAssess', reason: 'the LA notified the family it would assess' }],
  note:
    (outcome === 'order' ? FROM_ORDER : FROM_CONCESSION) +
    ' Met by the decision to assess for the request the order names (the refusal it set aside no longer stands).',
});
const noPlanNotice = { stops: [{ type: 'DecisionNotToIssue', reason: 'the LA notified its decision not to issue a plan' }], lapses: NO_PLAN_NOT_APPLICABLE };
const planAfterAssessment = { stops: [{ type: 'FinalPlanIssued', reason: 'the final EHC plan was issued' }], lapses: PLAN_NOT_APPLICABLE };
const draftPlan = { stops: [{ type: 'DraftPlanIssued', reason: 'the draft EHC plan was issued' }] };
const finalPlan = {
  stops: [{ type: 'FinalPlanIssued', reason: 'the final EHC plan was issued' }],
  note: 'A final plan meets it through the draft plan issued for the same request (the draft names both).',
};
const amendedPlan = { stops: [{ type: 'PlanAmended', reason: 'the amended plan was issued' }], lapses: PLAN_ENDINGS };

const REG_44 = 'SEND Regs 2014 reg 44';
const REG_45 = 'SEND Regs 2014 reg 45, as amended by SI 2015/359 reg 8';
const REG_45_2014 = 'SEND Regs 2014 reg 45 (as made)';
const ORIGINAL_NOT_MODELLED =
  ' Before 23 March 2015 the original reg 45 set no such period that this table models: a concession made before then starts no clock.';

const orderRules: StatutoryRule[] = [
  {
    id: 'tribunal-order-notify-assessment',
    title: 'Tell the family, after a tribunal order, that the LA will assess',
    family: 'tribunal_order',
    obligation: LA_DUTY,
    versions: [version('order', 'assess', 'requestId', { version: '2014', from: SEND_REGS_2014, legalSource: `${REG_44}(2)(b)`, ...notifyAssessment('order'), limit: weeks(2) })],
  },
  {
    id: 'tribunal-order-no-plan-notice',
    title: 'After an ordered assessment, notify a decision not to issue a plan',
    family: 'tribunal_order',
    obligation: LA_DUTY,
    versions: [
      version('order', 'assess', 'requestId', { version: '2014', from: SEND_REGS_2014, legalSource: `${REG_44}(2)(b)(i)`, ...noPlanNotice, limit: weeks(10), note: `${FROM_ORDER} ${PAIR_NOTE}` }),
    ],
  },
  {
    id: 'tribunal-order-final-plan-after-assessment',
    title: 'After an ordered assessment, issue the final EHC plan',
    family: 'tribunal_order',
    obligation: LA_DUTY,
    versions: [
      version('order', 'assess', 'requestId', { version: '2014', from: SEND_REGS_2014, legalSource: `${REG_44}(2)(b)(ii)`, ...planAfterAssessment, limit: weeks(14), note: `${FROM_ORDER} ${PAIR_NOTE}` }),
    ],
  },
  {
    id: 'tribunal-order-draft-plan',
    title: 'Issue the draft EHC plan the tribunal ordered',
    family: 'tribunal_order',
    obligation: LA_DUTY,
    versions: [version('order', 'issue_plan', 'requestId', { version: '2014', from: SEND_REGS_2014, legalSource: `${REG_44}(2)(c)(i)`, ...draftPlan, limit: weeks(5), note: FROM_ORDER })],
  },
  {
    id: 'tribunal-order-final-plan',
    title: 'Issue the final EHC plan the tribunal ordered',
    family: 'tribunal_order',
    obligation: LA_DUTY,
    versions: [
      version('order', 'issue_plan', 'requestId', {
        version: '2014',
        from: SEND_REGS_2014,
        legalSource: `${REG_44}(2)(c)(ii)`,
        stops: finalPlan.stops,
        limit: weeks(11),
        note: `${FROM_ORDER} ${finalPlan.note}`,
      }),
    ],
  },
  {
    id: 'tribunal-order-amended-plan',
    title: 'Issue the plan amended as the tribunal ordered',
    family: 'tribunal_order',
    obligation: LA_DUTY,
    versions: [
      version('order', 'amend_plan', 'planId', {
        version: '2014',
        from: SEND_REGS_2014,
        legalSource: REG_44,
        ...amendedPlan,
        limit: weeks(5),
        note: `${FROM_ORDER} An order about sections B or F (with or without I): the amended plan within 5 weeks. The plan ceasing or moving LA ends it unmet.`,
      }),
    ],
  },
  {
    id: 'tribunal-order-name-school',
    title: 'Name in section I the school or institution the tribunal ordered',
    family: 'tribunal_order',
    obligation: LA_DUTY,
    versions: [
      version('order', 'name_school', 'planId', {
        version: '2014',
        from: SEND_REGS_2014,
        legalSource: REG_44,
        ...amendedPlan,
        limit: weeks(2),
        note: `${FROM_ORDER} An order about section I only: the plan amended to name it within 2 weeks (an order about I with B or F is an order to amend, 5 weeks).`,
      }),
    ],
  },
];

const concessionRules: StatutoryRule[] = [
  {
    id: 'unopposed-appeal-notify-assessment',
    title: 'Tell the family, after conceding an appeal, that the LA will assess',
    family: 'unopposed_appeal',
    obligation: LA_DUTY,
    versions: [
      version('concession', 'assess', 'requestId', {
        version: '2014',
        from: SEND_REGS_2014,
        to: REG_45_ORIGINAL_TO,
        legalSource: REG_45_2014,
        stops: notifyAssessment('concession').stops,
        limit: weeks(4),
        note:
          `${FROM_CONCESSION} The original reg 45 gave 4 weeks for the assessment; the ledger records no entry for an assessment ` +
          'begun short of the decision to assess, so that decision meets it.',
      }),
      version('concession', 'assess', 'requestId', { version: '2015', from: REG_45_AMENDED, legalSource: `${REG_45}: reg 45(3)`, ...notifyAssessment('concession'), limit: weeks(2) }),
    ],
  },
  {
    id: 'unopposed-appeal-no-plan-notice',
    title: 'After a conceded assessment, notify a decision not to issue a plan',
    family: 'unopposed_appeal',
    obligation: LA_DUTY,
    versions: [
      version('concession', 'assess', 'requestId', {
        version: '2015',
        from: REG_45_AMENDED,
        legalSource: `${REG_45}: reg 45(3A)(a)`,
        ...noPlanNotice,
        limit: weeks(10),
        note: `${FROM_CONCESSION} ${PAIR_NOTE}${ORIGINAL_NOT_MODELLED}`,
      }),
    ],
  },
  {
    id: 'unopposed-appeal-final-plan-after-assessment',
    title: 'After a conceded assessment, issue the final EHC plan',
    family: 'unopposed_appeal',
    obligation: LA_DUTY,
    versions: [
      version('concession', 'assess', 'requestId', {
        version: '2015',
        from: REG_45_AMENDED,
        legalSource: `${REG_45}: reg 45(3A)(b)`,
        ...planAfterAssessment,
        limit: weeks(14),
        note: `${FROM_CONCESSION} ${PAIR_NOTE}${ORIGINAL_NOT_MODELLED}`,
      }),
    ],
  },
  {
    id: 'unopposed-appeal-draft-plan',
    title: 'Issue the draft EHC plan after conceding an appeal against a refusal to issue',
    family: 'unopposed_appeal',
    obligation: LA_DUTY,
    versions: [
      version('concession', 'issue_plan', 'requestId', {
        version: '2015',
        from: REG_45_AMENDED,
        legalSource: REG_45,
        ...draftPlan,
        limit: weeks(5),
        note: `${FROM_CONCESSION}${ORIGINAL_NOT_MODELLED}`,
      }),
    ],
  },
  {
    id: 'unopposed-appeal-final-plan',
    title: 'Issue the final EHC plan after conceding an appeal against a refusal to issue',
    family: 'unopposed_appeal',
    obligation: LA_DUTY,
    versions: [
      version('concession', 'issue_plan', 'requestId', {
        version: '2015',
        from: REG_45_AMENDED,
        legalSource: REG_45,
        stops: finalPlan.stops,
        limit: weeks(11),
        note: `${FROM_CONCESSION} ${finalPlan.note}${ORIGINAL_NOT_MODELLED}`,
      }),
    ],
  },
  {
    id: 'unopposed-appeal-amended-plan',
    title: 'Issue the amended plan after conceding an appeal about its contents',
    family: 'unopposed_appeal',
    obligation: LA_DUTY,
    versions: [
      version('concession', 'amend_plan', 'planId', {
        version: '2014',
        from: SEND_REGS_2014,
        to: REG_45_ORIGINAL_TO,
        legalSource: REG_45_2014,
        ...amendedPlan,
        limit: weeks(4),
        note: `${FROM_CONCESSION} The original reg 45: the plan's contents amended within 4 weeks.`,
      }),
      version('concession', 'amend_plan', 'planId', {
        version: '2015',
        from: REG_45_AMENDED,
        legalSource: `${REG_45}: reg 45(4)`,
        ...amendedPlan,
        limit: weeks(5),
        note: `${FROM_CONCESSION} A concession about sections B or F (or a refusal to amend, or a cessation with amendments): the amended plan within 5 weeks.`,
      }),
    ],
  },
  {
    id: 'unopposed-appeal-name-school',
    title: 'Name in section I the school or institution after conceding an appeal about it',
    family: 'unopposed_appeal',
    obligation: LA_DUTY,
    versions: [
      version('concession', 'name_school', 'planId', {
        version: '2014',
        from: SEND_REGS_2014,
        to: REG_45_ORIGINAL_TO,
        legalSource: REG_45_2014,
        ...amendedPlan,
        limit: weeks(2),
        note: `${FROM_CONCESSION} The original reg 45: the school or institution named within 2 weeks.`,
      }),
      version('concession', 'name_school', 'planId', {
        version: '2015',
        from: REG_45_AMENDED,
        legalSource: REG_45,
        ...amendedPlan,
        limit: weeks(2),
        note: `${FROM_CONCESSION} A concession about section I only: named within 2 weeks.`,
      }),
    ],
  },
];

const recommendationAnswer: RuleVersion = {
  version: '2018',
  inForce: { from: RECOMMENDATIONS_POWER },
  judgedOn: 'trigger_date',
  legalSource:
    'SEND (First-tier Tribunal Recommendations Power) Regulations 2017 (SI 2017/1306), the national trial from 3 April 2018, continued from August 2021',
  trigger: { entries: [{ type: 'TribunalRecommendationMade', subject: 'recommendationId' }], dateFrom: 'occurredAt' },
  stops: [{ type: 'RecommendationAnswered', reason: 'the body answered the recommendation, saying whether it follows it and why' }],
  lapses: [],
  limit: weeks(5),
  note:
    'A recommendation binds no one to follow it, but the health or social care body it is made to must answer in writing ' +
    'within 5 weeks, with its reasons where it will not follow it: the answer meets the clock whatever it says.',
};

/** Every rule an appeal brings. "Continue to maintain" (reg 44, reg 45) has no period: it starts no clock. */
export const APPEAL_OUTCOME_RULES: readonly StatutoryRule[] = [
  ...orderRules,
  ...concessionRules,
  {
    id: 'tribunal-recommendation-answer',
    title: "Answer the tribunal's recommendation on health or social care",
    family: 'tribunal_recommendation',
    obligation: { kind: 'duty', holder: 'health_or_social_care_body' },
    versions: [recommendationAnswer],
  },
];
