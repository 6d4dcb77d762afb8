import type { Appeal, ChildRecord, PlanAmendment } from '../../domain/child-record/state.js';
import {
  APPEALABLE_DECISIONS, APPEALED_SECTIONS, RECOMMENDATION_SECTIONS, TRIBUNAL_DIRECTIONS, TRIBUNAL_ORDER_KINDS, TRIBUNAL_OUTCOMES, WORKING_DOCUMENT_SECTIONS, type AppealParty,
} from '../../domain/child-record/vocabulary.js';
import type { FormFields } from '../forms/form-errors.js';
import { definedOnly } from '../forms/form-values.js';
import { appealedInWords, directionInWords, orderedInWords, partyInWords, planSection, sectionOptions } from '../presenters/appeal-words.js';
import { capitalised } from '../presenters/record-vocabulary.js';
import { longDate } from '../presenters/dates.js';

/**
 * The appeal's forms: each records one entry (recordDecision's name) from a few fields. The domain judges what is
 * sent (which party may record it, whether the appeal still allows it); a form only names its fields, so a refusal
 * is shown next to the right one.
 */

export type AppealFormValues = Record<string, string | string[] | undefined>;

export interface AppealFieldSpec {
  name: string;
  kind: 'radios' | 'checkboxes' | 'text' | 'textarea' | 'date';
  label: string;
  hint?: string;
  options?: ReadonlyArray<{ value: string; text: string }>;
  classes?: string;
  optional?: boolean;
  /** A part of a group (the evidence cited): a smaller label, under the group's heading. */
  small?: true;
  /** A heading (and a line under it) the field starts a group with. */
  group?: { heading: string; hint: string };
}

/** Where a form is: the record, the appeal it is about (none when registering one), the change or recommendation it answers. */
export interface AppealFormContext {
  record: ChildRecord;
  appeal: Appeal | undefined;
  amendment: PlanAmendment | undefined;
  recommendationId: string | undefined;
  /** The party the reader records for: the local authority, or the family (a parent or the young person, chosen). */
  forLocalAuthority: boolean;
}

export interface AppealFormSpec {
  /** The address after /appeal/<appealId>/ (or /appeal/ for registering). */
  slug: string;
  decision: string;
  title: string;
  /** Only the local authority records it (the decider refuses anyone else: the page does not offer it). */
  localAuthorityOnly?: true;
  /** What the form needs: an appeal, a change in the working document, a recommendation, or nothing (a new appeal). */
  about: 'appeal' | 'amendment' | 'recommendation' | 'child';
  fields: (context: AppealFormContext) => AppealFieldSpec[];
  input: (values: AppealFormValues, context: AppealFormContext) => Record<string, unknown>;
  /** The request paths a refusal names, to the field ids of the form. */
  refusalFields: FormFields;
  /** The field of the day it happened, sent as the entry's occurredAt. */
  dateLabel: string;
  done: (context: AppealFormContext) => string;
}

const one = (values: AppealFormValues, name: string): string | undefined => {
  const value = values[name];
  return Array.isArray(value) ? value[0] : value;
};
const many = (values: AppealFormValues, name: string): string[] | undefined => {
  const value = values[name];
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.length ? list : undefined;
};

const requestText = (record: ChildRecord, requestId: string) => `The request for an EHC needs assessment of ${longDate(record.assessmentRequests[requestId]?.received.on)}`;
const planText = (record: ChildRecord, planId: string) => {
  const plan = record.plans[planId];
  if (!plan) return 'The EHC plan';
  return plan.finalIssued ? `The EHC plan issued on ${longDate(plan.finalIssued.on)}` : `The draft EHC plan issued on ${longDate(plan.draftIssued.on)}`;
};

/** The requests and plans of the record, as "request:<id>" and "plan:<id>" choices. */
function aboutOptions(record: ChildRecord): Array<{ value: string; text: string }> {
  return [
    ...Object.values(record.assessmentRequests).map((r) => ({ value: `request:${r.requestId}`, text: requestText(record, r.requestId) })),
    ...Object.values(record.plans).filter((p) => p.status !== 'draft').map((p) => ({ value: `plan:${p.planId}`, text: planText(record, p.planId) })),
  ];
}

/** The request or plan a choice names, as the entry's field. */
function aboutInput(values: AppealFormValues): { requestId?: string; planId?: string } {
  const chosen = one(values, 'about') ?? '';
  const [kind, id] = chosen.split(':');
  if (kind === 'request' && id) return { requestId: id };
  if (kind === 'plan' && id) return { planId: id };
  return {};
}

const aboutField = (record: ChildRecord, label: string): AppealFieldSpec => ({ name: 'about', kind: 'radios', label, options: aboutOptions(record) });

/** The family's part is recorded as the parent's or the young person's; the local authority's is the LA's. */
const partyField = (context: AppealFormContext, label: string): AppealFieldSpec[] =>
  context.forLocalAuthority
    ? []
    : [{ name: 'party', kind: 'radios', label, options: (['parent_carer', 'young_person'] as const).map((value) => ({ value, text: capitalised(partyInWords(value)) })) }];
const partyOf = (values: AppealFormValues, context: AppealFormContext): AppealParty | string | undefined =>
  context.forLocalAuthority ? 'local_authority' : one(values, 'party');

const appealId = (context: AppealFormContext) => context.appeal?.appealId;

const orderFields = (context: AppealFormContext): AppealFieldSpec[] => [
  { name: 'kind', kind: 'radios', label: 'What must the local authority do?', options: TRIBUNAL_ORDER_KINDS.map((value) => ({ value, text: orderedInWords(value) })) },
  aboutField(context.record, 'Which request or plan is it about?'),
  { name: 'sections', kind: 'checkboxes', label: 'Which sections of the plan? (optional)', hint: 'For an order to amend the plan.', options: sectionOptions(APPEALED_SECTIONS), optional: true },
  { name: 'wording', kind: 'textarea', label: 'What it says', hint: 'The wording, as the tribunal or the local authority put it.' },
];
const orderInput = (values: AppealFormValues, context: AppealFormContext) =>
  definedOnly({ appealId: appealId(context), kind: one(values, 'kind'), ...aboutInput(values), sections: many(values, 'sections'), wording: one(values, 'wording') });
const orderRefusals: FormFields = {
  'input.kind': { id: 'kind', label: 'What the local authority must do', kind: 'choice' },
  'input.requestId': { id: 'about', label: 'The request', kind: 'choice', messages: { missing: 'Select the request whose refusal this sets aside' } },
  'input.planId': { id: 'about', label: 'The plan', kind: 'choice', messages: { missing: 'Select the plan it is about' } },
  'input.sections': { id: 'sections', label: 'The sections', kind: 'choices' },
  'input.wording': { id: 'wording', label: 'What it says', messages: { missing: 'Enter what it says' } },
  'input.appealId': { id: 'kind', label: 'The appeal' },
  'input.consent': { id: 'consent', label: 'Whether it is a consent order', kind: 'choice' },
};

const evidenceFields: AppealFieldSpec[] = [
  {
    name: 'evidenceAuthor',
    kind: 'text',
    label: 'Evidence: who wrote the report (optional)',
    optional: true,
    small: true,
    group: { heading: 'The evidence it rests on', hint: 'A report in section K, or one a party sends the tribunal: it becomes the change’s footnote in the working document.' },
  },
  { name: 'evidenceRole', kind: 'text', label: 'Their role (optional)', hint: 'For example: Educational psychologist', optional: true, small: true },
  { name: 'evidenceWrittenOn', kind: 'date', label: 'When the report was written (optional)', optional: true, small: true },
  { name: 'evidencePage', kind: 'text', label: 'Page (optional)', classes: 'govuk-input--width-3', optional: true, small: true },
  { name: 'evidenceParagraph', kind: 'text', label: 'Paragraph (optional)', classes: 'govuk-input--width-3', optional: true, small: true },
];
function evidenceInput(values: AppealFormValues): Array<Record<string, unknown>> {
  const author = one(values, 'evidenceAuthor');
  const role = one(values, 'evidenceRole');
  const writtenOn = one(values, 'evidenceWrittenOn');
  const page = one(values, 'evidencePage');
  const paragraph = one(values, 'evidenceParagraph');
  if (!author && !role && !writtenOn && !page && !paragraph) return [];
  return [definedOnly({ author, role, writtenOn, page: page === undefined ? undefined : /^\d+$/.test(page) ? Number(page) : page, paragraph })];
}

/** The plan a working document changes: the appeal's, or the plan the record maintains. */
function planOfAppeal(context: AppealFormContext): string | undefined {
  if (context.appeal?.planId) return context.appeal.planId;
  return Object.values(context.record.plans).find((plan) => plan.status === 'final')?.planId;
}

/** A refusal still standing on a request, which the LA can reverse. */
export function refusalsStanding(record: ChildRecord): Array<{ value: string; text: string }> {
  return Object.values(record.assessmentRequests).flatMap((request) => [
    ...(request.decision?.outcome === 'not_assess'
      ? [{ value: `${request.requestId}:refusal_to_assess`, text: `The decision of ${longDate(request.decision.on)} not to carry out an EHC needs assessment (${requestText(record, request.requestId).charAt(0).toLowerCase()}${requestText(record, request.requestId).slice(1)})` }]
      : []),
    ...(request.notToIssue
      ? [{ value: `${request.requestId}:refusal_to_issue`, text: `The decision of ${longDate(request.notToIssue.on)} not to issue an EHC plan (${requestText(record, request.requestId).charAt(0).toLowerCase()}${requestText(record, request.requestId).slice(1)})` }]
      : []),
  ]);
}

const reasonsField = (label = 'Reasons'): AppealFieldSpec => ({ name: 'reasons', kind: 'textarea', label });

export const APPEAL_FORMS: Record<string, AppealFormSpec> = {
  register: {
    slug: 'register',
    decision: 'registerAppeal',
    title: 'Record an appeal to the tribunal',
    about: 'child',
    fields: (context) => [
      { name: 'against', kind: 'radios', label: 'What is appealed?', options: APPEALABLE_DECISIONS.map((value) => ({ value, text: appealedInWords(value) })) },
      { name: 'tribunalReference', kind: 'text', label: "The tribunal's reference (optional)", hint: 'For example: EH202/24/00123', classes: 'govuk-input--width-20', optional: true },
      { ...aboutField(context.record, 'Which request or plan is it about?'), hint: 'The request refused, or the plan appealed.' },
      { name: 'sections', kind: 'checkboxes', label: 'Which sections of the plan are appealed? (optional)', hint: 'Only for an appeal against what the EHC plan says.', options: sectionOptions(APPEALED_SECTIONS), optional: true },
    ],
    input: (values) => definedOnly({ against: one(values, 'against'), tribunalReference: one(values, 'tribunalReference'), ...aboutInput(values), sections: many(values, 'sections') }),
    refusalFields: {
      'input.against': { id: 'against', label: 'What is appealed', kind: 'choice' },
      'input.tribunalReference': { id: 'tribunalReference', label: "The tribunal's reference" },
      'input.requestId': { id: 'about', label: 'The request', kind: 'choice' },
      'input.planId': { id: 'about', label: 'The plan', kind: 'choice' },
      'input.sections': { id: 'sections', label: 'The sections appealed', kind: 'choices' },
    },
    dateLabel: 'When was the appeal registered?',
    done: () => 'The appeal was recorded.',
  },
  respond: {
    slug: 'respond',
    decision: 'respondToAppeal',
    title: "Record the local authority's response",
    localAuthorityOnly: true,
    about: 'appeal',
    fields: () => [{ name: 'summary', kind: 'textarea', label: 'What the response says', hint: 'A summary: whether the local authority opposes the appeal, and why.' }],
    input: (values, context) => definedOnly({ appealId: appealId(context), summary: one(values, 'summary') }),
    refusalFields: { 'input.summary': { id: 'summary', label: 'What the response says' }, 'input.appealId': { id: 'summary', label: 'The appeal' } },
    dateLabel: 'When was the response sent to the tribunal?',
    done: () => "The local authority's response was recorded.",
  },
  'not-opposed': {
    slug: 'not-opposed',
    decision: 'recordAppealNotOpposed',
    title: 'Tell the tribunal the local authority will not oppose the appeal',
    localAuthorityOnly: true,
    about: 'appeal',
    fields: orderFields,
    input: orderInput,
    refusalFields: { ...orderRefusals, 'input.appealId': { id: 'kind', label: 'The appeal' } },
    dateLabel: 'When did the local authority tell the tribunal?',
    done: () => 'Recorded: the local authority will not oppose the appeal. The time limits for what it agreed to do have started.',
  },
  reverse: {
    slug: 'reverse',
    decision: 'reverseDecision',
    title: 'Reverse a refusal',
    localAuthorityOnly: true,
    about: 'appeal',
    fields: (context) => [{ name: 'refusal', kind: 'radios', label: 'Which refusal does the local authority reverse?', options: refusalsStanding(context.record) }, reasonsField()],
    input: (values, context) => {
      const [requestId, decision] = (one(values, 'refusal') ?? '').split(':');
      return definedOnly({ requestId: requestId || undefined, decision: decision || undefined, appealId: appealId(context), reasons: one(values, 'reasons') });
    },
    refusalFields: {
      'input.requestId': { id: 'refusal', label: 'The refusal', kind: 'choice', messages: { missing: 'Select the refusal the local authority reverses' } },
      'input.decision': { id: 'refusal', label: 'The refusal', kind: 'choice', messages: { missing: 'Select the refusal the local authority reverses' } },
      'input.reasons': { id: 'reasons', label: 'Reasons' },
      'input.appealId': { id: 'refusal', label: 'The appeal' },
    },
    dateLabel: 'When was the refusal reversed?',
    done: () => 'The refusal was reversed: the request stands again, and its time limits still run from the request.',
  },
  directions: {
    slug: 'directions',
    decision: 'recordTribunalDirections',
    title: "Record the tribunal's directions",
    about: 'appeal',
    fields: () => [
      { name: 'direction', kind: 'radios', label: 'What did the tribunal direct?', options: TRIBUNAL_DIRECTIONS.map((value) => ({ value, text: directionInWords(value) })) },
      { name: 'dueOn', kind: 'date', label: 'By when?' },
      { name: 'directedParty', kind: 'radios', label: 'Who must do it? (optional)', options: (['parent_carer', 'young_person', 'local_authority'] as const).map((value) => ({ value, text: capitalised(partyInWords(value)) })), optional: true },
      { name: 'detail', kind: 'textarea', label: 'Details (optional)', optional: true },
    ],
    input: (values, context) =>
      definedOnly({ appealId: appealId(context), directions: [definedOnly({ direction: one(values, 'direction'), dueOn: one(values, 'dueOn'), party: one(values, 'directedParty'), detail: one(values, 'detail') })] }),
    refusalFields: {
      'input.directions.0.direction': { id: 'direction', label: 'What the tribunal directed', kind: 'choice' },
      'input.directions.0.dueOn': { id: 'dueOn', label: 'The date it is due', kind: 'date' },
      'input.directions.0.party': { id: 'directedParty', label: 'Who must do it', kind: 'choice' },
      'input.directions.0.detail': { id: 'detail', label: 'Details' },
      'input.appealId': { id: 'direction', label: 'The appeal' },
    },
    dateLabel: 'When were the directions given?',
    done: () => "The tribunal's directions were recorded.",
  },
  hearing: {
    slug: 'hearing',
    decision: 'listHearing',
    title: 'Record the hearing date',
    about: 'appeal',
    fields: () => [
      { name: 'hearingOn', kind: 'date', label: 'When is the hearing?' },
      { name: 'venue', kind: 'text', label: 'Where (optional)', hint: 'For example: by video', optional: true },
    ],
    input: (values, context) => definedOnly({ appealId: appealId(context), hearingOn: one(values, 'hearingOn'), venue: one(values, 'venue') }),
    refusalFields: { 'input.hearingOn': { id: 'hearingOn', label: 'The hearing date', kind: 'date' }, 'input.venue': { id: 'venue', label: 'Where' }, 'input.appealId': { id: 'hearingOn', label: 'The appeal', kind: 'date' } },
    dateLabel: 'When was the hearing listed?',
    done: () => 'The hearing date was recorded.',
  },
  decision: {
    slug: 'decision',
    decision: 'recordTribunalDecision',
    title: "Record the tribunal's decision",
    about: 'appeal',
    fields: () => [
      {
        name: 'outcome',
        kind: 'radios',
        label: 'What did the tribunal decide?',
        hint: 'Record what it ordered afterwards, one order at a time.',
        options: TRIBUNAL_OUTCOMES.map((value) => ({ value, text: capitalised(value === 'dismissed' ? 'it dismissed the appeal' : value === 'allowed' ? 'it allowed the appeal' : 'it allowed the appeal in part') })),
      },
      { name: 'summary', kind: 'textarea', label: 'Summary (optional)', optional: true },
    ],
    input: (values, context) => definedOnly({ appealId: appealId(context), outcome: one(values, 'outcome'), summary: one(values, 'summary') }),
    refusalFields: { 'input.outcome': { id: 'outcome', label: 'What the tribunal decided', kind: 'choice' }, 'input.summary': { id: 'summary', label: 'Summary' }, 'input.appealId': { id: 'outcome', label: 'The appeal' } },
    dateLabel: 'When was the decision issued?',
    done: () => "The tribunal's decision was recorded.",
  },
  order: {
    slug: 'order',
    decision: 'recordTribunalOrder',
    title: "Record the tribunal's order",
    about: 'appeal',
    fields: (context) => [
      {
        name: 'consent',
        kind: 'radios',
        label: 'How was it made?',
        options: [
          { value: 'no', text: 'After the hearing, with the decision' },
          { value: 'yes', text: 'By consent of both parties (a consent order)' },
        ],
      },
      ...orderFields(context),
    ],
    input: (values, context) => ({ ...orderInput(values, context), ...(one(values, 'consent') ? { consent: one(values, 'consent') === 'yes' } : {}) }),
    refusalFields: orderRefusals,
    dateLabel: 'What is the date of the order?',
    done: () => "The tribunal's order was recorded. The local authority's time limits to comply have started.",
  },
  withdraw: {
    slug: 'withdraw',
    decision: 'withdrawAppeal',
    title: 'Record that the appeal was withdrawn',
    about: 'appeal',
    fields: () => [{ name: 'reason', kind: 'textarea', label: 'Why (optional)', optional: true }],
    input: (values, context) => definedOnly({ appealId: appealId(context), reason: one(values, 'reason') }),
    refusalFields: { 'input.reason': { id: 'reason', label: 'Why' }, 'input.appealId': { id: 'reason', label: 'The appeal' } },
    dateLabel: 'When was it withdrawn?',
    done: () => 'The withdrawal of the appeal was recorded.',
  },
  recommendation: {
    slug: 'recommendation',
    decision: 'recordTribunalRecommendation',
    title: "Record the tribunal's recommendation",
    about: 'appeal',
    fields: () => [
      { name: 'section', kind: 'radios', label: 'Which section is it about?', options: sectionOptions(RECOMMENDATION_SECTIONS) },
      { name: 'madeTo', kind: 'text', label: 'Who is it made to?', hint: 'For example: North Central London Integrated Care Board' },
      { name: 'wording', kind: 'textarea', label: 'What it recommends' },
    ],
    input: (values, context) => definedOnly({ appealId: appealId(context), section: one(values, 'section'), madeTo: one(values, 'madeTo'), wording: one(values, 'wording') }),
    refusalFields: {
      'input.section': { id: 'section', label: 'The section', kind: 'choice' },
      'input.madeTo': { id: 'madeTo', label: 'Who it is made to' },
      'input.wording': { id: 'wording', label: 'What it recommends' },
      'input.appealId': { id: 'section', label: 'The appeal', kind: 'choice' },
    },
    dateLabel: 'When was it made?',
    done: () => "The tribunal's recommendation was recorded. It must be answered within 5 weeks.",
  },
  'answer-recommendation': {
    slug: 'answer-recommendation',
    decision: 'answerRecommendation',
    title: "Answer the tribunal's recommendation",
    localAuthorityOnly: true,
    about: 'recommendation',
    fields: () => [
      { name: 'follows', kind: 'radios', label: 'Will the recommendation be followed?', options: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }] },
      reasonsField('Why'),
      { name: 'answeredByName', kind: 'text', label: 'Who answers: their name' },
      { name: 'answeredByRole', kind: 'text', label: 'Their role', hint: 'For example: Head of children’s social care' },
    ],
    input: (values, context) =>
      definedOnly({
        recommendationId: context.recommendationId,
        follows: one(values, 'follows') === undefined ? undefined : one(values, 'follows') === 'yes',
        reasons: one(values, 'reasons'),
        answeredBy: definedOnly({ name: one(values, 'answeredByName'), role: one(values, 'answeredByRole') }),
      }),
    refusalFields: {
      'input.follows': { id: 'follows', label: 'Whether it will be followed', kind: 'choice' },
      'input.reasons': { id: 'reasons', label: 'Why' },
      'input.answeredBy.name': { id: 'answeredByName', label: 'Their name' },
      'input.answeredBy.role': { id: 'answeredByRole', label: 'Their role' },
      'input.answeredBy': { id: 'answeredByName', label: 'Who answers' },
      'input.recommendationId': { id: 'follows', label: 'The recommendation', kind: 'choice' },
    },
    dateLabel: 'When was it answered?',
    done: () => 'The answer to the recommendation was recorded.',
  },
  'propose-change': {
    slug: 'propose-change',
    decision: 'proposePlanAmendment',
    title: 'Propose a change in the working document',
    about: 'appeal',
    fields: (context) => [
      ...partyField(context, 'Who proposes it?'),
      { name: 'section', kind: 'radios', label: 'Which section of the plan?', options: sectionOptions(WORKING_DOCUMENT_SECTIONS) },
      { name: 'change', kind: 'radios', label: 'Add or delete wording?', options: [{ value: 'add', text: 'Add wording' }, { value: 'delete', text: 'Delete wording' }] },
      { name: 'wording', kind: 'textarea', label: 'The wording', hint: 'The words to add, or the words of the plan to delete.' },
      ...evidenceFields,
    ],
    input: (values, context) =>
      definedOnly({
        planId: planOfAppeal(context),
        appealId: appealId(context),
        section: one(values, 'section'),
        proposedBy: partyOf(values, context),
        change: one(values, 'change'),
        wording: one(values, 'wording'),
        evidence: evidenceInput(values),
      }),
    refusalFields: {
      'input.proposedBy': { id: 'party', label: 'Who proposes it', kind: 'choice' },
      'input.section': { id: 'section', label: 'The section', kind: 'choice' },
      'input.change': { id: 'change', label: 'Whether to add or delete wording', kind: 'choice' },
      'input.wording': { id: 'wording', label: 'The wording' },
      'input.planId': { id: 'section', label: 'The plan', kind: 'choice', messages: { missing: 'There is no EHC plan to change: the working document changes a final plan' } },
      'input.appealId': { id: 'section', label: 'The appeal', kind: 'choice' },
      'input.evidence.0.author': { id: 'evidenceAuthor', label: 'Who wrote the report' },
      'input.evidence.0.role': { id: 'evidenceRole', label: 'Their role' },
      'input.evidence.0.writtenOn': { id: 'evidenceWrittenOn', label: 'When the report was written', kind: 'date' },
      'input.evidence.0.page': { id: 'evidencePage', label: 'Page', messages: { invalid: 'Page must be a whole number' } },
      'input.evidence.0.paragraph': { id: 'evidenceParagraph', label: 'Paragraph' },
    },
    dateLabel: 'When was it proposed?',
    done: () => 'The change was added to the working document.',
  },
  'answer-change': {
    slug: 'answer-change',
    decision: 'answerPlanAmendment',
    title: 'Agree or dispute a change',
    about: 'amendment',
    fields: (context) => [
      ...partyField(context, 'Who answers?'),
      { name: 'answer', kind: 'radios', label: 'Do you agree to this change?', options: [{ value: 'agreed', text: 'Agree' }, { value: 'disputed', text: 'Dispute it' }] },
      { name: 'reason', kind: 'textarea', label: 'Why (needed if you dispute the change)', optional: true },
    ],
    input: (values, context) => definedOnly({ amendmentId: context.amendment?.amendmentId, by: partyOf(values, context), answer: one(values, 'answer'), reason: one(values, 'reason') }),
    refusalFields: {
      'input.by': { id: 'party', label: 'Who answers', kind: 'choice' },
      'input.answer': { id: 'answer', label: 'Whether you agree', kind: 'choice', messages: { missing: 'Select whether you agree to this change' } },
      'input.reason': { id: 'reason', label: 'Why', messages: { missing: 'Enter why you dispute this change' } },
      'input.amendmentId': { id: 'answer', label: 'The change', kind: 'choice' },
    },
    dateLabel: 'When was it answered?',
    done: () => 'Your answer to the change was recorded.',
  },
  'withdraw-change': {
    slug: 'withdraw-change',
    decision: 'withdrawPlanAmendment',
    title: 'Withdraw a change',
    about: 'amendment',
    fields: () => [{ name: 'reason', kind: 'textarea', label: 'Why (optional)', optional: true }],
    input: (values, context) => definedOnly({ amendmentId: context.amendment?.amendmentId, reason: one(values, 'reason') }),
    refusalFields: { 'input.reason': { id: 'reason', label: 'Why' }, 'input.amendmentId': { id: 'reason', label: 'The change' } },
    dateLabel: 'When was it withdrawn?',
    done: () => 'The change was withdrawn from the working document.',
  },
  'issue-version': {
    slug: 'issue-version',
    decision: 'issueWorkingDocument',
    title: 'Send a new version of the working document',
    about: 'appeal',
    fields: (context) => partyField(context, 'Who sends it?'),
    input: (values, context) => definedOnly({ appealId: appealId(context), version: (context.appeal?.workingDocuments.length ?? 0) + 1, issuedBy: partyOf(values, context) }),
    refusalFields: {
      'input.issuedBy': { id: 'party', label: 'Who sends it', kind: 'choice' },
      'input.version': { id: 'happenedOn', label: 'The version' },
      'input.appealId': { id: 'happenedOn', label: 'The appeal' },
    },
    dateLabel: 'When was it sent?',
    done: (context) => `Version ${(context.appeal?.workingDocuments.length ?? 0) + 1} of the working document was recorded as sent.`,
  },
};

/** The change a form answers, in words: "The parent or carer's change to section F: add “…”". */
export function amendmentInWords(amendment: PlanAmendment): string {
  return `${capitalised(partyInWords(amendment.proposedBy))}'s change to ${planSection(amendment.section)}: ${amendment.change === 'add' ? 'add' : 'delete'} “${amendment.wording}”`;
}
