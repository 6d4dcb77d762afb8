import type { IsoDate } from '../domain/calendar/iso-date.js';
import { yearGroupOn, type CaseListing, type SupportStage } from '../domain/child-record/case-listing.js';
import { nextDue, type ThingDue } from '../domain/child-record/next-due.js';
import { AREAS_OF_NEED } from '../domain/child-record/vocabulary.js';
import type { ListedCase } from './cases-in-scope.js';
import { pageOf, type Page, type PageRequest, type SortKey } from './paging.js';

export type AreaOfNeed = (typeof AREAS_OF_NEED)[number];
export const SUPPORT_STAGES: readonly SupportStage[] = ['ehc_plan', 'ehc_assessment', 'sen_support', 'none'];
export type CaseloadSort = 'due' | 'name';

/** What a SENCo narrows their caseload to. An empty list filters nothing; several values of one filter are "any of". */
export interface CaseloadFilters {
  yearGroups: readonly number[];
  needs: readonly AreaOfNeed[];
  laCodes: readonly string[];
  stages: readonly SupportStage[];
  overdueOnly: boolean;
  /** Part of a child's name, any case; blank for everyone. */
  name: string;
  sort: CaseloadSort;
}

export const NO_FILTERS: CaseloadFilters = Object.freeze({ yearGroups: [], needs: [], laCodes: [], stages: [], overdueOnly: false, name: '', sort: 'due' });

/** One child on a caseload: what the list shows of them, their year group today and the next thing due. */
export interface CaseloadLine {
  case: ListedCase;
  listing: CaseListing;
  yearGroup: number | null;
  next: ThingDue | null;
}

/** How many children of the whole caseload each filter option would find: the numbers beside the checkboxes. */
export interface CaseloadOptions {
  yearGroups: ReadonlyArray<{ value: number; count: number }>;
  needs: ReadonlyArray<{ value: AreaOfNeed; count: number }>;
  laCodes: ReadonlyArray<{ value: string; count: number }>;
  stages: ReadonlyArray<{ value: SupportStage; count: number }>;
  overdue: number;
}

export interface CaseloadTotals {
  children: number;
  ehcPlans: number;
  senSupport: number;
  beingAssessed: number;
  /** Children with at least one thing overdue. */
  overdue: number;
}

export interface Caseload {
  /** The whole caseload, before any filter. */
  totals: CaseloadTotals;
  options: CaseloadOptions;
  /** How many children the filters find. */
  matching: number;
  page: Page<CaseloadLine>;
}

const lines = new WeakMap<ListedCase, { today: IsoDate; line: CaseloadLine }>();

/** A child's line as of today, worked out once a day per listed case (the cases are kept per revision). */
function lineOf(listed: ListedCase, today: IsoDate): CaseloadLine {
  const known = lines.get(listed);
  if (known?.today === today) return known.line;
  const { listing } = listed;
  const line = { case: listed, listing, yearGroup: yearGroupOn(listing.dateOfBirth, today), next: nextDue(listing, listed.clocks, today) };
  lines.set(listed, { today, line });
  return line;
}

const isOverdue = (line: CaseloadLine) => (line.next?.daysOverdue ?? 0) > 0;

/** Whether a child's line passes every filter asked for. */
function passes(line: CaseloadLine, filters: CaseloadFilters, name: string): boolean {
  const { listing } = line;
  if (filters.yearGroups.length > 0 && (line.yearGroup === null || !filters.yearGroups.includes(line.yearGroup))) return false;
  if (filters.needs.length > 0 && !listing.needs.some((area) => filters.needs.includes(area))) return false;
  if (filters.laCodes.length > 0 && (listing.laCode === null || !filters.laCodes.includes(listing.laCode))) return false;
  if (filters.stages.length > 0 && !filters.stages.includes(listing.stage)) return false;
  if (filters.overdueOnly && !isOverdue(line)) return false;
  if (name !== '' && !listing.name.toLocaleLowerCase('en-GB').includes(name)) return false;
  return true;
}

/**
 * The order a caseload reads in. By what is due: the soonest last day first, so the most overdue lead, then the
 * children with nothing due; by name otherwise. The sort's name leads the key, so a cursor of one order is not
 * read as a place in the other, and the child's id settles two children of one name.
 */
function keyOf(sort: CaseloadSort): (line: CaseloadLine) => SortKey {
  if (sort === 'name') return (line) => ['name', line.listing.name.toLocaleLowerCase('en-GB'), line.case.childId];
  return (line) => ['due', line.next ? 0 : 1, line.next?.dueOn ?? '', line.listing.name.toLocaleLowerCase('en-GB'), line.case.childId];
}

function counted<T extends string | number>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * A school's caseload as of today: every child listed (casesInScope), each with the next thing due; the totals and
 * the options' counts over the whole caseload, and the page of children the filters find, in the order asked for.
 * Only the page's children are shown, and so only they are read: the rest are counted.
 */
export function caseloadOf(cases: readonly ListedCase[], filters: CaseloadFilters, request: PageRequest, today: IsoDate): Caseload {
  const all = cases.map((listed) => lineOf(listed, today));
  const name = filters.name.trim().toLocaleLowerCase('en-GB');
  const found = all.filter((line) => passes(line, filters, name));

  const yearGroups = counted(all.flatMap((line) => (line.yearGroup === null ? [] : [line.yearGroup])));
  const needs = counted(all.flatMap((line) => line.listing.needs));
  const laCodes = counted(all.flatMap((line) => (line.listing.laCode === null ? [] : [line.listing.laCode])));
  const stages = counted(all.map((line) => line.listing.stage));
  const overdue = all.filter(isOverdue).length;

  return {
    totals: {
      children: all.length,
      ehcPlans: stages.get('ehc_plan') ?? 0,
      senSupport: stages.get('sen_support') ?? 0,
      beingAssessed: stages.get('ehc_assessment') ?? 0,
      overdue,
    },
    options: {
      yearGroups: [...yearGroups].sort(([a], [b]) => a - b).map(([value, count]) => ({ value, count })),
      needs: AREAS_OF_NEED.filter((area) => needs.has(area)).map((value) => ({ value, count: needs.get(value)! })),
      laCodes: [...laCodes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, count]) => ({ value, count })),
      stages: SUPPORT_STAGES.filter((stage) => stages.has(stage)).map((value) => ({ value, count: stages.get(value)! })),
      overdue,
    },
    matching: found.length,
    page: pageOf(found, keyOf(filters.sort), request),
  };
}

/** One value or several of a query's field, as a form sends them. */
const valuesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/**
 * The filters a caseload's GET form (or a link) asks for, read from its query: `year`, `need`, `la` and `stage`
 * (each may be given more than once), `overdue=yes`, `name` and `sort`. A value no filter knows is dropped rather
 * than refused: the address bar is not a form, and a stale link still shows a caseload.
 */
export function caseloadFiltersFrom(query: Record<string, unknown>): CaseloadFilters {
  const yearGroups = [...new Set(valuesOf(query['year']).filter((v) => /^-?\d{1,2}$/.test(v)).map(Number))].sort((a, b) => a - b);
  const needs = AREAS_OF_NEED.filter((area) => valuesOf(query['need']).includes(area));
  const laCodes = [...new Set(valuesOf(query['la']).filter((v) => /^\d{3}$/.test(v)))].sort();
  const stages = SUPPORT_STAGES.filter((stage) => valuesOf(query['stage']).includes(stage));
  const name = (valuesOf(query['name'])[0] ?? '').slice(0, 120);
  return { yearGroups, needs, laCodes, stages, overdueOnly: valuesOf(query['overdue']).includes('yes'), name, sort: valuesOf(query['sort'])[0] === 'name' ? 'name' : 'due' };
}
