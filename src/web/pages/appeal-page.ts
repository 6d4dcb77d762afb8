import type { FastifyInstance } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { childEventsOf } from '../../application/record-views.js';
import { workingDocumentOfChild } from '../../application/working-document-of.js';
import { tribunalOrdersOf } from '../../domain/appeal/tribunal-orders.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import { APPEAL_PARTY_ROLES, LOCAL_AUTHORITY_ROLES, takesPartInAppeals, type Role } from '../../domain/roles.js';
import { computeClocks } from '../../domain/statutory-clocks/compute-clocks.js';
import {
  appealTag, appealTimeline, appealWindowInWords, changeRow, mediationInWords, orderInWords, recommendationsInWords, revivedInWords,
} from '../presenters/appeal-in-words.js';
import { appealedInWords } from '../presenters/appeal-words.js';
import { longDate } from '../presenters/dates.js';
import { holdsTheRights } from '../presenters/reader-relationship.js';
import { personWithRole } from '../presenters/roles.js';
import { refusalsStanding } from './appeal-form-specs.js';
import { registerAppealForms } from './appeal-forms-page.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

/** The tribunal's limit on the working document's pages in the hearing bundle. */
const WORKING_DOCUMENT_PAGE_LIMIT = 25;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


/**
 * The appeal: for the family, their advocate and the local authority (a school is no party to it), each appeal with
 * what happened, what the local authority must now do and by when, the tribunal's recommendations and the working
 * document; and the forms each party records its part with.
 */
export function registerAppealPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<{ Params: { childId: string } }>('/children/:childId/appeal', async (request, reply) => {
    const reader = readerOf(request);
    const role = reader.actor.role as Role;
    const { childId } = request.params;
    if (!takesPartInAppeals(role)) {
      // Refused as a stranger is, and logged as such: the attempt is on the child's access log.
      if (UUID.test(childId)) reader.reads.denied(childId, 'appeal');
      return pageNotFound(request, reply);
    }
    const found = await childFrame(services, reader, childId, 'appeal', 'appeal');
    if (!found) return pageNotFound(request, reply);
    const now = services.clock();
    const today = englandDateOf(now.toISOString());
    const { record, entries } = found.known;
    const clocks = computeClocks(childEventsOf(entries), today);
    const orders = tribunalOrdersOf(record, clocks);
    const forLocalAuthority = LOCAL_AUTHORITY_ROLES.includes(role);
    const records = APPEAL_PARTY_ROLES.includes(role);
    const readerHoldsTheRight = holdsTheRights(found.known.access);

    const appeals = await Promise.all(
      [...record.appeals].reverse().map(async (appeal) => {
        const base = `/children/${childId}/appeal/${appeal.appealId}`;
        // A concession (reg 45) or a consent order ends the appeal as a decision does: nothing is left for a hearing.
        const open = !appeal.withdrawn && !appeal.decision && !appeal.outcomes.some((o) => o.how !== 'ordered');
        const proposed = Object.values(record.planAmendments).filter((a) => a.appealId === appeal.appealId);
        // Only an appeal with a working document under way has one to read (and to draw, to count its pages).
        const read = proposed.length || appeal.workingDocuments.length ? await workingDocumentOfChild(services, reader, childId, appeal.appealId, now) : null;
        const changes = proposed
          .sort((a, b) => a.proposed.on.localeCompare(b.proposed.on))
          .map((a) => changeRow(a, forLocalAuthority));
        const latest = appeal.workingDocuments.at(-1);
        const summary = read?.document.summary;
        return {
          appealId: appeal.appealId,
          title: appealedInWords(appeal.against, appeal.sections),
          tag: appealTag(appeal),
          reference: appeal.tribunalReference ?? null,
          registered: `${longDate(appeal.on)}, recorded by ${personWithRole(appeal.actor)}`,
          window: appealWindowInWords(appeal, clocks, today, readerHoldsTheRight),
          mediation: mediationInWords(appeal, record),
          timeline: appealTimeline(appeal, record, today),
          orders: orders.filter((o) => o.appealId === appeal.appealId).map((o) => orderInWords(o, appeal, record, today)),
          reversed: reversedOf(record, appeal.requestId),
          recommendations: recommendationsInWords(appeal, record, clocks, today).map((r) => ({ ...r, answerHref: r.answerable && forLocalAuthority ? `${base}/recommendations/${r.recommendationId}/answer` : null })),
          workingDocument: {
            latest: latest ? `Version ${latest.version}, sent on ${longDate(latest.on)} by ${personWithRole(latest.actor)} for ${latest.issuedBy === 'local_authority' ? 'the local authority' : 'the family'}` : null,
            counts: summary
              ? `${summary.inDispute} ${summary.inDispute === 1 ? 'change' : 'changes'} in dispute, ${summary.agreed} agreed, ${summary.awaitingAnswer} awaiting an answer, ${summary.withdrawn} withdrawn`
              : null,
            pages: read ? `${read.pdfPages} ${read.pdfPages === 1 ? 'page' : 'pages'} of the ${WORKING_DOCUMENT_PAGE_LIMIT} the tribunal allows in the bundle` : null,
            overLimit: read ? read.pdfPages > WORKING_DOCUMENT_PAGE_LIMIT : false,
            docxHref: read ? `${base}/working-document.docx` : null,
            pdfHref: read ? `${base}/working-document.pdf` : null,
            changes: changes.map((c) => ({
              ...c,
              answerHref: records && open && c.answerable ? `${base}/changes/${c.amendmentId}/answer` : null,
              withdrawHref: records && open && c.withdrawable ? `${base}/changes/${c.amendmentId}/withdraw` : null,
            })),
          },
          actions: records ? actionsFor(base, open, forLocalAuthority, Boolean(appeal.response), refusalsStanding(record).length > 0, appeal.decision?.outcome) : [],
        };
      }),
    );

    return renderPage(request, reply, 'appeal.njk', {
      pageTitle: `Appeal – ${found.frame.name}`,
      frame: found.frame,
      appeals,
      revived: revivedInWords(record),
      deadlinesHref: `/children/${childId}/deadlines`,
      registerHref: records ? `/children/${childId}/appeal/register` : null,
    });
  });

  registerAppealForms(app, services);
}

/** The local authority's own reversal of the refusal an appeal is against: no order follows it, the request stands again. */
function reversedOf(record: ChildRecord, requestId: string | undefined): string | null {
  const reversal = requestId ? record.assessmentRequests[requestId]?.setAside.find((s) => s.by.how === 'reversed') : undefined;
  return reversal ? `The local authority reversed its refusal on ${longDate(reversal.by.on)}: there is no order to comply with, and the request's own time limits apply again.` : null;
}

/** The forms a party can open for an appeal as it stands: the decider still judges each. */
function actionsFor(base: string, open: boolean, forLocalAuthority: boolean, responded: boolean, refusalStanding: boolean, decided: string | undefined) {
  const link = (form: string, text: string) => ({ href: `${base}/record/${form}`, text });
  const actions = [];
  if (forLocalAuthority && open && !responded) actions.push(link('respond', "Record the local authority's response"), link('not-opposed', 'Tell the tribunal the local authority will not oppose the appeal'));
  if (forLocalAuthority && open && refusalStanding) actions.push(link('reverse', 'Reverse a refusal'));
  if (open) actions.push(link('directions', "Record the tribunal's directions"), link('hearing', 'Record the hearing date'), link('decision', "Record the tribunal's decision"), link('order', 'Record a consent order'));
  if (decided && decided !== 'dismissed') actions.push(link('order', "Record the tribunal's order"));
  if (open || decided) actions.push(link('recommendation', "Record the tribunal's recommendation"));
  if (open) actions.push(link('propose-change', 'Propose a change in the working document'), link('issue-version', 'Send a new version of the working document'), link('withdraw', 'Record that the appeal was withdrawn'));
  return actions;
}
