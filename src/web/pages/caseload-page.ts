import type { FastifyInstance } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { caseloadFiltersFrom, caseloadOf, type CaseloadFilters, type CaseloadLine } from '../../application/caseload-of.js';
import { casesInScope, noteCasesShown } from '../../application/cases-in-scope.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import type { SupportStage } from '../../domain/child-record/case-listing.js';
import type { ThingDue } from '../../domain/child-record/next-due.js';
import { SETTING_ROLES, type Role } from '../../domain/roles.js';
import { LA_CODE, LA_NAME } from '../../demo/cast.js';
import { areaOfNeed, capitalised } from '../presenters/record-vocabulary.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

/** Children on one page of a caseload: the page's work, and its reads, stay this size whatever the school's roll. */
const PER_PAGE = 50;

/** What the access log says a caseload line was read for. */
const READ_FOR = 'caseload';

const STAGE_WORDS: Record<SupportStage, string> = {
  ehc_plan: 'EHC plan',
  ehc_assessment: 'Being assessed for an EHC plan',
  sen_support: 'SEN support',
  none: 'No SEN support recorded',
};

/** The LAs this service knows by name; any other reads as its DfE code ("LA 209"). */
const LA_NAMES: Record<string, string> = { [LA_CODE]: LA_NAME };

export const laInWords = (code: string | null): string => (code === null ? 'Not known' : (LA_NAMES[code] ?? `LA ${code}`));

/** "Reception", "Year 7", "Nursery" for the year before reception, "Not known" without a date of birth. */
export function yearGroupInWords(yearGroup: number | null): string {
  if (yearGroup === null) return 'Not known';
  if (yearGroup === 0) return 'Reception';
  if (yearGroup === -1) return 'Nursery';
  if (yearGroup < -1) return 'Early years';
  return `Year ${yearGroup}`;
}

const needInWords = (area: string) => capitalised(areaOfNeed(area));
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** The tag beside what is due: red once overdue, yellow in its last two weeks, blue before. */
function dueTag(due: ThingDue): { text: string; colour: string } {
  if (due.daysOverdue > 0) return { text: `Overdue by ${days(due.daysOverdue)}`, colour: 'red' };
  if (due.daysLeft === 0) return { text: 'Due today', colour: 'yellow' };
  return { text: `Due in ${days(due.daysLeft)}`, colour: due.daysLeft <= 14 ? 'yellow' : 'blue' };
}

/** What is due, said as a school reads it ("LA" written out: the LA's own request says it is one). */
const dueInWords = (due: ThingDue) => ({ what: due.what.replace(/\bLA\b/g, 'local authority'), dueOn: due.dueOn, tag: dueTag(due) });

function lineInWords(line: CaseloadLine) {
  const { listing } = line;
  return {
    href: `/children/${line.case.childId}`,
    name: listing.name,
    yearGroup: yearGroupInWords(line.yearGroup),
    stage: STAGE_WORDS[listing.stage],
    needs: listing.needs.map(needInWords),
    la: laInWords(listing.laCode),
    next: line.next && dueInWords(line.next),
    caseworker: listing.caseworker?.displayName ?? null,
  };
}

/** The query that asks for these filters: what the form sends, so links keep them. */
function queryOf(filters: CaseloadFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const stage of filters.stages) query.append('stage', stage);
  for (const need of filters.needs) query.append('need', need);
  for (const year of filters.yearGroups) query.append('year', String(year));
  for (const la of filters.laCodes) query.append('la', la);
  if (filters.overdueOnly) query.set('overdue', 'yes');
  if (filters.name.trim() !== '') query.set('name', filters.name);
  if (filters.sort !== 'due') query.set('sort', filters.sort);
  return query;
}

const hrefOf = (filters: CaseloadFilters) => withCursor('/caseload', queryOf(filters), {});

/** The filters chosen, each with a link that removes it alone: the MOJ filter's "selected filters". */
function selectedFilters(filters: CaseloadFilters) {
  const without = <K extends keyof CaseloadFilters>(key: K, value: CaseloadFilters[K]) => hrefOf({ ...filters, [key]: value });
  const categories = [
    { heading: 'Stage', items: filters.stages.map((s) => ({ text: STAGE_WORDS[s], href: without('stages', filters.stages.filter((x) => x !== s)) })) },
    { heading: 'Area of need', items: filters.needs.map((n) => ({ text: needInWords(n), href: without('needs', filters.needs.filter((x) => x !== n)) })) },
    { heading: 'Year group', items: filters.yearGroups.map((y) => ({ text: yearGroupInWords(y), href: without('yearGroups', filters.yearGroups.filter((x) => x !== y)) })) },
    { heading: 'Local authority', items: filters.laCodes.map((c) => ({ text: laInWords(c), href: without('laCodes', filters.laCodes.filter((x) => x !== c)) })) },
    { heading: 'What is due', items: filters.overdueOnly ? [{ text: 'Overdue only', href: without('overdueOnly', false) }] : [] },
    { heading: 'Name', items: filters.name.trim() !== '' ? [{ text: filters.name.trim(), href: without('name', '') }] : [] },
  ].filter((category) => category.items.length > 0);
  if (categories.length === 0) return null;
  return {
    heading: { text: 'Selected filters' },
    clearLink: { text: 'Clear filters', href: hrefOf({ ...filters, stages: [], needs: [], yearGroups: [], laCodes: [], overdueOnly: false, name: '' }) },
    categories: categories.map((category) => ({ heading: { text: category.heading }, items: category.items })),
  };
}

/**
 * The caseload: every child on the school's roll the signed-in member of staff may read, with their year group,
 * stage of support, areas of need, the LA that maintains any plan, and the next thing due, most overdue first;
 * filtered with a plain GET form. Only the children on the page are noted in the access log: a count reads no one.
 */
export function registerCaseloadPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<{ Querystring: CursorQuery & Record<string, unknown> }>('/caseload', async (request, reply) => {
    const reader = readerOf(request);
    if (!SETTING_ROLES.includes(reader.actor.role as Role)) return pageNotFound(request, reply);
    const today = englandDateOf(services.clock().toISOString());
    const settingUrn = reader.actor.organisation;
    const cases = await casesInScope(services, reader, { settingUrn }, today);
    const filters = caseloadFiltersFrom(request.query);
    const caseload = caseloadOf(cases, filters, webPageRequest('case', request.query, PER_PAGE), today);
    const shown = caseload.page.nodes;
    noteCasesShown(reader, shown.map((line) => line.case), READ_FOR);

    const settingName = cases.find((c) => c.listing.setting?.urn === settingUrn)?.listing.setting?.name ?? null;
    const offset = caseload.page.offset ?? 0;
    const { options } = caseload;
    return renderPage(request, reply, 'caseload.njk', {
      pageTitle: 'Caseload',
      section: 'caseload',
      today,
      settingName,
      totals: caseload.totals,
      matching: caseload.matching,
      filtered: queryOf({ ...filters, sort: 'due' }).toString() !== '',
      range: shown.length > 0 ? { from: offset + 1, to: offset + shown.length } : null,
      lines: shown.map(lineInWords),
      filters,
      sortLinks: {
        due: hrefOf({ ...filters, sort: 'due' }),
        name: hrefOf({ ...filters, sort: 'name' }),
      },
      options: {
        stages: options.stages.map((o) => ({ value: o.value, text: `${STAGE_WORDS[o.value]} (${o.count})`, checked: filters.stages.includes(o.value) })),
        needs: options.needs.map((o) => ({ value: o.value, text: `${needInWords(o.value)} (${o.count})`, checked: filters.needs.includes(o.value) })),
        yearGroups: options.yearGroups.map((o) => ({ value: String(o.value), text: `${yearGroupInWords(o.value)} (${o.count})`, checked: filters.yearGroups.includes(o.value) })),
        laCodes: options.laCodes.map((o) => ({ value: o.value, text: `${laInWords(o.value)} (${o.count})`, checked: filters.laCodes.includes(o.value) })),
        overdue: [{ value: 'yes', text: `Overdue only (${options.overdue})`, checked: filters.overdueOnly }],
      },
      selectedFilters: selectedFilters(filters),
      pagination: cursorPagination(caseload.page, (cursor) => withCursor('/caseload', queryOf(filters), cursor), 'Pages of the caseload'),
    });
  });
}
