import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { isStaffOfChildSetting } from '../presenters/sen-support-history.js';
import { interventionGroups, takeRegister, type InterventionGroup, type RegisterOutcome } from '../../application/session-register.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { RuleViolation } from '../../domain/errors.js';
import { SETTING_ROLES, type Role } from '../../domain/roles.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, listField, textField } from '../forms/form-values.js';
import { longDate } from '../presenters/dates.js';
import { frequencyInWords, groupInWords, listInWords, minutesInWords } from '../presenters/record-vocabulary.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';

type GroupParams = { Params: { groupId: string } };
type LineParams = { Params: { childId: string; provisionId: string } };

interface Refused {
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
}

/** The register form as typed, to show again after a refusal. */
interface RegisterValues {
  on: DateInputValue;
  minutes: string | undefined;
  name: string | undefined;
  role: string | undefined;
  attended: string[];
  reasons: Record<string, string | undefined>;
  idempotencyKey: string;
}

const isSchoolStaff = (role: string) => SETTING_ROLES.includes(role as Role);

/**
 * The session register: a SENCo (or anyone on the staff of a setting) takes one session of a group intervention for
 * every child in the group at once. Each child's record gets its own entry: a delivery for who attended, a shortfall
 * of one session for who missed it with a reason. Also the shortfall form for one line of one child.
 */
export function registerSessionRegisterPages(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());

  /** The groups of the reader's own setting, or null for someone not on a setting's staff (the page is not theirs). */
  const groupsOf = async (request: FastifyRequest) => {
    const reader = readerOf(request);
    if (!isSchoolStaff(reader.actor.role)) return null;
    return interventionGroups(services, reader, reader.actor.organisation, today());
  };

  app.get('/sessions', async (request, reply) => {
    const groups = await groupsOf(request);
    if (!groups) return pageNotFound(request, reply);
    return renderPage(request, reply, 'session-register-groups.njk', {
      pageTitle: 'Session register',
      section: 'sessions',
      groups: groups.map((group) => ({
        href: `/sessions/${group.groupId}`,
        description: group.description,
        deliveredBy: `${group.deliveredBy.role}, ${group.deliveredBy.organisation}`,
        howOften: `${frequencyInWords(group.frequency)}, ${minutesInWords(group.minutesPerSession)} each`,
        children: listInWords(group.members.map((m) => m.name)),
        count: group.members.length,
      })),
    });
  });

  app.get<GroupParams>('/sessions/:groupId', async (request, reply) => {
    const group = (await groupsOf(request))?.find((g) => g.groupId === request.params.groupId);
    if (!group) return pageNotFound(request, reply);
    const reader = readerOf(request);
    return registerForm(request, reply, group, {
      on: dateInputOf(today()),
      minutes: String(group.minutesPerSession),
      name: reader.actor.displayName,
      role: undefined,
      attended: group.members.map((m) => m.provisionId),
      reasons: {},
      idempotencyKey: randomUUID(),
    });
  });

  app.post<GroupParams>('/sessions/:groupId', async (request, reply) => {
    const group = (await groupsOf(request))?.find((g) => g.groupId === request.params.groupId);
    if (!group) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const values: RegisterValues = {
      on: dateInputFrom(body, 'on'),
      minutes: textField(body, 'minutes'),
      name: textField(body, 'deliveredByName'),
      role: textField(body, 'deliveredByRole'),
      attended: listField(body, 'attended'),
      reasons: Object.fromEntries(group.members.map((m) => [m.provisionId, textField(body, `reason-${m.provisionId}`)])),
      idempotencyKey: textField(body, 'idempotencyKey') ?? randomUUID(),
    };
    // A register without its day would claim today: the one thing the form asks for itself.
    if (!values.on.iso) {
      return registerForm(request, reply, group, values, { errorSummary: [{ text: 'Enter the date of the session', href: '#on-day' }], errors: { on: 'Enter the date of the session' } });
    }
    const minutes = values.minutes === undefined ? undefined : /^\d+$/.test(values.minutes) ? Number(values.minutes) : values.minutes;
    const { recorded, outcomes } = await takeRegister(
      services,
      readerOf(request),
      group,
      {
        on: values.on.iso,
        minutes,
        deliveredBy: definedOnly({ name: values.name, role: values.role }),
        lines: group.members.map((m) => ({ provisionId: m.provisionId, attended: values.attended.includes(m.provisionId), absenceReason: values.reasons[m.provisionId] })),
        idempotencyKey: values.idempotencyKey,
      },
      { correlationId: request.id, causationId: request.id },
    );
    if (!recorded) return registerForm(request, reply, group, values, refusalsOf(outcomes, values));
    const failed = outcomes.filter((o) => o.error !== undefined);
    const delivered = outcomes.filter((o) => o.what === 'delivered' && o.error === undefined).map((o) => o.member.name);
    const missed = outcomes.filter((o) => o.what === 'shortfall' && o.error === undefined).map((o) => o.member.name);
    const nothing = outcomes.filter((o) => o.what === 'nothing').map((o) => o.member.name);
    const said = [
      `The session on ${longDate(values.on.iso)} is recorded for ${delivered.length ? listInWords(delivered) : 'no one'}.`,
      missed.length ? `A missed session is recorded for ${listInWords(missed)}.` : '',
      nothing.length ? `Nothing was recorded for ${listInWords(nothing)} (absent, no reason given).` : '',
      failed.length ? `Not recorded, because their record changed meanwhile: ${listInWords(failed.map((o) => o.member.name))}. Take the register again for them.` : '',
    ].filter(Boolean);
    request.session.set('success', said.join(' '));
    return reply.redirect('/sessions', 303);
  });

  /** The shortfall form, for staff of the child's current setting, for one line of the child's provision. */
  const lineFrame = async (request: FastifyRequest, childId: string, provisionId: string) => {
    const reader = readerOf(request);
    const found = await childFrame(services, reader, childId, 'sen-support', 'shortfall');
    const line = found?.known.record.provisions[provisionId];
    return found && line && !found.known.capped && isStaffOfChildSetting(reader.actor, found.known.record) ? { ...found, line } : null;
  };

  app.get<LineParams>('/children/:childId/provision/:provisionId/shortfall', async (request, reply) => {
    const found = await lineFrame(request, request.params.childId, request.params.provisionId);
    if (!found) return pageNotFound(request, reply);
    return shortfallForm(request, reply, found.frame, found.line, { from: dateInputOf(), to: dateInputOf(), values: {} });
  });

  app.post<LineParams>('/children/:childId/provision/:provisionId/shortfall', async (request, reply) => {
    const { childId, provisionId } = request.params;
    const found = await lineFrame(request, childId, provisionId);
    if (!found) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const from = dateInputFrom(body, 'periodFrom');
    const to = dateInputFrom(body, 'periodTo');
    const values = { sessionsMissed: textField(body, 'sessionsMissed'), reason: textField(body, 'reason') };
    const sessionsMissed = values.sessionsMissed === undefined ? undefined : /^\d+$/.test(values.sessionsMissed) ? Number(values.sessionsMissed) : values.sessionsMissed;
    const sent = { input: definedOnly({ provisionId, periodFrom: from.iso, periodTo: to.iso, sessionsMissed, reason: values.reason }), options: {} };
    try {
      await recordDecision(services, readerOf(request).actor, 'reportShortfall', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const refusal = formRefusal(error, shortfallFields(from, to), sent, '#periodFrom-day');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return shortfallForm(request, reply, found.frame, found.line, { from, to, values, ...refusal });
    }
    request.session.set('success', `The shortfall in "${found.line.description}" for ${found.frame.name} is recorded: ${values.sessionsMissed} missed from ${longDate(from.iso)} to ${longDate(to.iso)}.`);
    return reply.redirect(found.line.cycleId ? `/children/${childId}/sen-support` : `/children/${childId}/promises`, 303);
  });
}

const REGISTER_FIELD_IDS = {
  'options.occurredAt': 'on',
  'input.minutes': 'minutes',
  'input.deliveredBy.name': 'deliveredByName',
  'input.deliveredBy.role': 'deliveredByRole',
  'input.deliveredBy': 'deliveredByName',
} as const;

/**
 * A refused register in words: a message for each field of the whole session once (the date, the minutes, who
 * delivered it), and for each child whose own entry was refused, the reason with the child's name, next to the child.
 */
function refusalsOf(outcomes: RegisterOutcome[], values: RegisterValues): Refused {
  const on = values.on;
  const errorSummary: ErrorSummaryItem[] = [];
  const errors: Record<string, string> = {};
  for (const outcome of outcomes) {
    if (outcome.error === undefined) continue;
    const rowId = `attended-${outcome.member.provisionId}`;
    const fields: FormFields = {
      'options.occurredAt': { id: 'on', label: 'The date of the session', kind: 'date', date: on, messages: { rules: { 'occurred-in-future': 'The date of the session must be today or in the past' } } },
      'input.minutes': { id: 'minutes', label: 'How long the session lasted', messages: { missing: 'Enter how many minutes the session lasted', invalid: 'Enter the minutes as a whole number, for example 30' } },
      'input.deliveredBy.name': { id: 'deliveredByName', label: 'The name of who delivered it', messages: { missing: 'Enter the name of who delivered the session' } },
      'input.deliveredBy.role': { id: 'deliveredByRole', label: 'The role of who delivered it', messages: { missing: 'Enter the role of who delivered the session' } },
      'input.reason': { id: `reason-${outcome.member.provisionId}`, label: `Why ${outcome.member.name} missed it` },
    };
    const sent = {
      input: { minutes: values.minutes, deliveredBy: { name: values.name, role: values.role }, reason: values.reasons[outcome.member.provisionId] },
      options: { occurredAt: on.iso },
    };
    // The date refused for this child's line (before it starts, after it ends) is about the child, not the date as typed.
    const aboutTheDate = !(outcome.error instanceof RuleViolation) || ['occurred-at-invalid', 'occurred-in-future'].includes(outcome.error.rule);
    if (!aboutTheDate) delete fields['options.occurredAt'];
    const refusal = formRefusal(outcome.error, fields, sent, `#${rowId}`);
    if (!refusal || refusal.kind === 'not_found') {
      errorSummary.push({ text: `${outcome.member.name}: the entry could not be checked`, href: `#${rowId}` });
      continue;
    }
    for (const item of refusal.errorSummary) {
      const shared = Object.values(REGISTER_FIELD_IDS).some((id) => item.href === `#${id}` || item.href.startsWith(`#${id}-`));
      if (shared) {
        if (!errorSummary.some((e) => e.href === item.href)) errorSummary.push(item);
        continue;
      }
      // About this child's line (a session before it starts, after it ends): named, and shown by the child.
      const text = item.href === `#${rowId}` ? `${outcome.member.name}: ${item.text}` : item.text;
      errorSummary.push({ text, href: item.href });
      if (item.href === `#${rowId}`) errors[rowId] = text;
    }
    Object.assign(errors, refusal.errors);
  }
  return { errorSummary, errors };
}

function registerForm(request: FastifyRequest, reply: FastifyReply, group: InterventionGroup, values: RegisterValues, refused: Refused = {}) {
  const errors = refused.errors ?? {};
  return renderPage(request, reply, 'session-register.njk', {
    pageTitle: `Take the register: ${group.description}`,
    section: 'sessions',
    backLink: { href: '/sessions', text: 'All groups' },
    group: {
      groupId: group.groupId,
      description: group.description,
      deliveredBy: `${group.deliveredBy.role}, ${group.deliveredBy.organisation}`,
      howOften: [frequencyInWords(group.frequency), `${minutesInWords(group.minutesPerSession)} each`, groupInWords(group.groupSize)].filter(Boolean).join(', '),
    },
    members: group.members.map((m) => ({
      provisionId: m.provisionId,
      childId: m.childId,
      name: m.name,
      attended: values.attended.includes(m.provisionId),
      reason: values.reasons[m.provisionId],
      error: errors[`attended-${m.provisionId}`],
      reasonError: errors[`reason-${m.provisionId}`],
      shortfallHref: `/children/${m.childId}/provision/${m.provisionId}/shortfall`,
    })),
    values,
    onItems: dateInputItems(values.on, Boolean(errors['on'])),
    errors,
    errorSummary: refused.errorSummary ?? [],
    refused: (refused.errorSummary ?? []).length > 0,
  });
}

const shortfallFields = (from: DateInputValue, to: DateInputValue): FormFields => ({
  'input.periodFrom': { id: 'periodFrom', label: 'The first day of the shortfall', kind: 'date', date: from, messages: { missing: 'Enter the first day of the shortfall' } },
  'input.periodTo': { id: 'periodTo', label: 'The last day of the shortfall', kind: 'date', date: to, messages: { missing: 'Enter the last day of the shortfall' } },
  'input.sessionsMissed': { id: 'sessionsMissed', label: 'How many sessions were missed', messages: { missing: 'Enter how many sessions were missed', invalid: 'Enter the sessions missed as a whole number, for example 2' } },
  'input.reason': { id: 'reason', label: 'Why the sessions were missed', messages: { missing: 'Enter why the sessions were missed' } },
});

function shortfallForm(
  request: FastifyRequest,
  reply: FastifyReply,
  frame: ChildFrame,
  line: { description: string; deliveredBy: { role: string; organisation: string }; frequency: { sessions: number; per: string }; minutesPerSession: number },
  state: { from: DateInputValue; to: DateInputValue; values: { sessionsMissed?: string | undefined; reason?: string | undefined } } & Refused,
) {
  const errors = state.errors ?? {};
  return renderPage(request, reply, 'session-register-shortfall.njk', {
    pageTitle: `Report a shortfall – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/sen-support` },
    frame,
    line: { description: line.description, deliveredBy: `${line.deliveredBy.role}, ${line.deliveredBy.organisation}`, howOften: `${frequencyInWords(line.frequency)}, ${minutesInWords(line.minutesPerSession)} each` },
    values: state.values,
    fromItems: dateInputItems(state.from, Boolean(errors['periodFrom'])),
    toItems: dateInputItems(state.to, Boolean(errors['periodTo'])),
    errors,
    errorSummary: state.errorSummary ?? [],
  });
}
