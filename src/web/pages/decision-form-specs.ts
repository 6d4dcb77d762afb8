import type { DecisionForm } from '../../domain/child-record/next-decision.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import { ADVICE_TYPES, CEASE_REASONS, REVIEW_DECISIONS } from '../../domain/child-record/vocabulary.js';
import type { FormFields } from '../forms/form-errors.js';
import { definedOnly } from '../forms/form-values.js';
import { longDate } from '../presenters/dates.js';
import { adviceType, capitalised, ceaseReason, reviewDecision } from '../presenters/record-vocabulary.js';

/**
 * Each decision form: the decision it records (recordDecision's name), what it is about (an assessment request or a
 * plan, chosen from the record), its few fields, and how they become the decision's input. The domain judges the
 * input; a form only names its fields so a refusal is shown next to the right one.
 */

export type Values = Record<string, string | undefined>;

export interface FieldSpec {
  name: string;
  kind: 'radios' | 'text' | 'textarea' | 'checkbox';
  label: string;
  hint?: string;
  options?: ReadonlyArray<{ value: string; text: string }>;
  /** The width of a text input: GOV.UK's classes. */
  classes?: string;
  /** Filled in when the form first opens, from the record. */
  initial?: (record: ChildRecord) => string | undefined;
}

export interface DecisionFormSpec {
  form: DecisionForm;
  decision: string;
  title: string;
  /** What the decision is about, and which of the record's requests or plans it can be about now. */
  about: 'request' | 'plan';
  candidates: (record: ChildRecord) => Array<{ id: string; text: string }>;
  fields: FieldSpec[];
  /** A choice the decision cannot be recorded without, whose absence the entry's schema cannot see (it picks the entry). */
  required?: { name: string; message: string };
  input: (values: Values, subjectId: string) => Record<string, unknown>;
  /** The fields by the request path a refusal names, beside the date and the subject every form has. */
  refusalFields: FormFields;
  dateLabel: string;
}

const requestText = (record: ChildRecord, requestId: string) => `The request for an EHC needs assessment of ${longDate(record.assessmentRequests[requestId]?.received.on)}`;
const planText = (record: ChildRecord, planId: string) => {
  const plan = record.plans[planId];
  if (!plan) return 'The EHC plan';
  return plan.finalIssued ? `The EHC plan issued on ${longDate(plan.finalIssued.on)}` : `The draft EHC plan issued on ${longDate(plan.draftIssued.on)}`;
};

const requests = (keep: (r: ChildRecord['assessmentRequests'][string], record: ChildRecord) => boolean) => (record: ChildRecord) =>
  Object.values(record.assessmentRequests).filter((r) => keep(r, record)).map((r) => ({ id: r.requestId, text: requestText(record, r.requestId) }));
const plans = (status: 'draft' | 'final') => (record: ChildRecord) =>
  Object.values(record.plans).filter((p) => p.status === status).map((p) => ({ id: p.planId, text: planText(record, p.planId) }));
const assessing = (r: ChildRecord['assessmentRequests'][string]) => r.decision?.outcome === 'assess' && !r.notToIssue;

const reasons: FieldSpec = { name: 'reasons', kind: 'textarea', label: 'Reasons', hint: 'The family is told these in the decision letter.' };

export const DECISION_FORM_SPECS: Record<DecisionForm, DecisionFormSpec> = {
  'decide-assessment': {
    form: 'decide-assessment',
    decision: 'decideAssessment',
    title: 'Decide whether to carry out an EHC needs assessment',
    about: 'request',
    candidates: requests((r) => !r.decision),
    fields: [
      {
        name: 'decision',
        kind: 'radios',
        label: 'Will the local authority carry out an EHC needs assessment?',
        options: [
          { value: 'assess', text: 'Yes, carry out an assessment' },
          { value: 'not_assess', text: 'No, do not carry out an assessment' },
        ],
      },
      { ...reasons, hint: 'Needed when you decide not to assess: the family is told them, and can appeal.' },
    ],
    required: { name: 'decision', message: 'Select whether the local authority will carry out an assessment' },
    input: (v, requestId) => definedOnly({ requestId, decision: v['decision'], reasons: v['reasons'] }),
    refusalFields: { 'input.reasons': { id: 'reasons', label: 'The reasons', messages: { missing: 'Enter the reasons for not assessing' } } },
    dateLabel: 'Date of the decision',
  },
  'request-advice': {
    form: 'request-advice',
    decision: 'requestAdvice',
    title: 'Request advice for the assessment',
    about: 'request',
    candidates: requests((r) => assessing(r)),
    fields: [
      { name: 'adviceType', kind: 'radios', label: 'What advice are you asking for?', options: ADVICE_TYPES.map((value) => ({ value, text: capitalised(adviceType(value)) })) },
      { name: 'organisation', kind: 'text', label: 'Who are you asking?', hint: 'The service or organisation, for example Camden Educational Psychology Service' },
      { name: 'role', kind: 'text', label: 'Their role', hint: 'For example Educational psychologist', classes: 'govuk-!-width-two-thirds' },
    ],
    input: (v, requestId) => definedOnly({ requestId, adviceType: v['adviceType'], from: definedOnly({ organisation: v['organisation'], role: v['role'] }) }),
    refusalFields: {
      'input.adviceType': { id: 'adviceType', label: 'The kind of advice', kind: 'choice', messages: { missing: 'Select what advice you are asking for' } },
      'input.from.organisation': { id: 'organisation', label: 'Who you are asking', messages: { missing: 'Enter who you are asking for advice' } },
      'input.from.role': { id: 'role', label: 'Their role' },
      'input.from': { id: 'organisation', label: 'Who you are asking' },
    },
    dateLabel: 'Date advice was requested',
  },
  'decide-not-to-issue': {
    form: 'decide-not-to-issue',
    decision: 'decideNotToIssue',
    title: 'Decide not to issue an EHC plan',
    about: 'request',
    candidates: requests((r) => assessing(r) && !r.planId),
    fields: [{ ...reasons, hint: 'The family is told these, and can appeal against the decision.' }],
    input: (v, requestId) => definedOnly({ requestId, reasons: v['reasons'] }),
    refusalFields: { 'input.reasons': { id: 'reasons', label: 'The reasons', messages: { missing: 'Enter the reasons for not issuing a plan' } } },
    dateLabel: 'Date of the decision',
  },
  'issue-draft': {
    form: 'issue-draft',
    decision: 'issueDraftPlan',
    title: 'Issue a draft EHC plan',
    about: 'request',
    candidates: requests((r) => assessing(r) && !r.planId),
    fields: [{ name: 'summary', kind: 'textarea', label: 'Summary of the draft (optional)', hint: 'What the draft says, in a few lines.' }],
    input: (v, requestId) => definedOnly({ requestId, summary: v['summary'] }),
    refusalFields: { 'input.summary': { id: 'summary', label: 'The summary' } },
    dateLabel: 'Date the draft is issued',
  },
  'issue-final': {
    form: 'issue-final',
    decision: 'issueFinalPlan',
    title: 'Issue the final EHC plan',
    about: 'plan',
    candidates: plans('draft'),
    fields: [
      { name: 'settingName', kind: 'text', label: 'School or college named in the plan (section I)', initial: (record) => record.onRoll?.name ?? undefined },
      { name: 'settingUrn', kind: 'text', label: 'Its URN (optional)', hint: 'The 6 or 7 digit unique reference number', classes: 'govuk-input--width-10', initial: (record) => record.onRoll?.urn ?? undefined },
      { name: 'confirmProvision', kind: 'checkbox', label: 'Ask the school or college to confirm, within 4 weeks, that the provision in the plan is in place' },
    ],
    input: (v, planId) => definedOnly({ planId, namedSetting: definedOnly({ name: v['settingName'], urn: v['settingUrn'] }) }),
    refusalFields: {
      'input.namedSetting.name': { id: 'settingName', label: 'The school or college named', messages: { missing: 'Enter the school or college the plan names' } },
      'input.namedSetting.urn': { id: 'settingUrn', label: 'The URN', messages: { invalid: 'The URN must be 6 or 7 digits' } },
      'input.namedSetting': { id: 'settingName', label: 'The school or college named', messages: { missing: 'Enter the school or college the plan names' } },
    },
    dateLabel: 'Date the final plan is issued',
  },
  'amend-plan': {
    form: 'amend-plan',
    decision: 'amendPlan',
    title: 'Amend the EHC plan',
    about: 'plan',
    candidates: plans('final'),
    fields: [
      { name: 'summary', kind: 'textarea', label: 'What changes in the plan' },
      { name: 'reason', kind: 'textarea', label: 'Why it changes' },
    ],
    input: (v, planId) => definedOnly({ planId, summary: v['summary'], reason: v['reason'] }),
    refusalFields: {
      'input.summary': { id: 'summary', label: 'What changes', messages: { missing: 'Enter what changes in the plan' } },
      'input.reason': { id: 'reason', label: 'Why it changes', messages: { missing: 'Enter why the plan changes' } },
    },
    dateLabel: 'Date the amended plan is issued',
  },
  'cease-plan': {
    form: 'cease-plan',
    decision: 'ceasePlan',
    title: 'Stop maintaining the EHC plan',
    about: 'plan',
    candidates: plans('final'),
    fields: [
      { name: 'reason', kind: 'radios', label: 'Why is the plan ending?', options: CEASE_REASONS.map((value) => ({ value, text: capitalised(ceaseReason(value)) })) },
      { name: 'detail', kind: 'textarea', label: 'More detail (optional)' },
    ],
    input: (v, planId) => definedOnly({ planId, reason: v['reason'], detail: v['detail'] }),
    refusalFields: {
      'input.reason': { id: 'reason', label: 'Why the plan is ending', kind: 'choice', messages: { missing: 'Select why the plan is ending' } },
      'input.detail': { id: 'detail', label: 'The detail' },
    },
    dateLabel: 'Date of the decision to cease',
  },
  'notify-review-decision': {
    form: 'notify-review-decision',
    decision: 'notifyReviewDecision',
    title: 'Tell the family the decision after the review meeting',
    about: 'plan',
    candidates: plans('final'),
    fields: [
      { name: 'decision', kind: 'radios', label: 'What did the local authority decide?', options: REVIEW_DECISIONS.map((value) => ({ value, text: capitalised(reviewDecision(value)) })) },
    ],
    input: (v, planId) => definedOnly({ planId, decision: v['decision'] }),
    refusalFields: { 'input.decision': { id: 'decision', label: 'The decision', kind: 'choice', messages: { missing: 'Select what the local authority decided' } } },
    dateLabel: 'Date the family was told',
  },
};

export const isDecisionForm = (value: string): value is DecisionForm => Object.hasOwn(DECISION_FORM_SPECS, value);

