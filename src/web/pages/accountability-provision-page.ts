import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { provisionQualityPage } from '../../application/provision-quality-of.js';
import { SPECIFICITY_FLAG_CODES, type SpecificityFlagCode } from '../../domain/provision-quality/specificity.js';
import { unspecificProvisionChart } from '../charts/unspecific-provision-chart.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';
import { legalForceTag } from '../presenters/legal-force.js';
import { provisionSection } from '../presenters/record-vocabulary.js';
import { FLAG_REASONS, flagReason } from './accountability-words.js';
import { readerOf, renderPage } from './page.js';

/** Flagged lines on one page. */
const PER_PAGE = 25;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const reasonAsked = (reason: string | undefined): SpecificityFlagCode | null =>
  SPECIFICITY_FLAG_CODES.includes(reason as SpecificityFlagCode) ? (reason as SpecificityFlagCode) : null;

/**
 * Provision quality: how many of the LA's provision lines still owed today are not specific and quantified
 * (SEND Code of Practice 9.69), why, as a chart and a table, and then the flagged lines themselves a page at a
 * time, each with its child and linked to the line on the child's promises. Only the children on the page are
 * read (and noted in their access log); the rest count in the figures only.
 */
export async function provisionQualityPageOf(services: LedgerServices, request: FastifyRequest<{ Querystring: CursorQuery & { reason?: string } }>, reply: FastifyReply) {
  const reader = readerOf(request);
  const reason = reasonAsked(request.query.reason);
  const { quality, page } = await provisionQualityPage(services, reader, reader.actor.organisation, reason, webPageRequest('promise', request.query, PER_PAGE));
  // The commonest reason first, in the table as in the chart beside it.
  const reasons = quality.flagsByCode.map(({ code, count }) => ({ code, reason: flagReason(code), count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const filters = new URLSearchParams(reason ? { reason } : {});
  const start = (page.offset ?? 0) + 1;
  return renderPage(request, reply, 'accountability-provision-quality.njk', {
    pageTitle: reason ? `Provision quality: ${flagReason(reason)}` : 'Provision quality',
    section: 'accountability',
    tab: 'provision-quality',
    quality,
    reasons,
    chart: reasons.length ? await unspecificProvisionChart(reasons) : null,
    reason,
    reasonText: reason ? flagReason(reason) : null,
    reasonItems: [
      { value: '', text: 'Every reason', selected: reason === null },
      ...SPECIFICITY_FLAG_CODES.map((code) => ({ value: code, text: FLAG_REASONS[code], selected: code === reason })),
    ],
    showing: page.nodes.length ? { from: start, to: start + page.nodes.length - 1, of: page.totalCount } : null,
    lines: page.nodes.map((line) => ({
      childName: line.childName,
      childHref: `/children/${line.childId}/promises`,
      href: `/children/${line.childId}/promises/${line.provisionId}`,
      description: line.description,
      where: capital(provisionSection(line.section)),
      tag: legalForceTag(line.legalForce.kind),
      notSpecific: line.notSpecific,
      flags: line.flags.map((flag) => ({ reason: flagReason(flag.code), evidence: flag.evidence, message: flag.message, legal: flag.severity === 'legal' })),
    })),
    pagination: cursorPagination(page, (cursor) => withCursor('/accountability/provision-quality', filters, cursor), 'Pages of flagged provision'),
  });
}
