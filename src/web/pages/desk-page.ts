import type { FastifyInstance, FastifyRequest } from 'fastify';
import { noteCasesShown } from '../../application/cases-in-scope.js';
import { deskOf, type Whose } from '../../application/desk-of.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { addDays, englandDateOf } from '../../domain/calendar/iso-date.js';
import { legalSourceInWords } from '../presenters/clock-in-words.js';
import { longDate } from '../presenters/dates.js';
import { dueTag, DUE_WHAT } from './decision-words.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

/** Only an LA officer works a caseload of statutory cases: anyone else reads the desk as a page that is not there. */
export const worksCases = (request: FastifyRequest): boolean => request.actor?.role === 'la_officer';

/**
 * The caseworker's desk: every statutory duty of their cases, or their team's, overdue or due in the next four
 * weeks, grouped by rule (its title, period and law), each line linking to the child's case.
 */
export function registerDeskPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<{ Querystring: { cases?: string } }>('/desk', async (request, reply) => {
    if (!worksCases(request)) return pageNotFound(request, reply);
    const reader = readerOf(request);
    const whose: Whose = request.query.cases === 'team' ? 'team' : 'mine';
    const today = englandDateOf(services.clock().toISOString());
    const desk = await deskOf(services, reader, whose, today);
    noteCasesShown(reader, desk.shown, 'desk');

    const groups = desk.groups.map((group) => ({
      id: `rule-${group.rule.id}`,
      title: group.rule.title.replace(/\bLA\b/g, 'local authority'),
      law: `${group.period ? `Within ${group.period}. ` : ''}${legalSourceInWords(group.legalSource)}`,
      setByLaw: !(group.rule.obligation.kind === 'duty' && group.rule.obligation.holder === 'setting'),
      count: group.clocks.length,
      overdue: group.overdue,
      rows: group.clocks.map((due) => {
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
    return renderPage(request, reply, 'desk.njk', {
      pageTitle: whose === 'mine' ? 'My cases – my desk' : "My team's cases – my desk",
      section: 'desk',
      whose,
      counts: desk.counts,
      today,
      windowEnds: longDate(addDays(today, desk.windowDays)),
      groups,
      overdue: groups.reduce((sum, group) => sum + group.overdue, 0),
      dueSoon: groups.reduce((sum, group) => sum + group.count - group.overdue, 0),
    });
  });
}
