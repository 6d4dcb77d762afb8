import type { FastifyInstance } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { casesOf, type ConsentScope } from '../../application/cases-of.js';
import { mayRead } from '../../domain/access/read-access.js';
import { pageNotFound, readerOf, renderPage } from './page.js';
import { pageOf } from '../../application/paging.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';

/** Cases on one page. */
const PER_PAGE = 25;

/** Who reads children's records by a family's consent, and so has cases. */
const READS_BY_CONSENT = new Set(['advocate', 'tribunal']);

/** What a consent grant lets its holder do, in the family's words. */
const SCOPE_IN_WORDS: Record<ConsentScope, string> = {
  record: "Read the child's record",
  audit_trail: 'See the history of every entry and its corrections',
  handover_pack: 'Read handover packs between schools',
  evidence_export: 'Export evidence for a tribunal',
};

/** Each thing a grant allows, in words, in the order the family chose them. */
export const scopeInWords = (scope: readonly ConsentScope[]): string[] => scope.map((s) => SCOPE_IN_WORDS[s]);

/**
 * "My cases": for an advocate or the tribunal, each child whose family has given them consent that is in force
 * today, who gave it, what it covers and until when, with the record's pages. Anyone else gets "not found".
 */
export function registerCasesPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<{ Querystring: CursorQuery }>('/cases', async (request, reply) => {
    const reader = readerOf(request);
    if (!READS_BY_CONSENT.has(reader.actor.role)) return pageNotFound(request, reply);
    // By the child's name as the page lists them, the id settling two children of one name.
    const page = pageOf(await casesOf(services, reader), (c) => [c.name, c.childId], webPageRequest('case', request.query, PER_PAGE));
    const cases = page.nodes.map((c) => {
      const base = `/children/${c.childId}`;
      const links = [
        ...(mayRead(c.access, 'record')
          ? [
              { href: base, text: 'Record' },
              { href: `${base}/promises`, text: 'What was promised' },
              { href: `${base}/deadlines`, text: 'Deadlines' },
            ]
          : []),
        ...(mayRead(c.access, 'evidence_export') ? [{ href: `${base}/evidence`, text: 'Evidence for a tribunal' }] : []),
      ];
      return {
        childId: c.childId,
        name: c.name,
        dateOfBirth: c.dateOfBirth,
        setting: c.setting,
        links,
        grants: c.grants.map((g) => ({ ...g, covers: scopeInWords(g.scope) })),
      };
    });
    return renderPage(request, reply, 'cases.njk', {
      pageTitle: 'My cases',
      section: 'cases',
      cases,
      total: page.totalCount,
      pagination: cursorPagination(page, (cursor) => withCursor('/cases', new URLSearchParams(), cursor), 'Pages of cases'),
    });
  });
}
