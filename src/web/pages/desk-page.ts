import type { FastifyInstance, FastifyRequest } from 'fastify';
import { noteCasesShown } from '../../application/cases-in-scope.js';
import { deskOf, type Whose } from '../../application/desk-of.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { addDays, englandDateOf } from '../../domain/calendar/iso-date.js';
import { familyOfRule } from '../../domain/statutory-clocks/rules.js';
import { legalSourceInWords } from '../presenters/clock-in-words.js';
import { longDate } from '../presenters/dates.js';
import { dueTag, DUE_WHAT } from './decision-words.js';
import { pageNotFound, readerOf, renderPage } from './page.js';
import { pageOf } from '../../application/paging.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';

/** Each rule's most pressing time limits on the desk; "see all" lists the rule's whole list a page at a time. */
const ROWS_PER_GROUP = 25;
const ROWS_PER_PAGE = 50;

/** Only an LA officer works a caseload of statutory cases: anyone else reads the desk as a page that is not there. */
export const worksCases = (request: FastifyRequest): boolean => request.actor?.role === 'la_officer';

/**
 * The caseworker's desk: every statutory duty of their cases, or their team's, overdue or due in the next four
 * weeks, grouped by rule (its title, period and law), each line linking to the child's case. Only the children on
 * the page are noted in the access log as read.
 */
export function registerDeskPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<{ Querystring: CursorQuery & { cases?: string; rule?: string } }>('/desk', async (request, reply) => {
    if (!worksCases(request)) return pageNotFound(request, reply);
    const reader = readerOf(request);
    const whose: Whose = request.query.cases === 'team' ? 'team' : 'mine';
    const today = englandDateOf(services.clock().toISOString());
    const desk = await deskOf(services, reader, whose, today);
    // One rule's time limits a page at a time; on the desk itself, each rule's most pressing few (a team's LA has thousands).
    const oneRule = desk.groups.find((group) => group.rule.id === request.query.rule);
    const listed = (oneRule ? [oneRule] : desk.groups).map((group) => {
      if (!oneRule) return { group, rows: group.clocks.slice(0, ROWS_PER_GROUP), pagination: null };
      const page = pageOf(group.clocks, (due) => [due.daysLeft, due.clock.childId, due.clock.startedBy.eventId], webPageRequest('deadline', request.query, ROWS_PER_PAGE));
      const filters = new URLSearchParams({ cases: whose, rule: group.rule.id });
      return { group, rows: page.nodes, pagination: cursorPagination(page, (cursor) => withCursor('/desk', filters, cursor), `Pages of ${group.rule.title}`) };
    });
    noteCasesShown(reader, [...new Set(listed.flatMap(({ rows }) => rows.map((due) => due.clock.childId)))].map((childId) => desk.cases.get(childId)!), 'desk');

    const inWords = listed.map(({ group, rows, pagination }) => ({
      id: `rule-${group.rule.id}`,
      more: oneRule ? 0 : group.clocks.length - rows.length,
      moreHref: `/desk?${new URLSearchParams({ cases: whose, rule: group.rule.id }).toString()}`,
      pagination,
      title: group.rule.title.replace(/\bLA\b/g, 'local authority'),
      law: `${group.period ? `Within ${group.period}. ` : ''}${legalSourceInWords(group.legalSource)}`,
      setByLaw: !(group.rule.obligation.kind === 'duty' && group.rule.obligation.holder === 'setting'),
      count: group.clocks.length,
      overdue: group.overdue,
      rows: rows.map((due) => {
        const listed = desk.cases.get(due.clock.childId)!;
        return {
          name: listed.listing.name,
          href: `/children/${due.clock.childId}/case`,
          what: `${DUE_WHAT[group.rule.id] ?? group.rule.title}, counted from ${longDate(due.clock.triggerDate)}`,
          dueOn: longDate(due.dueOn),
          exceptions: due.clock.exceptionApplied,
          tag: dueTag(due.daysLeft),
          caseworker: listed.listing.caseworker?.displayName ?? null,
        };
      }),
    }));
    // What a tribunal ordered (or the LA conceded) is read apart, first: an order not complied with is a breach of the order itself.
    const isTribunal = (group: { rule: { id: string } }) => !oneRule && familyOfRule(group.rule.id) !== null;
    const groups = inWords.filter((_, index) => !isTribunal(listed[index]!.group));
    const tribunalOrders = inWords
      .filter((_, index) => isTribunal(listed[index]!.group))
      .flatMap((group) => group.rows.map((row) => ({ ...row, href: row.href.replace(/\/case$/, '/appeal'), what: group.title, law: group.law })));
    return renderPage(request, reply, 'desk.njk', {
      pageTitle: whose === 'mine' ? 'My cases – my desk' : "My team's cases – my desk",
      section: 'desk',
      whose,
      counts: desk.counts,
      today,
      windowEnds: longDate(addDays(today, desk.windowDays)),
      groups,
      tribunalOrders,
      tribunalMore: inWords.filter((group, index) => isTribunal(listed[index]!.group) && group.more > 0).map((g) => ({ title: g.title, href: g.moreHref, count: g.count })),
      oneRule: oneRule ? { title: oneRule.rule.title.replace(/\bLA\b/g, 'local authority'), backHref: `/desk?cases=${whose}` } : null,
      overdue: desk.groups.reduce((sum, group) => sum + group.overdue, 0),
      dueSoon: desk.groups.reduce((sum, group) => sum + group.clocks.length - group.overdue, 0),
    });
  });
}
