import type { FastifyInstance } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { childDeadlines } from '../../application/deadlines-in-scope.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { deadlinesInWords } from '../presenters/clock-in-words.js';
import { holdsTheRights } from '../presenters/reader-relationship.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';
import { deadlinesPage } from '../../application/deadlines-page.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';

/** Time limits on one page: a long record's whole history of them fits on one or two. */
const PER_PAGE = 50;

/**
 * Deadlines: every time limit the law sets on this child's record, what is due and by when, what was done late
 * and by how much, each with its law in words; and apart, the family's own right to appeal and how long is left.
 */
export function registerDeadlinesPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<{ Params: { childId: string }; Querystring: CursorQuery }>('/children/:childId/deadlines', async (request, reply) => {
    const reader = readerOf(request);
    const { childId } = request.params;
    const found = await childFrame(services, reader, childId, 'deadlines', 'deadlines');
    if (!found) return pageNotFound(request, reply);
    const today = englandDateOf(services.clock().toISOString());
    const clocks = await childDeadlines(services, reader, childId, today, 'deadlines');
    const readerHoldsTheRight = holdsTheRights(found.known.access);
    // Soonest due first, a page at a time; the summary above the lists counts every clock.
    const page = deadlinesPage(clocks, {}, webPageRequest('deadline', request.query, PER_PAGE));
    const shown = deadlinesInWords(page.nodes, found.known.record, today, readerHoldsTheRight);
    return renderPage(request, reply, 'deadlines.njk', {
      pageTitle: `Deadlines – ${found.frame.name}`,
      frame: found.frame,
      today,
      readerHoldsTheRight,
      deadlines: { ...shown, summary: deadlinesInWords(clocks, found.known.record, today, readerHoldsTheRight).summary },
      pagination: cursorPagination(page, (cursor) => withCursor(`/children/${childId}/deadlines`, new URLSearchParams(), cursor), 'Pages of deadlines'),
    });
  });
}
