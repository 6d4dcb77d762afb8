import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { APPEAL_PARTY_ROLES, LOCAL_AUTHORITY_ROLES, type Role } from '../../domain/roles.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { formBody, listField, textField } from '../forms/form-values.js';
import { amendmentInWords, APPEAL_FORMS, type AppealFormContext, type AppealFormSpec, type AppealFormValues } from './appeal-form-specs.js';
import { appealedInWords } from '../presenters/appeal-words.js';
import { longDate } from '../presenters/dates.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';


interface FormParams {
  childId: string;
  appealId?: string;
  form?: string;
  amendmentId?: string;
  recommendationId?: string;
}

interface FormState {
  values: AppealFormValues;
  dates: Record<string, DateInputValue>;
  idempotencyKey: string;
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
}

/** The day it happened: every form's last field, sent as the entry's occurredAt. */
const HAPPENED_ON = 'happenedOn';

/**
 * The appeal's forms, one entry each, for the parties: register an appeal; the LA's response, concession and
 * reversal; the tribunal's directions, hearing, decision, orders and recommendations as either party records them;
 * the working document's changes, answers and versions. Plain POST forms; a refusal shows next to its field and
 * nothing is recorded; a success goes back to the appeal page with a notice.
 */
export function registerAppealForms(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());

  /** The form, the frame and what it is about, or null: not found (no such child, appeal or change, or not a party). */
  async function formOf(request: FastifyRequest<{ Params: FormParams }>, spec: AppealFormSpec | undefined) {
    const reader = readerOf(request);
    const role = reader.actor.role as Role;
    if (!spec || !APPEAL_PARTY_ROLES.includes(role)) return null;
    const forLocalAuthority = LOCAL_AUTHORITY_ROLES.includes(role);
    if (spec.localAuthorityOnly && !forLocalAuthority) return null;
    const found = await childFrame(services, reader, request.params.childId, 'appeal', `appeal-${spec.slug}`);
    if (!found) return null;
    const { record } = found.known;
    const appeal = request.params.appealId ? record.appeals.find((a) => a.appealId === request.params.appealId) : undefined;
    if (spec.about !== 'child' && !appeal) return null;
    const amendment = request.params.amendmentId ? record.planAmendments[request.params.amendmentId] : undefined;
    if (spec.about === 'amendment' && (!amendment || amendment.appealId !== appeal?.appealId)) return null;
    const recommendation = request.params.recommendationId ? record.recommendations[request.params.recommendationId] : undefined;
    if (spec.about === 'recommendation' && (!recommendation || recommendation.appealId !== appeal?.appealId)) return null;
    const context: AppealFormContext = { record, appeal, amendment, recommendationId: recommendation?.recommendationId, forLocalAuthority };
    return { spec, frame: found.frame, context };
  }

  const specFor = (params: FormParams): AppealFormSpec | undefined => {
    if (params.amendmentId) return params.form === 'answer' ? APPEAL_FORMS['answer-change'] : params.form === 'withdraw' ? APPEAL_FORMS['withdraw-change'] : undefined;
    if (params.recommendationId) return APPEAL_FORMS['answer-recommendation'];
    if (!params.appealId) return APPEAL_FORMS['register'];
    const spec = params.form ? APPEAL_FORMS[params.form] : undefined;
    return spec?.about === 'appeal' ? spec : undefined;
  };

  const show = async (request: FastifyRequest<{ Params: FormParams }>, reply: FastifyReply) => {
    const found = await formOf(request, specFor(request.params));
    if (!found) return pageNotFound(request, reply);
    const dates = Object.fromEntries(found.spec.fields(found.context).filter((f) => f.kind === 'date').map((f) => [f.name, dateInputOf()]));
    return appealForm(request, reply, found.spec, found.frame, found.context, {
      values: {},
      dates: { ...dates, [HAPPENED_ON]: dateInputOf(today()) },
      idempotencyKey: randomUUID(),
    });
  };

  const record = async (request: FastifyRequest<{ Params: FormParams }>, reply: FastifyReply) => {
    const found = await formOf(request, specFor(request.params));
    if (!found) return pageNotFound(request, reply);
    const { spec, frame, context } = found;
    const body = formBody(request.body);
    const fields = spec.fields(context);
    const values: AppealFormValues = {};
    const dates: Record<string, DateInputValue> = {};
    for (const field of fields) {
      if (field.kind === 'checkboxes') values[field.name] = listField(body, field.name);
      else if (field.kind === 'date') {
        dates[field.name] = dateInputFrom(body, field.name);
        values[field.name] = dates[field.name]!.iso;
      } else values[field.name] = textField(body, field.name);
    }
    dates[HAPPENED_ON] = dateInputFrom(body, HAPPENED_ON);
    const idempotencyKey = textField(body, 'idempotencyKey') ?? randomUUID();
    const sent = { input: spec.input(values, context), options: { occurredAt: dates[HAPPENED_ON].iso, idempotencyKey } };
    try {
      await recordDecision(services, readerOf(request).actor, spec.decision, { childId: frame.childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const refusal = formRefusal(error, refusalFieldsOf(spec, fields, dates), sent, `#${fields[0]?.name ?? `${HAPPENED_ON}-day`}`);
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return appealForm(request, reply, spec, frame, context, { values, dates, idempotencyKey, ...refusal });
    }
    request.session.set('success', spec.done(context));
    return reply.redirect(`/children/${frame.childId}/appeal`, 303);
  };

  const routes = [
    '/children/:childId/appeal/register',
    '/children/:childId/appeal/:appealId/record/:form',
    '/children/:childId/appeal/:appealId/changes/:amendmentId/:form',
    '/children/:childId/appeal/:appealId/recommendations/:recommendationId/answer',
  ];
  for (const url of routes) {
    app.get<{ Params: FormParams }>(url, show);
    app.post<{ Params: FormParams }>(url, record);
  }
}

/** The spec's refusal fields, with each date field's typed value (to say which part is missing) and the day it happened. */
function refusalFieldsOf(spec: AppealFormSpec, fields: ReturnType<AppealFormSpec['fields']>, dates: Record<string, DateInputValue>): FormFields {
  const named: FormFields = {};
  for (const [path, field] of Object.entries(spec.refusalFields)) {
    named[path] = field.kind === 'date' && dates[field.id] ? { ...field, date: dates[field.id]! } : field;
  }
  // A field the spec does not map by path is still named by its own name (the entry's schema uses the same names).
  for (const field of fields) {
    if (Object.values(named).some((f) => f.id === field.name)) continue;
    named[`input.${field.name}`] = { id: field.name, label: field.label.replace(/\?$/, '').replace(/ \(optional\)$/, ''), ...(field.kind === 'date' ? { kind: 'date', date: dates[field.name] } : {}) };
  }
  named['options.occurredAt'] = { id: HAPPENED_ON, label: spec.dateLabel.replace(/\?$/, ''), kind: 'date', date: dates[HAPPENED_ON], messages: { missing: 'Enter the date it happened' } };
  return named;
}

function appealForm(request: FastifyRequest, reply: FastifyReply, spec: AppealFormSpec, frame: ChildFrame, context: AppealFormContext, state: FormState) {
  const errors = state.errors ?? {};
  const fields = spec.fields(context).map((field) => {
    const value = state.values[field.name];
    const chosen = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return {
      ...field,
      value: Array.isArray(value) ? '' : (value ?? ''),
      error: errors[field.name],
      items: field.options?.map((option) => ({ ...option, checked: chosen.includes(option.value) })),
      dateItems: field.kind === 'date' ? dateInputItems(state.dates[field.name] ?? dateInputOf(), Boolean(errors[field.name])) : undefined,
    };
  });
  const { appeal, amendment } = context;
  const about = amendment
    ? amendmentInWords(amendment)
    : appeal
      ? `The appeal against ${appealedInWords(appeal.against, appeal.sections).charAt(0).toLowerCase()}${appealedInWords(appeal.against, appeal.sections).slice(1)}, registered on ${longDate(appeal.on)}${appeal.tribunalReference ? ` (tribunal reference ${appeal.tribunalReference})` : ''}`
      : null;
  return renderPage(
    request,
    reply,
    'appeal-form.njk',
    {
      pageTitle: `${spec.title} – ${frame.name}`,
      backLink: { href: `/children/${frame.childId}/appeal`, text: 'Back to the appeal' },
      frame,
      title: spec.title,
      about,
      action: request.url.split('?')[0],
      fields,
      dateLabel: spec.dateLabel,
      happenedOnItems: dateInputItems(state.dates[HAPPENED_ON] ?? dateInputOf(), Boolean(errors[HAPPENED_ON])),
      idempotencyKey: state.idempotencyKey,
      errors,
      errorSummary: state.errorSummary ?? [],
    },
  );
}
