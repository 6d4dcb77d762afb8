import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { isStaffOfChildSetting, senSupportHistory } from '../presenters/sen-support-history.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { FREQUENCY_PERIODS, TARGET_SETTERS } from '../../domain/child-record/vocabulary.js';
import { registerSenSupportPdfRoute } from '../../api/sen-support-pdf-route.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, listField, textField } from '../forms/form-values.js';
import { longDate } from '../presenters/dates.js';
import { capitalised, nextStep, outcomesMet, perPeriod, targetSetter } from '../presenters/record-vocabulary.js';
import { roleName } from '../presenters/roles.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';

type ChildParams = { Params: { childId: string } };
type CycleParams = { Params: { childId: string; cycleId: string } };

const OUTCOME_CHOICES = ['met', 'partly_met', 'not_met'] as const;
const NEXT_STEPS = ['continue', 'new_cycle', 'request_ehc_needs_assessment', 'end_sen_support'] as const;

/**
 * SEN support, the graduated approach (SEN CoP 6.44-6.56): every cycle of assess, plan, do and review, with what each
 * planned, delivered and found, read as the evidence an LA asks for before it assesses, and printable as one
 * document. Anyone who may read the record sees it; staff of the child's current setting plan cycles and review them.
 */
export function registerSenSupportPages(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());

  // The printable history is a page of this service too: it is reached with the session's sign-in, so it is registered here.
  registerSenSupportPdfRoute(app, services, pageNotFound);

  app.get<ChildParams>('/children/:childId/sen-support', async (request, reply) => {
    const reader = readerOf(request);
    const found = await childFrame(services, reader, request.params.childId, 'sen-support', 'sen-support');
    if (!found) return pageNotFound(request, reply);
    const { record } = found.known;
    const history = senSupportHistory(record, today());
    const staff = isStaffOfChildSetting(reader.actor, record) && !found.known.capped;
    return renderPage(request, reply, 'sen-support.njk', {
      pageTitle: `SEN support – ${found.frame.name}`,
      frame: found.frame,
      history,
      staff,
      onRoll: record.onRoll?.name ?? null,
      confirmations: {
        asked: Object.keys(record.provisionConfirmations).length,
        waiting: Object.values(record.provisionConfirmations).filter((asked) => !asked.confirmed).length,
      },
    });
  });

  /** The frame for staff of the child's current setting, who alone plan and review its SEN support; null reads as not found. */
  const staffFrame = async (request: FastifyRequest, childId: string, what: string) => {
    const reader = readerOf(request);
    const found = await childFrame(services, reader, childId, 'sen-support', what);
    return found && !found.known.capped && isStaffOfChildSetting(reader.actor, found.known.record) ? found : null;
  };

  app.get<ChildParams>('/children/:childId/sen-support/plan', async (request, reply) => {
    const found = await staffFrame(request, request.params.childId, 'sen-support-plan');
    if (!found) return pageNotFound(request, reply);
    return planForm(request, reply, found.frame, { values: {}, reviewDueOn: dateInputOf(), idempotencyKey: randomUUID() });
  });

  app.post<ChildParams>('/children/:childId/sen-support/plan', async (request, reply) => {
    const { childId } = request.params;
    const found = await staffFrame(request, childId, 'sen-support-plan');
    if (!found) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const reviewDueOn = dateInputFrom(body, 'reviewDueOn');
    const outcomesText = textField(body, 'outcomes');
    const values = { assessmentSummary: textField(body, 'assessmentSummary'), outcomes: outcomesText, targetsSetWith: listField(body, 'targetsSetWith') };
    const idempotencyKey = textField(body, 'idempotencyKey') ?? randomUUID();
    // One outcome a line, as a SENCo writes them; blank lines are gaps, not outcomes.
    const outcomes = (outcomesText ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    const sent = {
      input: definedOnly({
        assessmentSummary: values.assessmentSummary,
        outcomes,
        reviewDueOn: reviewDueOn.iso,
        targetsSetWith: values.targetsSetWith.length > 0 ? values.targetsSetWith : undefined,
      }),
      options: { idempotencyKey },
    };
    let deduplicated = false;
    try {
      ({ deduplicated } = await recordDecision(services, readerOf(request).actor, 'planSenSupportCycle', { childId, ...sent, correlationId: request.id, causationId: request.id }));
    } catch (error) {
      const refusal = formRefusal(error, planFields(reviewDueOn), sent, '#assessmentSummary');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return planForm(request, reply, found.frame, { values, reviewDueOn, idempotencyKey, ...refusal });
    }
    request.session.set('success', deduplicated ? 'This cycle had already been planned: nothing new was recorded.' : `A new cycle of SEN support is planned for ${found.frame.name}, to be reviewed by ${longDate(reviewDueOn.iso)}.`);
    return reply.redirect(`/children/${childId}/sen-support`, 303);
  });

  app.get<CycleParams>('/children/:childId/sen-support/cycles/:cycleId/provision', async (request, reply) => {
    const found = await staffFrame(request, request.params.childId, 'sen-support-provision');
    const cycle = found ? senSupportHistory(found.known.record, today()).cycles.find((c) => c.cycleId === request.params.cycleId) : undefined;
    if (!found || !cycle || cycle.review) return pageNotFound(request, reply);
    const values: ProvisionValues = { organisation: found.known.record.onRoll?.name ?? undefined, per: 'week' };
    return provisionForm(request, reply, found.frame, cycle, { values, startDate: dateInputOf(), endDate: dateInputOf(cycle.reviewDueIso), idempotencyKey: randomUUID() });
  });

  app.post<CycleParams>('/children/:childId/sen-support/cycles/:cycleId/provision', async (request, reply) => {
    const { childId, cycleId } = request.params;
    const found = await staffFrame(request, childId, 'sen-support-provision');
    const cycle = found ? senSupportHistory(found.known.record, today()).cycles.find((c) => c.cycleId === cycleId) : undefined;
    if (!found || !cycle || cycle.review) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const startDate = dateInputFrom(body, 'startDate');
    const endDate = dateInputFrom(body, 'endDate');
    const values: ProvisionValues = {
      description: textField(body, 'description'),
      role: textField(body, 'role'),
      organisation: textField(body, 'organisation'),
      sessions: textField(body, 'sessions'),
      per: textField(body, 'per'),
      minutes: textField(body, 'minutes'),
      groupSize: textField(body, 'groupSize'),
    };
    const idempotencyKey = textField(body, 'idempotencyKey') ?? randomUUID();
    // A number as typed when it is not a whole number: the entry's schema refuses it and names the field.
    const whole = (value: string | undefined) => (value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : value);
    const actor = readerOf(request).actor;
    const sent = {
      input: definedOnly({
        section: 'SEN_SUPPORT',
        cycleId,
        description: values.description,
        deliveredBy: definedOnly({ organisation: values.organisation, role: values.role }),
        frequency: definedOnly({ sessions: whole(values.sessions), per: values.per }),
        minutesPerSession: whole(values.minutes),
        groupSize: whole(values.groupSize),
        startDate: startDate.iso,
        endDate: endDate.iso,
        // SEN support is the school's own commitment: the member of staff who records it decides it.
        authority: { name: actor.displayName, role: `${roleName(actor.role)}, ${found.known.record.onRoll?.name ?? actor.organisation}` },
      }),
      options: { idempotencyKey },
    };
    try {
      await recordDecision(services, actor, 'promiseProvision', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const refusal = formRefusal(error, provisionFields(startDate, endDate), sent, '#description');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return provisionForm(request, reply, found.frame, cycle, { values, startDate, endDate, idempotencyKey, ...refusal });
    }
    request.session.set('success', `"${values.description}" is added to cycle ${cycle.number}.`);
    return reply.redirect(`/children/${childId}/sen-support#cycle-${cycle.number}`, 303);
  });

  app.get<CycleParams>('/children/:childId/sen-support/cycles/:cycleId/review', async (request, reply) => {
    const found = await staffFrame(request, request.params.childId, 'sen-support-review');
    const cycle = found ? senSupportHistory(found.known.record, today()).cycles.find((c) => c.cycleId === request.params.cycleId) : undefined;
    if (!found || !cycle) return pageNotFound(request, reply);
    if (cycle.review) return reply.redirect(`/children/${request.params.childId}/sen-support#cycle-${cycle.number}`, 303);
    return reviewForm(request, reply, found.frame, cycle, { values: {} });
  });

  app.post<CycleParams>('/children/:childId/sen-support/cycles/:cycleId/review', async (request, reply) => {
    const { childId, cycleId } = request.params;
    const found = await staffFrame(request, childId, 'sen-support-review');
    const cycle = found ? senSupportHistory(found.known.record, today()).cycles.find((c) => c.cycleId === cycleId) : undefined;
    if (!found || !cycle) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const values = { outcomesMet: textField(body, 'outcomesMet'), progress: textField(body, 'progress'), nextStep: textField(body, 'nextStep') };
    const sent = { input: definedOnly({ cycleId, ...values }), options: {} };
    try {
      await recordDecision(services, readerOf(request).actor, 'reviewSenSupportCycle', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const refusal = formRefusal(error, REVIEW_FIELDS, sent, '#outcomesMet');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return reviewForm(request, reply, found.frame, cycle, { values, ...refusal });
    }
    request.session.set('success', `The review of cycle ${cycle.number} is recorded.`);
    return reply.redirect(`/children/${childId}/sen-support#cycle-${cycle.number}`, 303);
  });
}

const planFields = (reviewDueOn: DateInputValue): FormFields => ({
  'input.assessmentSummary': { id: 'assessmentSummary', label: 'What the assessment found', messages: { missing: 'Enter what the assessment found' } },
  'input.outcomes': { id: 'outcomes', label: 'The outcomes', messages: { missing: 'Enter at least one outcome, one a line' } },
  'input.reviewDueOn': { id: 'reviewDueOn', label: 'The review date', kind: 'date', date: reviewDueOn, messages: { missing: 'Enter the date the cycle will be reviewed by' } },
  'input.targetsSetWith': { id: 'targetsSetWith', label: 'Who set the targets', kind: 'choices', messages: { missing: 'Select who set the targets' } },
  'input.cycleId': { id: 'assessmentSummary', label: 'The cycle' },
});

const REVIEW_FIELDS: FormFields = {
  'input.outcomesMet': { id: 'outcomesMet', label: 'Whether the outcomes were met', kind: 'choice', messages: { missing: 'Select whether the outcomes were met' } },
  'input.progress': { id: 'progress', label: 'The progress made', messages: { missing: 'Enter the progress the child made' } },
  'input.nextStep': { id: 'nextStep', label: 'The next step', kind: 'choice', messages: { missing: 'Select the next step' } },
  'input.cycleId': { id: 'outcomesMet', label: 'The cycle', messages: { rules: { 'cycle-already-reviewed': 'This cycle has already been reviewed' } } },
};

interface Refused {
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
}

function planForm(
  request: FastifyRequest,
  reply: FastifyReply,
  frame: ChildFrame,
  state: { values: { assessmentSummary?: string | undefined; outcomes?: string | undefined; targetsSetWith?: string[] }; reviewDueOn: DateInputValue; idempotencyKey: string } & Refused,
) {
  const chosen = state.values.targetsSetWith ?? [];
  return renderPage(request, reply, 'sen-support-plan.njk', {
    pageTitle: `Plan a new cycle of SEN support – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/sen-support` },
    frame,
    values: state.values,
    idempotencyKey: state.idempotencyKey,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
    reviewDueOnItems: dateInputItems(state.reviewDueOn, Boolean(state.errors?.['reviewDueOn'])),
    setters: TARGET_SETTERS.map((value) => ({ value, text: capitalised(targetSetter(value)), checked: chosen.includes(value) })),
  });
}

function reviewForm(
  request: FastifyRequest,
  reply: FastifyReply,
  frame: ChildFrame,
  cycle: ReturnType<typeof senSupportHistory>['cycles'][number],
  state: { values: { outcomesMet?: string | undefined; progress?: string | undefined; nextStep?: string | undefined } } & Refused,
) {
  return renderPage(request, reply, 'sen-support-review.njk', {
    pageTitle: `Record the review of cycle ${cycle.number} – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/sen-support#cycle-${cycle.number}` },
    frame,
    cycle,
    values: state.values,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
    outcomeChoices: OUTCOME_CHOICES.map((value) => ({ value, text: capitalised(outcomesMet(value)), checked: state.values.outcomesMet === value })),
    nextSteps: NEXT_STEPS.map((value) => ({ value, text: capitalised(nextStep(value)), checked: state.values.nextStep === value })),
  });
}

interface ProvisionValues {
  description?: string | undefined;
  role?: string | undefined;
  organisation?: string | undefined;
  sessions?: string | undefined;
  per?: string | undefined;
  minutes?: string | undefined;
  groupSize?: string | undefined;
}

const provisionFields = (startDate: DateInputValue, endDate: DateInputValue): FormFields => ({
  'input.description': { id: 'description', label: 'What the support is', messages: { missing: 'Enter what the support is' } },
  'input.deliveredBy.role': { id: 'role', label: 'The role of who delivers it', messages: { missing: 'Enter the role of who delivers it, for example teaching assistant' } },
  'input.deliveredBy.organisation': { id: 'organisation', label: 'Where they work', messages: { missing: 'Enter the school or service they work for' } },
  'input.deliveredBy': { id: 'role', label: 'Who delivers it', messages: { missing: 'Enter the role of who delivers it, for example teaching assistant' } },
  'input.frequency.sessions': { id: 'sessions', label: 'How many sessions', messages: { missing: 'Enter how many sessions', invalid: 'Enter the sessions as a whole number, for example 3' } },
  'input.frequency.per': { id: 'per', label: 'How often', kind: 'choice', messages: { missing: 'Select how often' } },
  'input.frequency': { id: 'sessions', label: 'How many sessions', messages: { missing: 'Enter how many sessions' } },
  'input.minutesPerSession': { id: 'minutes', label: 'How long each session lasts', messages: { missing: 'Enter how many minutes each session lasts', invalid: 'Enter the minutes as a whole number, for example 20' } },
  'input.groupSize': { id: 'groupSize', label: 'The group size', messages: { invalid: 'Enter the group size as a whole number, for example 3' } },
  'input.startDate': { id: 'startDate', label: 'The start date', kind: 'date', date: startDate, messages: { missing: 'Enter the date the support starts' } },
  'input.endDate': { id: 'endDate', label: 'The end date', kind: 'date', date: endDate },
});

function provisionForm(
  request: FastifyRequest,
  reply: FastifyReply,
  frame: ChildFrame,
  cycle: ReturnType<typeof senSupportHistory>['cycles'][number],
  state: { values: ProvisionValues; startDate: DateInputValue; endDate: DateInputValue; idempotencyKey: string } & Refused,
) {
  return renderPage(request, reply, 'sen-support-provision.njk', {
    pageTitle: `Add support to cycle ${cycle.number} – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/sen-support#cycle-${cycle.number}` },
    frame,
    cycle,
    values: state.values,
    idempotencyKey: state.idempotencyKey,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
    periods: FREQUENCY_PERIODS.map((value) => ({ value, text: perPeriod(value), selected: state.values.per === value })),
    startDateItems: dateInputItems(state.startDate, Boolean(state.errors?.['startDate'])),
    endDateItems: dateInputItems(state.endDate, Boolean(state.errors?.['endDate'])),
  });
}
