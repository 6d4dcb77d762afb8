import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { issueHandover } from '../../application/issue-handover.js';
import { recordDecision } from '../../application/record-decision.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { RuleViolation } from '../../domain/errors.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import { TRANSITIONS } from '../../domain/child-record/vocabulary.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES, type Role } from '../../domain/roles.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, textField } from '../forms/form-values.js';
import { longDate } from '../presenters/dates.js';
import { capitalised, transition as transitionWords } from '../presenters/record-vocabulary.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { handoverStateInWords, settingInWords } from './handover-in-words.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';

type ChildParams = { Params: { childId: string } };
type ActionParams = { Params: { childId: string; transitionId: string; actionId: string } };

/** How many action rows the plan form offers: enough for a phase transfer; empty rows are left out. */
const ACTION_ROWS = 5;

type Found = NonNullable<Awaited<ReturnType<typeof childFrame>>>;

/**
 * The child's transition plans (each action, its owner and due date, done or overdue), the forms that make a plan
 * and mark an action done, and the handover to the receiving school: the pack is cut and its hash recorded by the
 * application layer (issueHandover), the same path the API takes.
 */
export function registerTransitionPages(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());
  const frameOf = (request: FastifyRequest, childId: string, what: string) => childFrame(services, readerOf(request), childId, 'transition', what);

  /** The page itself; after a refused "Mark done", with the refusal in the error summary. */
  const transitionPage = (request: FastifyRequest, reply: FastifyReply, found: Found, errorSummary: ErrorSummaryItem[] = []) => {
    const { record } = found.known;
    return renderPage(request, reply, 'transition.njk', {
      pageTitle: `Transition and handover – ${found.frame.name}`,
      frame: found.frame,
      canAct: mayAct(request, found),
      plans: plansInWords(record, today()),
      errorSummary,
      handovers: Object.values(record.handovers)
        .sort((a, b) => b.issued.on.localeCompare(a.issued.on))
        .map((handover) => ({
          href: `/children/${found.frame.childId}/handovers/${handover.handoverId}`,
          to: settingInWords(handover.toSetting),
          issued: `${longDate(handover.issued.on)} by ${handover.issued.actor.displayName}`,
          promises: handover.openProvisionIds.length,
          state: handoverStateInWords(handover, found.known.capped),
        })),
    });
  };

  app.get<ChildParams>('/children/:childId/transition', async (request, reply) => {
    const found = await frameOf(request, request.params.childId, 'transition');
    if (!found || !worksWithSchools(request)) return pageNotFound(request, reply);
    return transitionPage(request, reply, found);
  });

  app.post<ActionParams>('/children/:childId/transition/:transitionId/actions/:actionId/done', async (request, reply) => {
    const { childId, transitionId, actionId } = request.params;
    const found = await frameOf(request, childId, 'transition-action-done');
    const action = found?.known.record.transitions[transitionId]?.actions.find((a) => a.actionId === actionId);
    if (!found || !action || !worksWithSchools(request)) return pageNotFound(request, reply);
    try {
      await recordDecision(services, readerOf(request).actor, 'recordTransitionActionDone', {
        childId,
        input: { transitionId, actionId },
        correlationId: request.id,
        causationId: request.id,
      });
    } catch (error) {
      // Sent twice (a second click): the first recorded it, which is what was asked.
      if (!(error instanceof RuleViolation && error.rule === 'action-already-done')) {
        const refusal = formRefusal(error, {}, {}, `#action-${actionId}`);
        if (!refusal) throw error;
        if (refusal.kind === 'not_found') return pageNotFound(request, reply);
        return transitionPage(request, reply, found, refusal.errorSummary);
      }
    }
    request.session.set('success', `"${action.description}" is recorded as done.`);
    return reply.redirect(`/children/${childId}/transition`, 303);
  });

  app.get<ChildParams>('/children/:childId/transition/plan', async (request, reply) => {
    const found = await frameOf(request, request.params.childId, 'transition-plan');
    if (!found || !mayAct(request, found)) return pageNotFound(request, reply);
    const onRoll = found.known.record.onRoll;
    return planForm(request, reply, found.frame, {
      values: { fromName: onRoll?.name ?? undefined, fromUrn: onRoll?.urn ?? undefined },
      rows: Array.from({ length: ACTION_ROWS }, () => ({ dueOn: dateInputOf() })),
      idempotencyKey: randomUUID(),
    });
  });

  app.post<ChildParams>('/children/:childId/transition/plan', async (request, reply) => {
    const { childId } = request.params;
    const found = await frameOf(request, childId, 'transition-plan');
    if (!found || !mayAct(request, found)) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const values = {
      transition: textField(body, 'transition'),
      fromName: textField(body, 'fromName'),
      fromUrn: textField(body, 'fromUrn'),
      toName: textField(body, 'toName'),
      toUrn: textField(body, 'toUrn'),
    };
    const rows: ActionRow[] = Array.from({ length: ACTION_ROWS }, (_, i) => ({
      description: textField(body, `action-${i}-description`),
      ownerName: textField(body, `action-${i}-ownerName`),
      ownerRole: textField(body, `action-${i}-ownerRole`),
      dueOn: dateInputFrom(body, `action-${i}-dueOn`),
    }));
    // A row left wholly empty is not an action; the rows sent keep their place on the form for the messages.
    const sentRows = rows.map((row, formIndex) => ({ row, formIndex })).filter(({ row }) => !isEmptyRow(row));
    const idempotencyKey = textField(body, 'idempotencyKey') ?? randomUUID();
    const sent = {
      input: definedOnly({
        transition: values.transition,
        fromSetting: values.fromName || values.fromUrn ? definedOnly({ name: values.fromName, urn: values.fromUrn }) : undefined,
        toSetting: values.toName || values.toUrn ? definedOnly({ name: values.toName, urn: values.toUrn }) : undefined,
        actions: sentRows.map(({ row }) =>
          definedOnly({
            description: row.description,
            owner: row.ownerName || row.ownerRole ? definedOnly({ name: row.ownerName, role: row.ownerRole }) : undefined,
            dueOn: row.dueOn.iso,
          }),
        ),
      }),
      options: { idempotencyKey },
    };
    try {
      await recordDecision(services, readerOf(request).actor, 'makeTransitionPlan', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const refusal = formRefusal(error, planFields(sentRows), sent, '#transition');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return planForm(request, reply, found.frame, { values, rows, idempotencyKey, ...refusal });
    }
    const count = sentRows.length;
    request.session.set('success', `The transition plan is recorded, with ${count} ${count === 1 ? 'action' : 'actions'}.`);
    return reply.redirect(`/children/${childId}/transition`, 303);
  });

  app.get<ChildParams>('/children/:childId/transition/handover', async (request, reply) => {
    const found = await frameOf(request, request.params.childId, 'handover-issue');
    if (!found || !mayAct(request, found)) return pageNotFound(request, reply);
    // The latest plan's receiving school, if it names one: the usual handover is to it.
    const latest = Object.values(found.known.record.transitions).sort((a, b) => b.made.on.localeCompare(a.made.on))[0];
    return handoverForm(request, reply, found, {
      values: { toName: latest?.toSetting?.name, toUrn: latest?.toSetting?.urn, transitionId: latest?.transitionId },
      idempotencyKey: randomUUID(),
    });
  });

  app.post<ChildParams>('/children/:childId/transition/handover', async (request, reply) => {
    const { childId } = request.params;
    const found = await frameOf(request, childId, 'handover-issue');
    if (!found || !mayAct(request, found)) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const values = { toName: textField(body, 'toName'), toUrn: textField(body, 'toUrn'), transitionId: textField(body, 'transitionId') };
    const idempotencyKey = textField(body, 'idempotencyKey') ?? randomUUID();
    const input = definedOnly({ transitionId: values.transitionId, toSetting: definedOnly({ name: values.toName ?? '', urn: values.toUrn }) });
    let handoverId: string | undefined;
    try {
      const recorded = await issueHandover(services, childId, readerOf(request).actor, input, { idempotencyKey, correlationId: request.id, causationId: request.id });
      handoverId = recorded.entries[0]?.data['handoverId'] as string | undefined;
    } catch (error) {
      const refusal = formRefusal(error, HANDOVER_FIELDS, { input }, '#toName');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return handoverForm(request, reply, found, { values, idempotencyKey, ...refusal });
    }
    request.session.set('success', `${found.frame.name}'s handover to ${values.toName} is issued. The receiving school's staff can now read the pack and sign for it.`);
    return reply.redirect(handoverId ? `/children/${childId}/handovers/${handoverId}` : `/children/${childId}/transition`, 303);
  });
}

/** School staff and LA officers: the people who plan a move between settings. */
const worksWithSchools = (request: FastifyRequest): boolean => {
  const role = readerOf(request).actor.role as Role;
  return SETTING_ROLES.includes(role) || LOCAL_AUTHORITY_ROLES.includes(role);
};

/**
 * Whether the forms are offered: to the staff of the setting the child is on roll at and to the LA, on the record
 * as it stands now. The domain still decides each decision; this only keeps forms from people who read a past record.
 */
function mayAct(request: FastifyRequest, found: Found): boolean {
  const actor = readerOf(request).actor;
  if (found.known.capped) return false;
  if (LOCAL_AUTHORITY_ROLES.includes(actor.role as Role)) return true;
  return SETTING_ROLES.includes(actor.role as Role) && found.known.record.onRoll?.urn === actor.organisation;
}

function plansInWords(record: ChildRecord, today: string) {
  return Object.values(record.transitions)
    .sort((a, b) => b.made.on.localeCompare(a.made.on))
    .map((plan) => ({
      transitionId: plan.transitionId,
      heading: capitalised(transitionWords(plan.transition)),
      from: settingInWords(plan.fromSetting),
      to: plan.toSetting ? settingInWords(plan.toSetting) : 'Not yet known',
      made: `${longDate(plan.made.on)} by ${plan.made.actor.displayName}`,
      actions: [...plan.actions]
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
        .map((action) => {
          const done = plan.done[action.actionId];
          const overdue = !done && action.dueOn < today;
          return {
            actionId: action.actionId,
            description: action.description,
            owner: `${action.owner.name} (${action.owner.role})`,
            dueOn: longDate(action.dueOn),
            done: Boolean(done),
            status: done
              ? { text: `Done on ${longDate(done.on)}`, colour: 'green' }
              : overdue
                ? { text: 'Overdue', colour: 'red' }
                : { text: 'To do', colour: 'blue' },
          };
        }),
    }));
}

interface ActionRow {
  description?: string | undefined;
  ownerName?: string | undefined;
  ownerRole?: string | undefined;
  dueOn: DateInputValue;
}

const isEmptyRow = (row: ActionRow) => !row.description && !row.ownerName && !row.ownerRole && row.dueOn.iso === undefined;

/** The plan form's fields, by the request paths the domain names; each action sent by its row on the form. */
function planFields(sentRows: Array<{ row: ActionRow; formIndex: number }>): FormFields {
  const fields: FormFields = {
    'input.transition': { id: 'transition', label: 'The kind of move', kind: 'choice', messages: { missing: 'Select what kind of move this is' } },
    'input.fromSetting': { id: 'fromName', label: 'The name of the school the child is moving from' },
    'input.fromSetting.name': { id: 'fromName', label: 'The name of the school the child is moving from' },
    'input.fromSetting.urn': { id: 'fromUrn', label: 'The URN of the school the child is moving from', messages: { invalid: 'The URN must be 6 or 7 digits, like 100934' } },
    'input.toSetting.name': { id: 'toName', label: 'The name of the school the child is moving to' },
    'input.toSetting.urn': { id: 'toUrn', label: 'The URN of the school the child is moving to', messages: { invalid: 'The URN must be 6 or 7 digits, like 100052' } },
    'input.actions': {
      id: 'action-0-description',
      label: 'The actions',
      messages: { missing: 'A transition plan names at least one action: enter what is to be done, who will do it and by when' },
    },
  };
  sentRows.forEach(({ row, formIndex }, i) => {
    const id = (part: string) => `action-${formIndex}-${part}`;
    const n = formIndex + 1;
    fields[`input.actions.${i}.description`] = { id: id('description'), label: `What is to be done in action ${n}` };
    fields[`input.actions.${i}.owner`] = { id: id('ownerName'), label: `Who will do action ${n}` };
    fields[`input.actions.${i}.owner.name`] = { id: id('ownerName'), label: `The name of who will do action ${n}` };
    fields[`input.actions.${i}.owner.role`] = { id: id('ownerRole'), label: `The role of who will do action ${n}` };
    fields[`input.actions.${i}.dueOn`] = { id: id('dueOn'), label: `The date action ${n} is due`, kind: 'date', date: row.dueOn };
    fields[`input.actions.${i}`] = { id: id('description'), label: `Action ${n}` };
  });
  return fields;
}

interface PlanFormState {
  values: { transition?: string | undefined; fromName?: string | undefined; fromUrn?: string | undefined; toName?: string | undefined; toUrn?: string | undefined };
  rows: ActionRow[];
  idempotencyKey: string;
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
}

function planForm(request: FastifyRequest, reply: FastifyReply, frame: ChildFrame, state: PlanFormState) {
  const errors = state.errors ?? {};
  return renderPage(request, reply, 'transition-plan.njk', {
    pageTitle: `Make a transition plan – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/transition` },
    frame,
    values: state.values,
    idempotencyKey: state.idempotencyKey,
    errors,
    errorSummary: state.errorSummary ?? [],
    transitions: TRANSITIONS.map((value) => ({ value, text: capitalised(transitionWords(value)), checked: state.values.transition === value })),
    rows: state.rows.map((row, i) => ({
      index: i,
      number: i + 1,
      description: row.description,
      ownerName: row.ownerName,
      ownerRole: row.ownerRole,
      dueOnItems: dateInputItems(row.dueOn, Boolean(errors[`action-${i}-dueOn`])),
    })),
  });
}

const HANDOVER_FIELDS: FormFields = {
  'input.toSetting': { id: 'toName', label: 'The name of the receiving school' },
  'input.toSetting.name': { id: 'toName', label: 'The name of the receiving school', messages: { missing: 'Enter the name of the school the child is moving to' } },
  // The handover's entry is checked by its schema as it is recorded: a value it refuses comes back as invalid-data.
  'input.toSetting.urn': {
    id: 'toUrn',
    label: 'The URN of the receiving school',
    messages: { invalid: 'The URN must be 6 or 7 digits, like 100052', rules: { 'invalid-data': 'The URN must be 6 or 7 digits, like 100052' } },
  },
  'input.transitionId': { id: 'transitionId', label: 'The transition plan', kind: 'choice' },
};

interface HandoverFormState {
  values: { toName?: string | undefined; toUrn?: string | undefined; transitionId?: string | undefined };
  idempotencyKey: string;
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
}

function handoverForm(request: FastifyRequest, reply: FastifyReply, found: Found, state: HandoverFormState) {
  const { frame } = found;
  const plans = Object.values(found.known.record.transitions).sort((a, b) => b.made.on.localeCompare(a.made.on));
  return renderPage(request, reply, 'transition-handover.njk', {
    pageTitle: `Hand over to the receiving school – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/transition` },
    frame,
    values: state.values,
    idempotencyKey: state.idempotencyKey,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
    plans: [
      ...plans.map((plan) => ({
        value: plan.transitionId,
        text: `${capitalised(transitionWords(plan.transition))}${plan.toSetting ? `, to ${plan.toSetting.name}` : ''}`,
        hint: { text: `Made on ${longDate(plan.made.on)}` },
        checked: state.values.transitionId === plan.transitionId,
      })),
      ...(plans.length ? [{ divider: 'or' }] : []),
      { value: '', text: 'Not part of a transition plan', checked: !state.values.transitionId },
    ],
  });
}
