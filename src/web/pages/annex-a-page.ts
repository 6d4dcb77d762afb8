import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annexAOf } from '../../application/annex-a-of.js';
import { BadInput } from '../../application/bad-input.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { cellOf, type AnnexAList, type AnnexALists } from '../../domain/returns/annex-a/index.js';
import { annexACsv } from '../../reports/annex-a/annex-a-csv.js';
import { annexAFileName, AS_OF_NOTE, NEEDS_NOTE, notHeldNotes, PROVENANCE } from '../../reports/annex-a/annex-a-notes.js';
import { annexAWorkbook } from '../../reports/annex-a/annex-a-workbook.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { longDate } from '../presenters/dates.js';
import { laInWords } from './caseload-page.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

type AsOfQuery = { asOf?: string; 'asOf-day'?: string; 'asOf-month'?: string; 'asOf-year'?: string };

/** The LA's name where the service knows it; null, and the code alone, where it does not. */
const laNameOf = (laCode: string): string | null => {
  const words = laInWords(laCode);
  return words === `LA ${laCode}` ? null : words;
};

/** The day asked for: typed into the date input, or given as YYYY-MM-DD by a download link; today when neither. */
function dayAsked(query: AsOfQuery, today: string): DateInputValue {
  const typed = dateInputFrom(query as Record<string, unknown>, 'asOf');
  if (typed.iso !== undefined) return typed;
  if (typeof query.asOf !== 'string' || query.asOf === '') return dateInputOf(today);
  // Shown back in the date input as it was given; what is not a date at all is refused by the application, naming it.
  return /^\d{4}-\d{2}-\d{2}$/.test(query.asOf) ? dateInputOf(query.asOf) : { day: '', month: '', year: '', iso: query.asOf, missing: [] };
}

interface Refusal {
  errorSummary: Array<{ text: string; href: string }>;
  errors: Record<string, string>;
}

/**
 * A day the application refused (BAD_INPUT naming asOf), in the words of the date input: which part is missing, or
 * that it is no real date, or a day still to come. Anything else is not a refusal and is thrown on.
 */
function refusalOf(error: unknown, date: DateInputValue): Refusal | null {
  if (!(error instanceof BadInput) || error.field !== 'asOf') return null;
  const partial = date.missing.length > 0 && date.missing.length < 3;
  const text = partial
    ? `The date must include a ${date.missing.join(' and a ')}`
    : /today or earlier/.test(error.message)
      ? 'The date must be today or earlier'
      : 'The date must be a real date';
  return { errorSummary: [{ text, href: `#asOf-${partial ? date.missing[0] : 'day'}` }], errors: { asOf: text } };
}

type Found = { kind: 'lists'; date: DateInputValue; lists: AnnexALists | null } | { kind: 'refused'; date: DateInputValue; refusal: Refusal };

/** The lists as of the day asked (null: not found), or the page's refusal of the day (error summary and message). */
async function listsFor(services: LedgerServices, request: FastifyRequest<{ Querystring: AsOfQuery }>): Promise<Found> {
  const today = englandDateOf(services.clock().toISOString());
  const date = dayAsked(request.query, today);
  const reader = readerOf(request);
  const laCode = reader.actor.organisation;
  try {
    return { kind: 'lists', date, lists: await annexAOf(services, reader, { laCode, asOf: date.iso!, laName: laNameOf(laCode) }) };
  } catch (error) {
    const refusal = refusalOf(error, date);
    if (!refusal) throw error;
    return { kind: 'refused', date, refusal };
  }
}

/** A few columns of a list for the page: who, where, and the date that matters most on that list. */
function preview(list: AnnexAList, keyDate: string) {
  const column = (key: string) => list.columns.find((c) => c.key === key)!;
  const say = (row: AnnexAList['rows'][number], key: string) => {
    const cell = cellOf(row, column(key));
    return cell.kind === 'date' ? longDate(cell.date) : cell.kind === 'text' || cell.kind === 'none' ? cell.text : cell.kind === 'yes_no' ? (cell.yes ? 'Yes' : 'No') : '';
  };
  return list.rows.map((row) => ({ name: say(row, 'name'), setting: say(row, 'setting'), keyDate: say(row, keyDate), overdue: say(row, 'reviewOverdue') }));
}

const PAGE = { pageTitle: 'Annex A lists for an area SEND inspection', section: 'accountability', tab: 'annex-a' };

/** The page again with the day refused: the GOV.UK error summary and the message by the date, nothing listed. */
function refused(request: FastifyRequest, reply: FastifyReply, found: Extract<Found, { kind: 'refused' }>) {
  const { errorSummary, errors } = found.refusal;
  const la = laNameOf(request.actor!.organisation);
  return renderPage(request, reply, 'annex-a.njk', { ...PAGE, pageTitle: `Error: ${PAGE.pageTitle}`, la, asOfItems: dateInputItems(found.date, true), errorSummary, errors }, 400);
}

const generatedBy = (request: FastifyRequest) => `${request.actor!.displayName} (${request.actor!.role === 'la_officer' ? 'local authority officer' : request.actor!.role})`;

/** A download of the lists: attachment, named for the LA and the day, never cached (it is children's data). */
function download(reply: FastifyReply, body: Buffer | string, type: string, fileName: string) {
  return reply.code(200).type(type).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store').send(body);
}

/**
 * Annex A, for an LA officer and their own LA: the lists an area SEND inspection asks for, as of a day chosen with a
 * plain GET form (today by default), with the count on each list, the columns the ledger does not hold and why, and
 * the lists to download as a workbook or as CSV. Anyone else reads every one of these addresses as not found.
 */
export function registerAnnexAPages(app: FastifyInstance, services: LedgerServices): void {
  const laOfficer = (request: FastifyRequest) => request.actor?.role === 'la_officer';

  app.get<{ Querystring: AsOfQuery }>('/accountability/annex-a', async (request, reply) => {
    if (!laOfficer(request)) return pageNotFound(request, reply);
    const found = await listsFor(services, request);
    if (found.kind === 'refused') return refused(request, reply, found);
    const lists = found.lists;
    if (!lists) return pageNotFound(request, reply);
    return renderPage(request, reply, 'annex-a.njk', {
      ...PAGE,
      asOfItems: dateInputItems(found.date),
      errors: {},
      la: lists.laName ?? `local authority ${lists.laCode}`,
      asOf: lists.asOf,
      list1Count: lists.list1.rows.length,
      list2Count: lists.list2.rows.length,
      list1: preview(lists.list1, 'planIssued'),
      list2: preview(lists.list2, 'reviewDue'),
      notHeld: notHeldNotes(lists),
      provenance: PROVENANCE,
      needsNote: NEEDS_NOTE,
      asOfNote: AS_OF_NOTE,
      downloads: {
        xlsx: { href: `/accountability/annex-a.xlsx?asOf=${lists.asOf}`, fileName: annexAFileName(lists, 'xlsx') },
        list1: { href: `/accountability/annex-a-list-1.csv?asOf=${lists.asOf}`, fileName: annexAFileName(lists, 'list-1') },
        list2: { href: `/accountability/annex-a-list-2.csv?asOf=${lists.asOf}`, fileName: annexAFileName(lists, 'list-2') },
      },
    });
  });

  /** Each download answers a bad day with the page's own refusal (it is reached from the page), others as not found. */
  const downloadRoute = (path: string, send: (lists: AnnexALists, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    app.get<{ Querystring: AsOfQuery }>(path, async (request, reply) => {
      if (!laOfficer(request)) return pageNotFound(request, reply);
      const found = await listsFor(services, request);
      if (found.kind === 'refused') return refused(request, reply, found);
      return found.lists ? send(found.lists, request, reply) : pageNotFound(request, reply);
    });

  downloadRoute('/accountability/annex-a.xlsx', async (lists, request, reply) =>
    download(reply, await annexAWorkbook(lists, { at: services.clock(), by: generatedBy(request) }), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', annexAFileName(lists, 'xlsx')),
  );
  downloadRoute('/accountability/annex-a-list-1.csv', async (lists, _request, reply) => download(reply, annexACsv(lists.list1), 'text/csv; charset=utf-8', annexAFileName(lists, 'list-1')));
  downloadRoute('/accountability/annex-a-list-2.csv', async (lists, _request, reply) => download(reply, annexACsv(lists.list2), 'text/csv; charset=utf-8', annexAFileName(lists, 'list-2')));
}
