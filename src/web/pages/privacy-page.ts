import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accessAcrossLa, type AccessFilter } from '../../application/access-across-la.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { subjectAccessExport } from '../../application/subject-access-export.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { accessEntryInWords, namingFor } from '../presenters/access-in-words.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';
import { personWithRole, roleName } from '../presenters/roles.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

/** Reads on one page. */
const PER_PAGE = 25;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type PrivacyQuery = CursorQuery & { child?: string; person?: string; role?: string; outcome?: string };

const isPrivacyOfficer = (request: FastifyRequest) => request.actor?.role === 'privacy_officer';

/** The filters asked for, each kept only if it is one the form offers: the address bar is not a form. */
function filterOf(query: PrivacyQuery): AccessFilter {
  return {
    ...(query.child && UUID.test(query.child) ? { childId: query.child } : {}),
    ...(query.person && query.person.length <= 200 ? { actorId: query.person } : {}),
    ...(query.role && /^[a-z_]{1,40}$/.test(query.role) ? { role: query.role } : {}),
    ...(query.outcome === 'read' || query.outcome === 'refused' ? { outcome: query.outcome } : {}),
  };
}

/**
 * For the LA's privacy officer: every read of the LA's children's records and every refused attempt, newest first,
 * filtered by child, person, role and outcome with a plain GET form; and for one child, everything the privacy
 * officer may export for a subject access request. Anyone else reads these pages as not found.
 */
export function registerPrivacyPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<{ Querystring: PrivacyQuery }>('/privacy', async (request, reply) => {
    if (!isPrivacyOfficer(request)) return pageNotFound(request, reply);
    const reader = readerOf(request);
    const filter = filterOf(request.query);
    const found = await accessAcrossLa(services, reader, filter, webPageRequest('access', request.query, PER_PAGE));
    const childOf = new Map(found.children.map((child) => [child.childId, child]));
    // Schools by name from every child's record: a refused attempt comes from a school the child never attended.
    const settings = new Map<string, string>();
    for (const child of found.children) for (const [urn, name] of namingFor(child.record, reader.actor.id, []).settings) settings.set(urn, name);
    const rows = found.page.nodes.map((entry) => {
      const child = childOf.get(entry.childId)!;
      const words = accessEntryInWords(entry, { ...namingFor(child.record, reader.actor.id, []), settings });
      return { ...words, childName: child.name, childHref: `/children/${entry.childId}/access` };
    });
    const filters = new URLSearchParams();
    if (filter.childId) filters.set('child', filter.childId);
    if (filter.actorId) filters.set('person', filter.actorId);
    if (filter.role) filters.set('role', filter.role);
    if (filter.outcome) filters.set('outcome', filter.outcome);
    const chosenChild = filter.childId ? childOf.get(filter.childId) : undefined;
    const start = (found.page.offset ?? 0) + 1;
    return renderPage(request, reply, 'privacy.njk', {
      pageTitle: 'Reads and refusals',
      section: 'privacy',
      rows,
      total: found.page.totalCount,
      showing: rows.length ? { from: start, to: start + rows.length - 1 } : null,
      filtered: filters.size > 0,
      capped: found.capped,
      childItems: [{ value: '', text: 'Every child' }, ...found.children.map((c) => ({ value: c.childId, text: c.name, selected: c.childId === filter.childId }))],
      personItems: [
        { value: '', text: 'Everyone' },
        ...found.people.map((p) => ({ value: p.id, text: personWithRole({ displayName: p.name ?? undefined, role: p.role }), selected: p.id === filter.actorId })),
      ],
      roleItems: [{ value: '', text: 'Every role' }, ...found.roles.map((role) => ({ value: role, text: roleName(role), selected: role === filter.role }))],
      outcomeItems: [
        { value: '', text: 'Reads and refusals', checked: !filter.outcome },
        { value: 'read', text: 'Reads only', checked: filter.outcome === 'read' },
        { value: 'refused', text: 'Refused attempts only', checked: filter.outcome === 'refused' },
      ],
      chosenChild: chosenChild ? { name: chosenChild.name, exportHref: `/privacy/children/${chosenChild.childId}/subject-access.json` } : null,
      pagination: cursorPagination(found.page, (cursor) => withCursor('/privacy', filters, cursor), 'Pages of reads and refusals'),
    });
  });

  app.get<{ Params: { childId: string } }>('/privacy/children/:childId/subject-access.json', async (request, reply) => {
    if (!isPrivacyOfficer(request) || !UUID.test(request.params.childId)) return pageNotFound(request, reply);
    const exported = await subjectAccessExport(services, readerOf(request), request.params.childId);
    if (!exported) return pageNotFound(request, reply);
    // Named by the day, not the child: a file name is seen in download lists and folders.
    const day = englandDateOf(exported.exportedAt);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="subject-access-export-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(exported, null, 2));
  });
}
