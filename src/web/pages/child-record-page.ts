import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditTrailOf, type AuditTrail } from '../../application/audit-trail-of.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { mayRead } from '../../domain/access/read-access.js';
import { judgementInWords } from '../presenters/clock-judgement-words.js';
import { longDate, ukDateTime } from '../presenters/dates.js';
import { entryDataInWords } from '../presenters/entry-data-in-words.js';
import { entryContext, entryInWords, entryReference, type EntryContext } from '../presenters/entry-in-words.js';
import { ENTRY_KIND_LABELS, ENTRY_KINDS, entryKindOf, entryMatchesKinds, isEntryKind, type EntryKind } from '../presenters/entry-kinds.js';
import { personWithRole } from '../presenters/roles.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';
import { pageOf, type SortKey } from '../../application/paging.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';

type TrailEntry = AuditTrail['entries'][number];

/** Entries on one page of the timeline: enough to scan, few enough to read. */
const PER_PAGE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sectionOf = (request: FastifyRequest) => (request.actor?.role === 'advocate' || request.actor?.role === 'tribunal' ? 'cases' : 'home');

interface RecordQuery extends CursorQuery {
  kind?: string | string[];
  late?: string;
}

/**
 * Newest first by when it happened, then by place in the record. Both are fixed once an entry is recorded, so an
 * entry recorded while someone reads (even one that happened long ago) never repeats or hides a line on their next page.
 */
const timelineKey = (entry: TrailEntry): SortKey => [-Date.parse(entry.occurredAt), -entry.streamRevision];

/**
 * "My child's record": every entry the reader may read as a timeline, newest first, each in words with who
 * recorded it, when it happened and when it was recorded, late entries and corrections marked; and each entry
 * in full on its own page, its ledger details one click away.
 */
export function registerChildRecordPages(app: FastifyInstance, services: LedgerServices): void {
  const trailDeps = { ...services, lateThresholdDays: services.config.LATE_ENTRY_THRESHOLD_DAYS };

  app.get<{ Params: { childId: string }; Querystring: RecordQuery }>('/children/:childId', async (request, reply) => {
    const reader = readerOf(request);
    const { childId } = request.params;
    const framed = await childFrame(services, reader, childId, 'record', 'record');
    if (!framed) return pageNotFound(request, reply);
    const { frame, known } = framed;
    const base = { pageTitle: `${frame.name}: the record`, frame, section: sectionOf(request) };
    // A consent that covers the record but not its entries: say so rather than ask, and be refused, for them.
    if (!mayRead(known.access, 'audit_trail')) return renderPage(request, reply, 'child-record.njk', { ...base, noTrail: true });
    const trail = await auditTrailOf(trailDeps, reader, childId);
    if (!trail) return pageNotFound(request, reply);

    const kinds = [request.query.kind ?? []].flat().filter(isEntryKind);
    const lateOnly = request.query.late === 'yes';
    const context = entryContext(trail.entries);
    const matching = trail.entries.filter((entry) => entryMatchesKinds(entry, kinds) && (!lateOnly || recordedLate(entry)));
    const page = pageOf(matching, timelineKey, webPageRequest('timeline-entry', request.query, PER_PAGE));

    const counts = new Map<EntryKind, number>(ENTRY_KINDS.map((kind) => [kind, trail.entries.filter((e) => entryMatchesKinds(e, [kind])).length]));
    const filters = new URLSearchParams();
    for (const kind of kinds) filters.append('kind', kind);
    if (lateOnly) filters.set('late', 'yes');
    const from = page.offset ?? 0;

    return renderPage(request, reply, 'child-record.njk', {
      ...base,
      kindOptions: ENTRY_KINDS.map((kind) => ({
        value: kind,
        text: `${ENTRY_KIND_LABELS[kind].text} (${counts.get(kind)})`,
        hint: { text: ENTRY_KIND_LABELS[kind].hint },
        checked: kinds.includes(kind),
      })),
      lateOnly,
      lateCount: trail.entries.filter(recordedLate).length,
      lateThresholdDays: trail.lateThresholdDays,
      filtered: kinds.length > 0 || lateOnly,
      filteredBy: [...kinds.map((kind) => ENTRY_KIND_LABELS[kind].text.toLowerCase()), ...(lateOnly ? ['recorded late'] : [])],
      total: trail.entries.length,
      matching: matching.length,
      from: page.nodes.length === 0 ? 0 : from + 1,
      to: from + page.nodes.length,
      paged: page.pageInfo.hasNextPage === true || page.pageInfo.hasPreviousPage === true,
      items: page.nodes.map((entry) => timelineItem(childId, entry, context)),
      pagination: cursorPagination(page, (cursor) => withCursor(`/children/${childId}`, filters, cursor), 'Pages of entries'),
    });
  });

  app.get<{ Params: { childId: string; eventId: string } }>('/children/:childId/entries/:eventId', async (request, reply) => {
    const reader = readerOf(request);
    const { childId, eventId } = request.params;
    const framed = await childFrame(services, reader, childId, 'record', 'entry');
    if (!framed || !mayRead(framed.known.access, 'audit_trail') || !UUID.test(eventId)) return pageNotFound(request, reply);
    const trail = await auditTrailOf(trailDeps, reader, childId);
    const entry = trail?.entries.find((e) => e.eventId === eventId);
    if (!trail || !entry) return pageNotFound(request, reply);

    const context = entryContext(trail.entries);
    const words = entryInWords(entry, context);
    const provisionId = typeof entry.data['provisionId'] === 'string' ? entry.data['provisionId'] : null;
    return renderPage(request, reply, 'entry.njk', {
      pageTitle: `${words.title}: ${framed.frame.name}`,
      section: sectionOf(request),
      frame: framed.frame,
      backLink: { href: `/children/${childId}`, text: 'Back to the record' },
      ...timelineItem(childId, entry, context),
      kind: ENTRY_KIND_LABELS[entryKindOf(entry.type)].text,
      dataLines: entryDataInWords(entry, context),
      framework: entry.legalFramework.title,
      clocks: entry.judgedBy.map(judgementInWords),
      promiseHref: provisionId && context.provisions.has(provisionId) ? `/children/${childId}/promises/${provisionId}` : null,
      ledger: [
        { key: 'Entry id', value: entry.eventId },
        { key: 'Entry type, as stored', value: entry.type },
        { key: 'Position in the ledger', value: String(entry.globalPosition) },
        { key: "Position in the child's record (from 0)", value: String(entry.streamRevision) },
        { key: 'Hash', value: entry.hash },
        { key: 'Previous hash', value: entry.previousHash },
        { key: 'Correlation id', value: entry.correlationId },
        { key: 'Causation id', value: entry.causationId },
        ...(entry.idempotencyKey ? [{ key: 'Idempotency key', value: entry.idempotencyKey }] : []),
        { key: 'Happened at (as claimed)', value: entry.occurredAt },
        { key: 'Recorded at (server time)', value: entry.recordedAt },
        { key: 'Recorded by (actor id)', value: entry.actor.id },
        ...entry.judgedBy.map((j) => ({ key: 'Time limit rule', value: `${j.ruleId}, version ${j.ruleVersion}: ${j.as}` })),
      ],
      storedData: Object.entries(entry.data).map(([key, value]) => ({ key, value: JSON.stringify(value) })),
    });
  });
}

/** One entry as the timeline and the entry page show it. */
function timelineItem(childId: string, entry: TrailEntry, context: EntryContext) {
  const words = entryInWords(entry, context);
  const entryHref = (id: string) => `/children/${childId}/entries/${id}`;
  const corrections = entry.supersededBy.flatMap((id) => {
    const correction = context.entries.get(id);
    if (!correction) return [];
    const data = correction.data as { reason?: string; retracted?: boolean };
    return [{
      href: entryHref(id),
      on: longDate(correction.recordedAt),
      by: personWithRole(correction.actor),
      retracted: data.retracted === true,
      reason: typeof data.reason === 'string' ? data.reason : '',
    }];
  });
  return {
    eventId: entry.eventId,
    href: entryHref(entry.eventId),
    title: words.title,
    sentence: words.sentence,
    said: words.said,
    by: personWithRole(entry.actor),
    occurredAt: entry.occurredAt,
    happened: longDate(entry.occurredAt),
    recorded: ukDateTime(entry.recordedAt),
    lateByDays: recordedLate(entry) ? entry.recordedLateByDays : null,
    imported: entry.importedFrom ? `from ${entry.importedFrom.source}, row ${entry.importedFrom.row}, on ${longDate(entry.recordedAt)}` : null,
    corrections,
    corrects: entry.supersedes ? { href: entryHref(entry.supersedes), reference: entryReference(context, entry.supersedes) } : null,
    retraction: entry.type === 'EntryCorrected' && (entry.data as { retracted?: boolean }).retracted === true,
  };
}

/** An imported entry was recorded long after its date because it came from another system, not because someone was late. */
const recordedLate = (entry: { late: boolean; importedFrom: unknown }) => entry.late && !entry.importedFrom;
