import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChildRecordAsOf } from '../../application/child-record-as-of.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { childEventsOf } from '../../application/record-views.js';
import { englandDateOf, type IsoDate } from '../../domain/calendar/iso-date.js';
import { caseListingOf, type SupportStage } from '../../domain/child-record/case-listing.js';
import { nextDecisions } from '../../domain/child-record/next-decision.js';
import { RuleViolation } from '../../domain/errors.js';
import { isOutstandingDuty } from '../../domain/statutory-clocks/clock-outcomes.js';
import { computeClocks } from '../../domain/statutory-clocks/compute-clocks.js';
import { tribunalOrdersOf } from '../../domain/appeal/tribunal-orders.js';
import { orderInWords } from '../presenters/appeal-in-words.js';
import type { Actor } from '../../ledger/envelope.js';
import { formBody, textField } from '../forms/form-values.js';
import { dutyInWords } from '../presenters/clock-in-words.js';
import { longDate } from '../presenters/dates.js';
import { entryContext, entryInWords, recordedEntryOf } from '../presenters/entry-in-words.js';
import { entryKindOf } from '../presenters/entry-kinds.js';
import { personWithRole } from '../presenters/roles.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { nextDecisionInWords, STEP_WORDS } from './decision-words.js';
import { worksCases } from './desk-page.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';

type ChildParams = { Params: { childId: string } };

const STAGE_WORDS: Record<SupportStage, string> = {
  ehc_plan: 'EHC plan maintained',
  ehc_assessment: 'EHC needs assessment under way',
  sen_support: 'SEN support at school',
  none: 'No support recorded now',
};

/** The entries a case's timeline shows: the decisions and reviews of the statutory process, and who had the case. */
const ON_THE_CASE = new Set(['CaseworkerAssigned', 'ProvisionConfirmationRequested', 'ProvisionConfirmedInPlace']);
const onTheCase = (type: string) => ON_THE_CASE.has(type) || (type !== 'SenSupportCycleReviewed' && ['decisions', 'reviews'].includes(entryKindOf(type as never)));

/** The LA officers of the reader's own LA the record shows at work on the child: whom a case can be given to. */
function colleaguesOf(known: ChildRecordAsOf, reader: Actor): Array<{ id: string; displayName: string }> {
  const found = new Map<string, string>();
  const current = known.record.caseworker;
  if (current) found.set(current.id, current.displayName);
  for (const entry of known.entries) {
    const { actor } = entry.metadata;
    if (actor.role === 'la_officer' && actor.organisation === reader.organisation && actor.displayName) found.set(actor.id, actor.displayName);
  }
  found.delete(reader.id);
  return [...found].map(([id, displayName]) => ({ id, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The case as a caseworker works it: who has it, the stage, what to decide next, the time limits running, the decisions so far. */
function renderCase(
  request: FastifyRequest,
  reply: FastifyReply,
  found: { known: ChildRecordAsOf; frame: ChildFrame },
  today: IsoDate,
  assign: { errorSummary?: ErrorSummaryItem[]; errors?: Record<string, string> } = {},
) {
  const { known, frame } = found;
  const me = readerOf(request).actor;
  const { record } = known;
  const clocks = computeClocks(childEventsOf(known.entries), today);
  const next = nextDecisions(record, clocks).map((decision) => ({
    text: nextDecisionInWords(decision, today),
    overdue: decision.overdue,
    href: STEP_WORDS[decision.step].form ? `/children/${frame.childId}/decisions/${STEP_WORDS[decision.step].form}?for=${decision.subjectId}` : null,
    action: STEP_WORDS[decision.step].action,
  }));
  const recorded = known.entries.map(recordedEntryOf);
  const context = entryContext(recorded);
  const timeline = recorded
    .filter((entry) => onTheCase(entry.type))
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .map((entry) => ({ ...entryInWords(entry, context), href: `/children/${frame.childId}/entries/${entry.eventId}`, by: personWithRole(entry.actor), occurredAt: entry.occurredAt, happened: longDate(entry.occurredAt) }));
  const open = clocks
    .filter(isOutstandingDuty)
    .sort((a, b) => a.dueDateWithExceptions.localeCompare(b.dueDateWithExceptions))
    .map((clock) => dutyInWords(clock, record, today));
  // What the tribunal ordered (or the LA conceded) that is still to do, or was not done: the case's own breaches first.
  const orders = tribunalOrdersOf(record, clocks)
    .map((order) => orderInWords(order, record.appeals.find((a) => a.appealId === order.appealId), record, today))
    .filter((order) => order.open);
  const colleagues = colleaguesOf(known, me);
  return renderPage(
    request,
    reply,
    'case.njk',
    {
      pageTitle: `The case – ${frame.name}`,
      section: 'desk',
      frame,
      caseworker: record.caseworker && {
        name: record.caseworker.displayName,
        isMe: record.caseworker.id === me.id,
        since: longDate(record.caseworker.assigned.on),
        by: personWithRole(record.caseworker.assigned.actor),
      },
      colleagues: colleagues.map((c) => ({ value: c.id, text: c.displayName })),
      stage: STAGE_WORDS[caseListingOf(record).stage],
      next: next[0] ?? null,
      others: next.slice(1),
      open,
      orders,
      timeline,
      errors: assign.errors ?? {},
      errorSummary: assign.errorSummary ?? [],
    },
  );
}

export function registerCasePages(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());

  app.get<ChildParams>('/children/:childId/case', async (request, reply) => {
    if (!worksCases(request)) return pageNotFound(request, reply);
    const found = await childFrame(services, readerOf(request), request.params.childId, 'case', 'case');
    if (!found) return pageNotFound(request, reply);
    return renderCase(request, reply, found, today());
  });

  /** "Take this case", or give it to a colleague: recorded as who has the case, from the day it is given. */
  app.post<ChildParams>('/children/:childId/case/caseworker', async (request, reply) => {
    if (!worksCases(request)) return pageNotFound(request, reply);
    const { childId } = request.params;
    const reader = readerOf(request);
    const found = await childFrame(services, reader, childId, 'case', 'case-assign');
    if (!found) return pageNotFound(request, reply);
    const chosen = textField(formBody(request.body), 'caseworkerId');
    const to = chosen === reader.actor.id ? { id: reader.actor.id, displayName: reader.actor.displayName } : colleaguesOf(found.known, reader.actor).find((c) => c.id === chosen);
    if (!to) {
      const message = 'Select the colleague to give the case to';
      return renderCase(request, reply, found, today(), { errorSummary: [{ text: message, href: '#caseworkerId' }], errors: { caseworkerId: message } });
    }
    try {
      await recordDecision(services, reader.actor, 'assignCaseworker', { childId, input: { caseworker: to }, correlationId: request.id, causationId: request.id });
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      // Sent twice, or given to whoever has it already: the case is where it was asked to be.
      if (error.rule !== 'already-assigned') {
        const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
        return renderCase(request, reply, found, today(), { errorSummary: [{ text: message, href: '#caseworkerId' }], errors: { caseworkerId: message } });
      }
    }
    const mine = to.id === reader.actor.id;
    request.session.set('success', mine ? `${found.frame.name}'s case is now yours.` : `${found.frame.name}'s case is now ${to.displayName}'s.`);
    return reply.redirect(`/children/${childId}/case`, 303);
  });
}
