import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { promisePageVisibleTo, promisesVisibleTo } from '../../application/promises-in-scope.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { isOpen } from '../../domain/child-record/provision-standing.js';
import type { PromiseView } from '../../../projections/promise-view.js';
import { longDate, ukDateTime } from '../presenters/dates.js';
import { authorityInWords } from '../presenters/entry-in-words.js';
import {
  deliveredByInWords, deliveredInWords, deliveryGap, groupByLegalForce, howOftenInWords, promisedInWords, settingPartsInWords, shortfallsInWords,
  statusHistory, statusInWords, versionsInWords, wordingVersions, whenInWords, type Row,
} from '../presenters/promise-in-words.js';
import { legalForceInWords, legalForceTag } from '../presenters/legal-force.js';
import { areaOfNeed, capitalised, minutesInWords } from '../presenters/record-vocabulary.js';
import { goldenThreadFlags, goldenThreadNotes } from '../../domain/provision-quality/golden-thread.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';
import type { Reader } from '../../application/child-records.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import type { LedgerEntry } from '../../ledger/envelope.js';

/** Lines on one page: a child's plan and support rarely hold more, so most records fit on one. */
const PER_PAGE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sectionOf = (request: FastifyRequest) => (request.actor?.role === 'advocate' || request.actor?.role === 'tribunal' ? 'cases' : 'home');

/**
 * "What was promised and is it happening": every provision line by legal force, who promised it on whose
 * authority, its status, deliveries against the sessions expected and shortfalls (a line with no delivery for
 * weeks stands out); and each line on its own page with every version of its wording side by side.
 */
/**
 * The last entry a former reader's view of the promises is judged on. A school that handed a child over reads the
 * receiving school's signature (its own handover's answer), but its promises are judged as they stood while the
 * child was still its to provide for: up to the entry before that signature.
 */
function lastDayHeld(known: { entries: readonly LedgerEntry[]; record: ChildRecord }, reader: Reader): LedgerEntry {
  const last = known.entries.at(-1)!;
  const handover = last.type === 'HandoverAccepted' ? known.record.handovers[String(last.data['handoverId'])] : undefined;
  const theirs = handover?.issued.actor.organisation === reader.actor.organisation;
  return theirs && known.entries.length > 1 ? known.entries.at(-2)! : last;
}

export function registerPromisesPages(app: FastifyInstance, services: LedgerServices): void {
  /**
   * Whose view of the promises: now, or for a reader whose relationship ended (a former school) as they stood on
   * the last day that reader can see: sessions expected and weeks without delivery are not counted past it.
   */
  const asSeenBy = ({ frame, known }: NonNullable<Awaited<ReturnType<typeof childFrame>>>, reader: Reader) => {
    const asOf = frame.capped ? lastDayHeld(known, reader).metadata.recordedAt : undefined;
    return {
      filter: { childId: frame.childId, ...(asOf === undefined ? {} : { asOf }) },
      on: englandDateOf(asOf ?? services.clock().toISOString()),
    };
  };

  app.get<{ Params: { childId: string }; Querystring: CursorQuery }>('/children/:childId/promises', async (request, reply) => {
    const reader = readerOf(request);
    const { childId } = request.params;
    const framed = await childFrame(services, reader, childId, 'promises', 'promises');
    if (!framed) return pageNotFound(request, reply);
    const { filter, on } = asSeenBy(framed, reader);
    const page = await promisePageVisibleTo(services, reader, filter, webPageRequest('promise', request.query, PER_PAGE));
    const views = page.nodes;
    const lines = new Map(views.map((view) => [view.provisionId, lineSummary(childId, view, on, framed.frame.capped)]));
    const groups = groupByLegalForce(views).map((group) => ({ ...group, lines: group.lines.map((view) => lines.get(view.provisionId)!) }));
    // The summary is of every line: on one page, the page's own; over several, the lines read whole once more.
    const paged = page.pageInfo.hasNextPage || page.pageInfo.hasPreviousPage === true;
    const every = paged ? await promisesVisibleTo(services, reader, filter) : views;
    const open = every.filter((v) => isOpen(v.status)).length;
    const standingOut = paged ? every.filter((v) => lineSummary(childId, v, on, framed.frame.capped).gap !== null).length : [...lines.values()].filter((line) => line.gap !== null).length;
    const thread = goldenThreadOfPlans(framed.known.record, every, on, childId);
    return renderPage(request, reply, 'promises.njk', {
      thread,
      pageTitle: `${framed.frame.name}: what was promised`,
      section: sectionOf(request),
      frame: framed.frame,
      groups,
      total: every.length,
      open,
      standingOut,
      pagination: cursorPagination(page, (cursor) => withCursor(`/children/${childId}/promises`, new URLSearchParams(), cursor), 'Pages of promises'),
      today: longDate(on),
      capped: framed.frame.capped,
    });
  });

  app.get<{ Params: { childId: string; provisionId: string } }>('/children/:childId/promises/:provisionId', async (request, reply) => {
    const reader = readerOf(request);
    const { childId, provisionId } = request.params;
    const framed = await childFrame(services, reader, childId, 'promises', 'promise');
    if (!framed || !UUID.test(provisionId)) return pageNotFound(request, reply);
    const { filter, on } = asSeenBy(framed, reader);
    const view = (await promisesVisibleTo(services, reader, filter)).find((v) => v.provisionId === provisionId);
    if (!view) return pageNotFound(request, reply);
    const entryHref = (eventId: string) => `/children/${childId}/entries/${eventId}`;
    const corrected = new Map(view.history.filter((v) => v.supersedes !== null).map((v) => [v.supersedes!, v]));
    return renderPage(request, reply, 'promise.njk', {
      pageTitle: `${view.terms.description}: ${framed.frame.name}`,
      section: sectionOf(request),
      frame: framed.frame,
      backLink: { href: `/children/${childId}/promises`, text: 'Back to what was promised' },
      line: lineSummary(childId, view, on, framed.frame.capped),
      thread: goldenThreadOfLine(framed.known.record, provisionId, on),
      versions: versionsInWords(view),
      varied: wordingVersions(view).length > 1,
      settingParts: settingPartsInWords(view),
      history: statusHistory(view, on),
      deliveries: [...view.delivery.deliveries]
        .sort((a, b) => b.on.localeCompare(a.on))
        .map((d) => ({
          href: entryHref(d.eventId),
          on: longDate(d.on),
          sessions: d.sessions,
          minutes: minutesInWords(d.minutes),
          by: `${d.deliveredBy.name} (${d.deliveredBy.role})`,
          recorded: ukDateTime(d.recordedAt),
          corrected: corrected.has(d.eventId) ? { href: entryHref(corrected.get(d.eventId)!.eventId), on: longDate(corrected.get(d.eventId)!.recordedAt) } : null,
        })),
      shortfalls: view.delivery.shortfalls.map((s) => ({
        href: entryHref(s.eventId),
        from: longDate(s.periodFrom),
        to: longDate(s.periodTo),
        missed: s.sessionsMissed,
        reason: s.reason,
        reported: longDate(s.recordedAt),
      })),
    });
  });
}

/** One provision line as the list shows it: what, who, how often, who promised it on whose authority, status, delivery. */
function lineSummary(childId: string, view: PromiseView, today: string, capped: boolean) {
  const status = statusInWords(view, capped ? 'then' : 'now');
  const gap = deliveryGap(view, today);
  const changes = wordingVersions(view).filter((v) => v.kind === 'varied').length;
  const rows: Row[] = [
    { key: 'Who delivers it', value: deliveredByInWords(view.terms.deliveredBy) },
    { key: 'How often and how long', value: howOftenInWords(view.terms) },
    { key: 'When', value: whenInWords(view.terms) },
    { key: 'Promised', value: `${promisedInWords(view)}, on the authority of ${authorityInWords(view.authority)}` },
    ...(changes > 0 ? [{ key: 'Changed', value: changes === 1 ? 'Once since it was promised' : `${changes} times since it was promised` }] : []),
    { key: 'Status', value: status.text },
    {
      key: 'Delivered',
      value: `${deliveredInWords(view)}${view.delivery.lastDeliveredOn ? `; the last recorded on ${longDate(view.delivery.lastDeliveredOn)}` : '; none recorded yet'}`,
    },
    { key: 'Missed sessions reported', value: shortfallsInWords(view) },
  ];
  return {
    provisionId: view.provisionId,
    href: `/children/${childId}/promises/${view.provisionId}`,
    description: view.terms.description,
    status,
    gap,
    rows,
    forceWords: legalForceInWords(view.legalForce.kind),
    forceTag: legalForceTag(view.legalForce.kind),
    dutyOn: view.legalForce.dutyOn,
    source: view.legalForce.source,
    deliveredInWords: deliveredInWords(view),
  };
}

/**
 * The golden thread of one line, in words: the needs in B and outcomes in E it serves, the reports it rests on, and
 * the flags on it. Only a line of a plan has one; a school's own SEN support line is not part of a plan's thread.
 */
function goldenThreadOfLine(record: ChildRecord, provisionId: string, on: string) {
  const line = record.provisions[provisionId];
  if (!line?.planId) return null;
  const planId = line.planId;
  const needs = (line.needIds ?? []).map((id) => record.needs.find((need) => need.needId === id)).filter((need) => need !== undefined);
  const outcomes = (line.outcomeIds ?? []).map((id) => record.outcomes[id]).filter((outcome) => outcome !== undefined);
  const note = goldenThreadNotes(record, on).find((n) => n.planId === planId);
  return {
    needs: needs.map((need) => `${capitalised(areaOfNeed(need.area))} (${need.rank} need): ${need.description}`),
    outcomes: outcomes.map((outcome) => outcome.description),
    evidence: (line.evidence ?? []).map((citation) => {
      const where = [citation.page === undefined ? '' : `page ${citation.page}`, citation.paragraph === undefined ? '' : `paragraph ${citation.paragraph}`].filter(Boolean).join(', ');
      return `${citation.author}, ${citation.role}, written on ${longDate(citation.writtenOn)}${where ? `: ${where}` : ''}`;
    }),
    note: note?.explanation ?? null,
    flags: goldenThreadFlags(record, on)
      .filter((flag) => flag.provisionId === provisionId)
      .map((flag) => ({ kind: flag.kind, heading: FLAG_HEADINGS[flag.kind], explanation: flag.explanation })),
  };
}

const FLAG_HEADINGS = {
  need_without_provision: 'A need with no provision',
  provision_without_need: 'Serves no need in section B',
  evidence_over_three_years_old: 'Evidence more than 3 years old',
  evidence_superseded: 'Evidence superseded by a later report',
  drafted_on_superseded_plan: 'Drafted on an earlier version of the plan',
} as const;

/**
 * The plan's golden thread on the list of promises: the needs in B no provision meets (a flag on the plan, not on a
 * line), and the lines the reader can see that carry a flag of their own, each linking to its page.
 */
function goldenThreadOfPlans(record: ChildRecord, visible: readonly PromiseView[], on: string, childId: string) {
  const flags = goldenThreadFlags(record, on);
  const needs = flags
    .filter((flag) => flag.kind === 'need_without_provision')
    .map((flag) => ({ heading: FLAG_HEADINGS[flag.kind], explanation: flag.explanation }));
  const lines = visible
    .map((view) => ({ view, count: flags.filter((flag) => flag.provisionId === view.provisionId).length }))
    .filter(({ count }) => count > 0)
    .map(({ view, count }) => ({ href: `/children/${childId}/promises/${view.provisionId}#golden-thread`, description: view.terms.description, count }));
  return needs.length + lines.length > 0 ? { needs, lines } : null;
}
