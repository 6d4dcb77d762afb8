import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { previewDecision, type DecisionPreview } from '../../application/decision-preview.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { addDays, englandDateOf } from '../../domain/calendar/iso-date.js';
import { nextDecisions } from '../../domain/child-record/next-decision.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import { computeClocks } from '../../domain/statutory-clocks/compute-clocks.js';
import { childEventsOf } from '../../application/record-views.js';
import { DRAFT_COMMENT_DAYS } from '../../domain/child-record/rules/plan-rules.js';
import { RuleViolation } from '../../domain/errors.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, inWords, type FormFields } from '../forms/form-errors.js';
import { formBody, textField, type FormBody } from '../forms/form-values.js';
import { longDate } from '../presenters/dates.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { DECISION_FORM_SPECS, isDecisionForm, type DecisionFormSpec, type Values } from './decision-form-specs.js';
import { effectInWords, whenInWords } from './decision-words.js';
import { worksCases } from './desk-page.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';

type FormParams = { Params: { childId: string; form: string }; Querystring: { for?: string } };

/** The LA's own request that the named setting confirm the plan's provision is in place (its clock is 4 weeks). */
const CONFIRMATION_WEEKS = 4;

interface FormState {
  subjectId: string;
  /** The deadline this decision is due by, in words, where one is running. */
  due?: string | null;
  values: Values;
  decidedOn: DateInputValue;
  idempotencyKey: string;
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
}

/** Every form's fields by the request path a refusal names: its own, the date, and what it is about. */
const fieldsOf = (spec: DecisionFormSpec, decidedOn: DateInputValue): FormFields => ({
  ...spec.refusalFields,
  'options.occurredAt': { id: 'decidedOn', label: spec.dateLabel, kind: 'date', date: decidedOn, messages: { missing: `Enter the ${spec.dateLabel.toLowerCase()}` } },
  [`input.${spec.about === 'request' ? 'requestId' : 'planId'}`]: { id: 'subject', label: spec.about === 'request' ? 'The request' : 'The plan' },
});

function valuesFrom(spec: DecisionFormSpec, body: FormBody): Values {
  const values: Values = {};
  for (const field of spec.fields) values[field.name] = field.kind === 'checkbox' ? (textField(body, field.name) === 'yes' ? 'yes' : undefined) : textField(body, field.name);
  return values;
}

/**
 * Decisions as forms, for an LA officer: each opens at /children/:childId/decisions/<form>, for the request or plan
 * the record has open (`?for=` chooses another). "Continue" checks the decision against the record without recording
 * it: the deadline it meets or misses, and any rule that refuses it, next to its field. "Record the decision" records
 * it, through the same path as the API's mutation, once (the idempotency key carried from the form).
 */
export function registerDecisionFormPages(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());

  /** The form's spec and the child's case, or null (not an LA officer, not a form, not a child they may read): "not found". */
  const caseFor = async (request: FastifyRequest<FormParams>, what: string) => {
    const { form, childId } = request.params;
    if (!worksCases(request) || !isDecisionForm(form)) return null;
    const found = await childFrame(services, readerOf(request), childId, 'case', what);
    if (!found) return null;
    const on = today();
    const steps = nextDecisions(found.known.record, computeClocks(childEventsOf(found.known.entries), on));
    /** The deadline the decision about this request or plan is due by, in words, shown on the form before anything is sent. */
    const dueFor = (subjectId: string) => {
      const due = steps.find((step) => step.step === form && step.subjectId === subjectId);
      return due && (due.dueBy || due.from) ? `Due${whenInWords(due, on)}.` : null;
    };
    return { spec: DECISION_FORM_SPECS[form], ...found, dueFor };
  };

  app.get<FormParams>('/children/:childId/decisions/:form', async (request, reply) => {
    const found = await caseFor(request, 'decision-form');
    if (!found) return pageNotFound(request, reply);
    const { spec, known, frame } = found;
    const candidates = spec.candidates(known.record);
    const subjectId = candidates.find((c) => c.id === request.query.for)?.id ?? candidates[0]?.id;
    if (!subjectId) return nothingToDecide(request, reply, spec, frame);
    const values: Values = Object.fromEntries(spec.fields.map((field) => [field.name, field.initial?.(known.record)]));
    return decisionForm(request, reply, spec, frame, known.record, { subjectId, due: found.dueFor(subjectId), values, decidedOn: dateInputOf(today()), idempotencyKey: randomUUID() });
  });

  app.post<FormParams>('/children/:childId/decisions/:form', async (request, reply) => {
    const found = await caseFor(request, 'decision-form');
    if (!found) return pageNotFound(request, reply);
    const { spec, known, frame } = found;
    const { childId } = request.params;
    const body = formBody(request.body);
    const subjectId = textField(body, 'subject') ?? '';
    const state: FormState = {
      subjectId,
      due: found.dueFor(subjectId),
      values: valuesFrom(spec, body),
      decidedOn: dateInputFrom(body, 'decidedOn'),
      idempotencyKey: textField(body, 'idempotencyKey') ?? randomUUID(),
    };
    const step = textField(body, 'step');
    if (step === 'change') return decisionForm(request, reply, spec, frame, known.record, state);

    // What the entry's schema cannot see: a form left without the choice that picks the entry, or without its date (the API's "now").
    const missing: Array<[string, string]> = [];
    if (spec.required && !state.values[spec.required.name]) missing.push([spec.required.name, spec.required.message]);
    if (state.decidedOn.iso === undefined) missing.push(['decidedOn', `Enter the ${spec.dateLabel.toLowerCase()}`]);
    if (missing.length > 0) {
      const errorSummary = missing.map(([id, text]) => ({ text, href: id === 'decidedOn' ? '#decidedOn-day' : `#${id}` }));
      return decisionForm(request, reply, spec, frame, known.record, { ...state, errorSummary, errors: Object.fromEntries(missing) });
    }

    const sent = { input: spec.input(state.values, state.subjectId), options: { occurredAt: state.decidedOn.iso, idempotencyKey: state.idempotencyKey } };
    const asked = { childId, ...sent, correlationId: request.id, causationId: request.id };
    const refused = (error: unknown) => {
      const refusal = formRefusal(error, fieldsOf(spec, state.decidedOn), sent, '#subject');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return decisionForm(request, reply, spec, frame, known.record, { ...state, ...refusal });
    };

    if (step !== 'record') {
      let preview: DecisionPreview;
      try {
        preview = await previewDecision(services, readerOf(request), spec.decision, asked, 'decision-check');
      } catch (error) {
        return refused(error);
      }
      if (preview.kind === 'already_recorded') {
        request.session.set('success', 'This decision had already been recorded: nothing new was recorded.');
        return reply.redirect(`/children/${childId}/case`, 303);
      }
      return checkPage(request, reply, spec, frame, known.record, state, preview);
    }

    let deduplicated = false;
    try {
      ({ deduplicated } = await recordDecision(services, readerOf(request).actor, spec.decision, asked));
    } catch (error) {
      return refused(error);
    }
    let also = '';
    if (spec.form === 'issue-final' && state.values['confirmProvision'] === 'yes') also = await askForConfirmation(request, childId, state);
    request.session.set('success', deduplicated ? 'This decision had already been recorded: nothing new was recorded.' : `Recorded: ${spec.title.charAt(0).toLowerCase()}${spec.title.slice(1)}, on ${longDate(state.decidedOn.iso)}.${also}`);
    return reply.redirect(`/children/${childId}/case`, 303);
  });

  /** The second entry of the final-plan form: the LA asks the setting named to confirm the provision is in place. */
  async function askForConfirmation(request: FastifyRequest, childId: string, state: FormState): Promise<string> {
    const setting = { name: state.values['settingName'], ...(state.values['settingUrn'] ? { urn: state.values['settingUrn'] } : {}) };
    try {
      await recordDecision(services, readerOf(request).actor, 'requestProvisionConfirmation', {
        childId,
        input: { planId: state.subjectId, setting },
        options: { occurredAt: state.decidedOn.iso, idempotencyKey: `${state.idempotencyKey}/provision-confirmation` },
        correlationId: request.id,
        causationId: request.id,
      });
      return ` ${setting.name} was asked to confirm the provision is in place by ${longDate(addDays(state.decidedOn.iso!, CONFIRMATION_WEEKS * 7))}.`;
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      return ` The request to confirm the provision in place was not recorded: ${inWords(error.message)}.`;
    }
  }
}

function nothingToDecide(request: FastifyRequest, reply: FastifyReply, spec: DecisionFormSpec, frame: ChildFrame) {
  return renderPage(request, reply, 'decision-none.njk', {
    pageTitle: `${spec.title} – ${frame.name}`,
    section: 'desk',
    backLink: { href: `/children/${frame.childId}/case`, text: 'Back to the case' },
    frame,
    title: spec.title,
    about: spec.about === 'request' ? 'no request for an assessment is at the stage this decision is made' : 'no EHC plan is at the stage this decision is made',
  });
}

/** The form's fields as the template draws them, with what was typed and any message next to each. */
function fieldsToDraw(spec: DecisionFormSpec, state: FormState) {
  return spec.fields.map((field) => ({
    ...field,
    id: field.name,
    value: state.values[field.name] ?? '',
    error: state.errors?.[field.name],
    items: field.options?.map((option) => ({ ...option, checked: state.values[field.name] === option.value })),
  }));
}

function subjectText(spec: DecisionFormSpec, record: ChildRecord, subjectId: string): string {
  return spec.candidates(record).find((c) => c.id === subjectId)?.text ?? (spec.about === 'request' ? 'A request for an EHC needs assessment' : 'An EHC plan');
}

function decisionForm(request: FastifyRequest, reply: FastifyReply, spec: DecisionFormSpec, frame: ChildFrame, record: ChildRecord, state: FormState, status = 200) {
  return renderPage(
    request,
    reply,
    'decision-form.njk',
    {
      pageTitle: `${spec.title} – ${frame.name}`,
      section: 'desk',
      backLink: { href: `/children/${frame.childId}/case`, text: 'Back to the case' },
      frame,
      spec: { form: spec.form, title: spec.title, dateLabel: spec.dateLabel },
      action: `/children/${frame.childId}/decisions/${spec.form}`,
      subject: { id: state.subjectId, text: subjectText(spec, record, state.subjectId) },
      due: state.due ?? null,
      fields: fieldsToDraw(spec, state),
      draftNote: spec.form === 'issue-draft' ? `Issuing the draft starts the family's ${DRAFT_COMMENT_DAYS} days to comment on it, from the day it is issued: the final plan can be issued from the ${DRAFT_COMMENT_DAYS}th day after.` : null,
      decidedOnItems: dateInputItems(state.decidedOn, Boolean(state.errors?.['decidedOn'])),
      idempotencyKey: state.idempotencyKey,
      errors: state.errors ?? {},
      errorSummary: state.errorSummary ?? [],
    },
    status,
  );
}

function checkPage(
  request: FastifyRequest,
  reply: FastifyReply,
  spec: DecisionFormSpec,
  frame: ChildFrame,
  record: ChildRecord,
  state: FormState,
  preview: Extract<DecisionPreview, { kind: 'would_record' }>,
) {
  const answers = [
    { key: { text: spec.about === 'request' ? 'Request' : 'Plan' }, value: { text: subjectText(spec, record, state.subjectId) } },
    ...spec.fields
      .filter((field) => state.values[field.name] !== undefined)
      .map((field) => ({
        key: { text: field.label.replace(/\?$/, '').replace(/ \(optional\)$/, '') },
        value: { text: field.kind === 'checkbox' ? 'Yes' : (field.options?.find((o) => o.value === state.values[field.name])?.text ?? state.values[field.name]!) },
      })),
    { key: { text: spec.dateLabel }, value: { text: longDate(preview.on) } },
  ];
  const effects = preview.effects.map((effect) => ({ ...effectInWords(effect, preview.on), how: effect.how }));
  const notes: string[] = [];
  if (spec.form === 'issue-draft') {
    notes.push(`The family has ${DRAFT_COMMENT_DAYS} days to comment on the draft, from ${longDate(preview.on)}: the final plan can be issued from ${longDate(addDays(preview.on, DRAFT_COMMENT_DAYS))}.`);
  }
  if (spec.form === 'issue-final' && state.values['confirmProvision'] === 'yes') {
    notes.push(`${state.values['settingName'] ?? 'The school or college'} will be asked to confirm the provision is in place by ${longDate(addDays(preview.on, CONFIRMATION_WEEKS * 7))}. This is the local authority's own request, not a time limit set by law.`);
  }
  const hidden = [
    ...spec.fields.filter((field) => state.values[field.name] !== undefined).map((field) => ({ name: field.name, value: state.values[field.name]! })),
    { name: 'subject', value: state.subjectId },
    { name: 'decidedOn-day', value: state.decidedOn.day },
    { name: 'decidedOn-month', value: state.decidedOn.month },
    { name: 'decidedOn-year', value: state.decidedOn.year },
    { name: 'idempotencyKey', value: state.idempotencyKey },
  ];
  return renderPage(request, reply, 'decision-check.njk', {
    pageTitle: `Check before you record – ${spec.title} – ${frame.name}`,
    section: 'desk',
    frame,
    caption: `${frame.name}: ${spec.title.charAt(0).toLowerCase()}${spec.title.slice(1)}`,
    action: `/children/${frame.childId}/decisions/${spec.form}`,
    answers,
    effects,
    meetsNothing: !effects.some((e) => e.how === 'meets' || e.how === 'ends'),
    notes,
    hidden,
  });
}
