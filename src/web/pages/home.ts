import type { FastifyInstance } from 'fastify';
import { childrenVisibleTo } from '../../application/child-records.js';
import { childRecordAsOf } from '../../application/child-record-as-of.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { readerOf, renderPage } from './page.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES } from '../../domain/roles.js';

/** A family has a few children; a school's or an LA's hundreds are on their caseload and desk pages. */
const LISTED = 50;

const HEADINGS: Partial<Record<string, string>> = {
  parent_carer: "Your children's records",
  young_person: 'Your record',
  privacy_officer: "Who has looked at children's records",
};

/**
 * The start page once signed in: the children whose records the person may read now. An advocate's start page
 * is their cases, a school's its caseload, an LA officer's their desk.
 */
export function registerHomePage(app: FastifyInstance, services: LedgerServices): void {
  app.get('/', async (request, reply) => {
    const reader = readerOf(request);
    if (reader.actor.role === 'advocate' || reader.actor.role === 'tribunal') return reply.redirect('/cases', 303);
    // A school's and an LA's hundreds of children are worked from their caseload and desk, with filters and what is due.
    if ((SETTING_ROLES as readonly string[]).includes(reader.actor.role)) return reply.redirect('/caseload', 303);
    if ((LOCAL_AUTHORITY_ROLES as readonly string[]).includes(reader.actor.role)) return reply.redirect('/desk', 303);
    // A privacy officer reads who has looked at each of the LA's children's records, not the records.
    const kind = reader.actor.role === 'privacy_officer' ? 'access_log' : 'record';
    const visible = await childrenVisibleTo(services, reader, {}, kind);
    const children = [];
    for (const { childId } of visible.slice(0, LISTED)) {
      const known = await childRecordAsOf(services, reader, childId, 'home', undefined, kind);
      if (!known) continue;
      children.push({
        childId,
        href: kind === 'access_log' ? `/children/${childId}/access` : `/children/${childId}`,
        name: known.record.profile?.displayName ?? 'Child',
        dateOfBirth: known.record.profile?.dateOfBirth,
        setting: known.record.onRoll?.name,
      });
    }
    children.sort((a, b) => a.name.localeCompare(b.name));
    return renderPage(request, reply, 'home.njk', { pageTitle: HEADINGS[reader.actor.role] ?? 'Children you work with', section: 'home', children, total: visible.length });
  });
}
