import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHandoverPackPdf } from '../../api/pdf/handover-pack-pdf.js';
import { handoverPackFrom, type HandoverPackRead } from '../../application/handover-pack-of.js';
import { handoversOf, type HandoverBetweenSettings } from '../../application/handovers-of.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import { SETTING_ROLES, type Role } from '../../domain/roles.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { formBody, textField } from '../forms/form-values.js';
import { longDate, ukDateTime } from '../presenters/dates.js';
import { authorityInWords } from '../presenters/entry-in-words.js';
import { legalForceInWords, legalForceTag } from '../presenters/legal-force.js';
import { deliveredByInWords, deliveredInWords, howOftenInWords, promisedInWords, whenInWords } from '../presenters/promise-in-words.js';
import { areaOfNeed, capitalised, needRank, transition as transitionWords } from '../presenters/record-vocabulary.js';
import { roleName } from '../presenters/roles.js';
import { childFrame } from './child-frame.js';
import { handoverStateInWords, settingInWords } from './handover-in-words.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';
import { ORDER_HOW_WORDS, limitInWords, orderStandingInWords, orderWhat } from '../../reports/tribunal-bundle/tribunal-order-words.js';

type PackParams = { Params: { childId: string; handoverId: string } };
type RecordedHandover = ChildRecord['handovers'][string];
type Found = NonNullable<Awaited<ReturnType<typeof childFrame>>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The handovers between schools: a school's incoming handovers (to sign, and signed) and those it sent, and one
 * handover's pack as the receiving SENCo reads it, with the form that signs for it, promise by promise. Every read
 * is a read of the handover pack through the gateway, so it is in the access log.
 */
export function registerHandoverPages(app: FastifyInstance, services: LedgerServices): void {
  app.get('/handovers', async (request, reply) => {
    const reader = readerOf(request);
    // A school's page: the handovers to and from a setting, by the setting's URN.
    if (!SETTING_ROLES.includes(reader.actor.role as Role)) return pageNotFound(request, reply);
    const found = await handoversOf(services, reader, 'handovers');
    const row = (item: HandoverBetweenSettings) => ({
      child: item.childName,
      href: `/children/${item.childId}/handovers/${item.handover.handoverId}`,
      from: settingInWords(item.fromSetting),
      to: settingInWords(item.handover.toSetting),
      issued: longDate(item.handover.issued.on),
      issuedBy: item.handover.issued.actor.displayName,
      promises: item.handover.openProvisionIds.length,
      state: handoverStateInWords(item.handover),
    });
    return renderPage(request, reply, 'handovers.njk', {
      pageTitle: 'Handovers',
      section: 'handovers',
      toSign: found.incomingToSign.map(row),
      signed: found.incomingSigned.map(row),
      outgoing: found.outgoing.map(row),
    });
  });

  /** The pack and the handover, as the reader may read them, or null: the page then answers "not found". */
  const packOf = async (request: FastifyRequest<PackParams>, what: string) => {
    const { childId, handoverId } = request.params;
    if (!UUID.test(handoverId)) return null;
    const found = await childFrame(services, readerOf(request), childId, 'transition', what, 'handover_pack');
    const handover = found?.known.record.handovers[handoverId];
    const pack = found && handover ? handoverPackFrom(found.known.entries, services.clock(), handoverId) : null;
    return found && handover && pack ? { found, handover, pack } : null;
  };

  app.get<PackParams>('/children/:childId/handovers/:handoverId', async (request, reply) => {
    const read = await packOf(request, 'handover-pack');
    if (!read) return pageNotFound(request, reply);
    return packPage(request, reply, read.found, read.handover, read.pack, { answers: {}, reasons: {}, signatory: defaultSignatory(request, read.handover) });
  });

  // The printable pack, for the signed-in person (the API's /children/:childId/handover-pack.pdf takes bearer tokens only).
  app.get<PackParams>('/children/:childId/handovers/:handoverId/pack.pdf', async (request, reply) => {
    const read = await packOf(request, 'handover-pack-pdf');
    if (!read) return pageNotFound(request, reply);
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="handover-pack-r${read.pack.cutAt.streamRevision}.pdf"`)
      .send(await renderHandoverPackPdf(read.pack));
  });

  app.post<PackParams>('/children/:childId/handovers/:handoverId', async (request, reply) => {
    const { childId, handoverId } = request.params;
    const read = await packOf(request, 'handover-accept');
    if (!read) return pageNotFound(request, reply);
    const { found, handover, pack } = read;
    const body = formBody(request.body);
    const promiseIds = pack.openPromises.map((p) => p.provisionId);
    const answers = Object.fromEntries(promiseIds.map((id) => [id, textField(body, `answer-${id}`)]));
    const reasons = Object.fromEntries(promiseIds.map((id) => [id, textField(body, `reason-${id}`)]));
    const signatory = { name: textField(body, 'signatoryName'), role: textField(body, 'signatoryRole') };
    const disputed = promiseIds.filter((id) => answers[id] === 'dispute');
    const sent = {
      input: {
        handoverId,
        signatory: Object.fromEntries(Object.entries(signatory).filter(([, v]) => v !== undefined)),
        acceptedProvisionIds: promiseIds.filter((id) => answers[id] === 'accept'),
        disputedProvisions: disputed.map((provisionId) => (reasons[provisionId] ? { provisionId, reason: reasons[provisionId] } : { provisionId })),
      },
      options: {},
    };
    try {
      await recordDecision(services, readerOf(request).actor, 'acceptHandover', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const unanswered = promiseIds.find((id) => answers[id] !== 'accept' && answers[id] !== 'dispute');
      const refusal = formRefusal(error, acceptanceFields(disputed, unanswered ?? promiseIds[0]), sent, '#signatoryName');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return packPage(request, reply, found, handover, pack, { answers, reasons, signatory, ...refusal });
    }
    const count = disputed.length;
    request.session.set(
      'success',
      `You signed for ${found.frame.name}'s handover${count ? `, disputing ${count} ${count === 1 ? 'promise' : 'promises'}` : ''}. Your answers are recorded with the handover.`,
    );
    return reply.redirect(`/children/${childId}/handovers/${handoverId}`, 303);
  });
}

/** Whether this reader signs for the handover: staff of the receiving setting, while it is unsigned. */
function maySign(request: FastifyRequest, found: Found, handover: RecordedHandover): boolean {
  const actor = readerOf(request).actor;
  return !handover.accepted && !found.known.capped && SETTING_ROLES.includes(actor.role as Role) && handover.toSetting.urn === actor.organisation;
}

const defaultSignatory = (request: FastifyRequest, handover: RecordedHandover) => {
  const actor = readerOf(request).actor;
  return { name: actor.displayName, role: `${capitalised(roleName(actor.role))}, ${handover.toSetting.name}` };
};

/** The acceptance form's fields, by the request paths the domain names in a refusal. */
function acceptanceFields(disputed: string[], firstUnanswered: string | undefined): FormFields {
  const fields: FormFields = {
    'input.signatory': { id: 'signatoryName', label: 'Your name' },
    'input.signatory.name': { id: 'signatoryName', label: 'Your name', messages: { missing: 'Enter your name' } },
    'input.signatory.role': { id: 'signatoryRole', label: 'Your role', messages: { missing: 'Enter your role, for example SENCo' } },
  };
  if (firstUnanswered) {
    const answer = { id: `answer-${firstUnanswered}`, label: 'Whether you accept or dispute each promise', kind: 'choice' as const, messages: { rules: { 'handover-answer-every-promise': 'Select accept or dispute for every promise handed over' } } };
    fields['input.acceptedProvisionIds'] = answer;
    fields['input.disputedProvisions'] = answer;
  }
  disputed.forEach((provisionId, i) => {
    fields[`input.disputedProvisions.${i}.reason`] = { id: `reason-${provisionId}`, label: 'Why you dispute this promise', messages: { missing: 'Enter why your school disputes this promise' } };
  });
  return fields;
}

interface AcceptanceState {
  answers: Record<string, string | undefined>;
  reasons: Record<string, string | undefined>;
  signatory: { name?: string | undefined; role?: string | undefined };
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
}

function packPage(request: FastifyRequest, reply: FastifyReply, found: Found, handover: RecordedHandover, pack: HandoverPackRead, state: AcceptanceState) {
  const { frame } = found;
  const accepted = handover.accepted;
  const answerOf = (provisionId: string) => {
    if (!accepted) return null;
    const dispute = accepted.disputedProvisions.find((d) => d.provisionId === provisionId);
    if (dispute) return { text: 'Disputed', colour: 'orange', reason: dispute.reason };
    if (accepted.acceptedProvisionIds.includes(provisionId)) return { text: 'Accepted', colour: 'green', reason: null };
    return null;
  };
  const errors = state.errors ?? {};
  const plan = pack.currentPlan;
  return renderPage(request, reply, 'handover-pack.njk', {
    pageTitle: `Handover pack – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/transition`, text: 'Transition and handover' },
    frame,
    handoverId: handover.handoverId,
    state: handoverStateInWords(handover, found.known.capped),
    canSign: maySign(request, found, handover),
    errors,
    errorSummary: state.errorSummary ?? [],
    signatory: state.signatory,
    handedOver: [
      { key: 'From', value: settingInWords({ name: pack.child.settingName, urn: pack.child.settingUrn }) },
      { key: 'To', value: settingInWords(handover.toSetting) },
      { key: 'Issued', value: `${ukDateTime(handover.issued.on)} by ${handover.issued.actor.displayName} (${roleName(handover.issued.actor.role)})` },
      { key: 'The record as it stood on', value: longDate(pack.cutAt.on) },
    ],
    child: [
      { key: 'Name', value: pack.child.displayName },
      { key: 'Date of birth', value: longDate(pack.child.dateOfBirth) },
    ],
    plan: plan
      ? [
          { key: 'Plan', value: plan.status === 'final' ? 'Education, health and care (EHC) plan, final' : plan.status === 'draft' ? 'EHC plan, in draft' : 'EHC plan' },
          ...(plan.finalIssuedOn ? [{ key: 'Final plan issued', value: longDate(plan.finalIssuedOn) }] : []),
          ...(plan.namedSetting ? [{ key: 'School named in the plan', value: plan.namedSetting.name }] : []),
          { key: 'Amendments', value: plan.amendments === 0 ? 'None' : String(plan.amendments) },
          { key: 'Last annual review', value: plan.lastReview ? longDate(plan.lastReview.on) : 'None yet' },
        ]
      : null,
    needs: pack.needs.map((need) => ({ area: capitalised(areaOfNeed(need.area)), rank: needRank(need.rank), description: need.description })),
    outcomes: pack.outcomes,
    tribunalOrders: pack.tribunalOrders.map((order) => ({
      what: orderWhat(order),
      rows: [
        { key: 'How it was made', value: `${ORDER_HOW_WORDS[order.how]}, on ${longDate(order.madeOn)}${order.tribunalReference ? ` (appeal ${order.tribunalReference})` : ''}` },
        { key: 'What it says', value: order.wording },
        ...order.limits.map((limit) => ({ key: 'Time limit', value: `${limitInWords(limit, pack.cutAt.on)}.` })),
        { key: 'Where it stands', value: `${orderStandingInWords(order)}, on ${longDate(pack.cutAt.on)}` },
      ],
    })),
    planFlags: pack.goldenThreadFlags.filter((flag) => flag.provisionId === null).map((flag) => flag.explanation),
    promises: pack.openPromises.map((view) => ({
      provisionId: view.provisionId,
      description: view.terms.description,
      forceWords: legalForceInWords(view.legalForce.kind),
      forceTag: legalForceTag(view.legalForce.kind),
      rows: [
        { key: 'Legal force', value: `${legalForceInWords(view.legalForce.kind)}.` },
        { key: 'Who delivers it', value: deliveredByInWords(view.terms.deliveredBy) },
        { key: 'How often and how long', value: howOftenInWords(view.terms) },
        { key: 'When', value: whenInWords(view.terms) },
        { key: 'Promised', value: `${promisedInWords(view)}, on the authority of ${authorityInWords(view.authority)}` },
        {
          key: 'Delivered',
          value: `${deliveredInWords(view)}${view.delivery.lastDeliveredOn ? `; the last recorded on ${longDate(view.delivery.lastDeliveredOn)}` : '; none recorded yet'}`,
        },
        ...flagRows(pack.goldenThreadFlags.filter((flag) => flag.provisionId === view.provisionId)),
      ],
      answer: answerOf(view.provisionId),
      chosen: state.answers[view.provisionId],
      reason: state.reasons[view.provisionId],
    })),
    endedPromises: pack.endedPromises.length,
    transitions: pack.transitions.map((t) => ({
      heading: capitalised(transitionWords(t.transition)),
      to: t.toSetting,
      actions: t.actions.map((a) => ({ description: a.description, owner: a.owner, dueOn: longDate(a.dueOn), done: a.doneOn ? `Done on ${longDate(a.doneOn)}` : 'Not done' })),
    })),
    disputes: pack.openDisputes.map((d) => ({ detail: d.detail, since: longDate(d.since) })),
    signed: accepted
      ? {
          by: `${accepted.signatory.name} (${accepted.signatory.role})`,
          on: ukDateTime(accepted.on),
          accepted: accepted.acceptedProvisionIds.length,
          disputed: accepted.disputedProvisions.length,
        }
      : null,
    hash: { pack: pack.packHash, matches: pack.matchesRecordedHash, recorded: pack.recordedPackHash },
    pdfHref: `/children/${frame.childId}/handovers/${handover.handoverId}/pack.pdf`,
  });
}

/** A line's golden-thread flags, each in the words of its rule, as one row of the promise's card. */
const flagRows = (flags: ReadonlyArray<{ explanation: string }>) =>
  flags.length ? [{ key: flags.length === 1 ? 'Golden thread flag' : 'Golden thread flags', value: flags.map((flag) => flag.explanation).join(' ') }] : [];
