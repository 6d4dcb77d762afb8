import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChildRecordAsOf } from '../../application/child-record-as-of.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { childEventsOf } from '../../application/record-views.js';
import { isStaffOfChildSetting } from '../presenters/sen-support-history.js';
import { englandDateOf, type IsoDate } from '../../domain/calendar/iso-date.js';
import { isOpen, standingInRecord } from '../../domain/child-record/provision-standing.js';
import { computeClocks } from '../../domain/statutory-clocks/compute-clocks.js';
import { RuleViolation } from '../../domain/errors.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, listField, textField } from '../forms/form-values.js';
import { dutyInWords } from '../presenters/clock-in-words.js';
import { longDate } from '../presenters/dates.js';
import { frequencyInWords, minutesInWords } from '../presenters/record-vocabulary.js';
import { personWithRole } from '../presenters/roles.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';

type ChildParams = { Params: { childId: string } };
type RequestParams = { Params: { childId: string; confirmationId: string } };

interface AnswerValues {
  allInPlace?: string | undefined;
  notInPlace: string[];
  reasons: Record<string, string | undefined>;
  name?: string | undefined;
  role?: string | undefined;
}

/**
 * Provision confirmed in place: the LA asks the setting a final plan names to confirm that the plan's provision is in
 * place (some LAs ask within 4 weeks of issuing it: the LA's own request, not the law's). Staff of the child's setting
 * answer here, all in place or naming each line not yet in place and why, signed by name and role; everyone who may
 * read the record sees each request, its answer and whether it came in the time asked.
 */
export function registerProvisionInPlacePages(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());

  app.get<ChildParams>('/children/:childId/provision-in-place', async (request, reply) => {
    const found = await childFrame(services, readerOf(request), request.params.childId, 'promises', 'provision-in-place');
    if (!found) return pageNotFound(request, reply);
    return requestsPage(request, reply, found, today(), {});
  });

  app.post<RequestParams>('/children/:childId/provision-in-place/:confirmationId', async (request, reply) => {
    const { childId, confirmationId } = request.params;
    const reader = readerOf(request);
    const found = await childFrame(services, reader, childId, 'promises', 'provision-in-place');
    const asked = found?.known.record.provisionConfirmations[confirmationId];
    if (!found || !asked || found.known.capped || !isStaffOfChildSetting(reader.actor, found.known.record)) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const lines = linesOf(found.known, asked.planId, today());
    const values: AnswerValues = {
      allInPlace: textField(body, 'allInPlace'),
      notInPlace: listField(body, 'notInPlace').filter((id) => lines.some((line) => line.provisionId === id)),
      reasons: Object.fromEntries(lines.map((line) => [line.provisionId, textField(body, `reason-${line.provisionId}`)])),
      name: textField(body, 'confirmedByName'),
      role: textField(body, 'confirmedByRole'),
    };
    // Whether all is in place, and if not which lines: the form's own question, which no entry records as such.
    const own = values.allInPlace === undefined ? 'Select whether all the provision in the plan is in place' : values.allInPlace === 'no' && values.notInPlace.length === 0 ? 'Select each line that is not yet in place' : null;
    if (own) {
      const id = values.allInPlace === undefined ? 'allInPlace' : 'notInPlace';
      return requestsPage(request, reply, found, today(), { confirmationId, values, errorSummary: [{ text: own, href: `#${id}` }], errors: { [id]: own } });
    }
    const ticked = values.allInPlace === 'no' ? values.notInPlace : [];
    const sent = {
      input: definedOnly({
        confirmationId,
        confirmedBy: definedOnly({ name: values.name, role: values.role }),
        notInPlace: ticked.map((provisionId) => definedOnly({ provisionId, reason: values.reasons[provisionId] })),
      }),
      options: {},
    };
    try {
      await recordDecision(services, reader.actor, 'confirmProvisionInPlace', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      // Sent twice (a second click): the first answer stands, which is what was asked.
      if (error instanceof RuleViolation && error.rule === 'already-confirmed') {
        request.session.set('success', 'This request had already been answered: nothing new was recorded.');
        return reply.redirect(`/children/${childId}/provision-in-place`, 303);
      }
      const refusal = formRefusal(error, answerFields(ticked, lines), sent, '#allInPlace');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return requestsPage(request, reply, found, today(), { confirmationId, values, ...refusal });
    }
    request.session.set(
      'success',
      ticked.length === 0 ? `You confirmed that all the provision in ${found.frame.name}'s plan is in place.` : `You confirmed the provision in ${found.frame.name}'s plan, with ${ticked.length === 1 ? '1 line' : `${ticked.length} lines`} not yet in place.`,
    );
    return reply.redirect(`/children/${childId}/provision-in-place`, 303);
  });
}

interface LineInWords {
  provisionId: string;
  description: string;
  detail: string;
}

/** The plan's lines still owed today: what the setting confirms, or names as not yet in place. */
function linesOf(known: ChildRecordAsOf, planId: string, today: IsoDate): LineInWords[] {
  const { record } = known;
  return Object.values(record.provisions)
    .filter((line) => line.planId === planId && isOpen(standingInRecord(record, line, today).status))
    .sort((a, b) => a.section.localeCompare(b.section) || a.promised.on.localeCompare(b.promised.on))
    .map((line) => ({
      provisionId: line.provisionId,
      description: line.description,
      detail: `Section ${line.section}. ${line.deliveredBy.role}, ${line.deliveredBy.organisation}. ${frequencyInWords(line.frequency)}, ${minutesInWords(line.minutesPerSession)} each.`,
    }));
}

function answerFields(ticked: string[], lines: LineInWords[]): FormFields {
  const fields: FormFields = {
    'input.confirmedBy.name': { id: 'confirmedByName', label: 'Your name', messages: { missing: 'Enter your name' } },
    'input.confirmedBy.role': { id: 'confirmedByRole', label: 'Your role', messages: { missing: 'Enter your role' } },
    'input.confirmedBy': { id: 'confirmedByName', label: 'Your name', messages: { missing: 'Enter your name and role' } },
    'input.notInPlace': { id: 'notInPlace', label: 'The lines not yet in place', kind: 'choices' },
  };
  ticked.forEach((provisionId, index) => {
    const line = lines.find((l) => l.provisionId === provisionId);
    fields[`input.notInPlace.${index}.reason`] = { id: `reason-${provisionId}`, label: `Why "${line?.description ?? 'this line'}" is not in place`, messages: { missing: `Enter why "${line?.description ?? 'this line'}" is not yet in place` } };
    fields[`input.notInPlace.${index}`] = { id: `notInPlace`, label: 'The lines not yet in place', kind: 'choices' };
  });
  return fields;
}

function requestsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  found: { known: ChildRecordAsOf; frame: ChildFrame },
  today: IsoDate,
  answering: { confirmationId?: string; values?: AnswerValues; errorSummary?: ErrorSummaryItem[]; errors?: Record<string, string> },
) {
  const reader = readerOf(request);
  const { record } = found.known;
  const staff = !found.known.capped && isStaffOfChildSetting(reader.actor, record);
  const clocks = computeClocks(childEventsOf(found.known.entries), today).filter((clock) => clock.ruleId === 'provision-confirmation');
  // One answer form at a time (its fields have one set of ids): the oldest request still waiting is answered first.
  const answerable = Object.values(record.provisionConfirmations)
    .filter((asked) => !asked.confirmed)
    .sort((a, b) => a.requested.on.localeCompare(b.requested.on))[0]?.confirmationId;
  const requests = Object.values(record.provisionConfirmations)
    .sort((a, b) => b.requested.on.localeCompare(a.requested.on))
    .map((asked) => {
      const clock = clocks.find((c) => c.subject.id === asked.confirmationId);
      const words = clock ? dutyInWords(clock, record, today) : null;
      const lines = linesOf(found.known, asked.planId, today);
      const values = answering.confirmationId === asked.confirmationId ? answering.values : undefined;
      const errors = answering.confirmationId === asked.confirmationId ? (answering.errors ?? {}) : {};
      const answer = asked.confirmed;
      return {
        confirmationId: asked.confirmationId,
        setting: asked.setting.name,
        askedBy: `${personWithRole(asked.requested.actor)} on ${longDate(englandDateOf(asked.requested.on))}`,
        dueBy: words?.dueBy ?? null,
        tag: words?.tag ?? null,
        outcome: words?.outcome ?? null,
        law: words?.law ?? null,
        answer: answer
          ? {
              by: `${answer.confirmedBy.name} (${answer.confirmedBy.role}) on ${longDate(englandDateOf(answer.on))}`,
              allInPlace: answer.notInPlace.length === 0,
              notInPlace: answer.notInPlace.map((missing) => ({
                description: record.provisions[missing.provisionId]?.description ?? 'A line of the plan',
                reason: missing.reason,
              })),
            }
          : null,
        form:
          asked.confirmationId === answerable && staff
            ? {
                errors,
                values: values ?? { notInPlace: [], reasons: {}, name: reader.actor.displayName },
                lines: lines.map((line) => ({
                  ...line,
                  checked: values?.notInPlace.includes(line.provisionId) ?? false,
                  reason: values?.reasons[line.provisionId],
                  reasonError: errors[`reason-${line.provisionId}`],
                })),
              }
            : null,
      };
    });
  return renderPage(request, reply, 'provision-in-place.njk', {
    pageTitle: `Provision in place – ${found.frame.name}`,
    frame: found.frame,
    requests,
    errorSummary: answering.errorSummary ?? [],
  });
}
