import type { IsoDate } from '../../calendar/iso-date.js';
import type { ChildEvent } from '../../child-record/events.js';
import type { AnnexARow } from './annex-a-row.js';
import { LIST_1_COLUMNS, LIST_2_COLUMNS, type AnnexAColumn } from './columns.js';
import { ehcPlanRows } from './ehc-plan-rows.js';
import { childOnDay } from '../record-on-day.js';
import { senSupportRow } from './sen-support-rows.js';

export interface AnnexAList {
  title: string;
  columns: readonly AnnexAColumn[];
  rows: AnnexARow[];
}

export interface AnnexALists {
  laCode: string;
  laName: string | null;
  asOf: IsoDate;
  list1: AnnexAList;
  list2: AnnexAList;
  /** The children with a row on either list: each noted in the access log by whoever asked. */
  childIds: string[];
}

const byName = (a: AnnexARow, b: AnnexARow) => {
  const name = (row: AnnexARow) => (row.cells['name']?.kind === 'text' ? row.cells['name'].text : '');
  return name(a).localeCompare(name(b)) || a.childId.localeCompare(b.childId) || (a.planId ?? '').localeCompare(b.planId ?? '');
};

/**
 * The Annex A lists of an LA on a day, from the entries of its children (each child's whole stream, in order): who
 * is on List 1 (an EHC plan the LA maintains) and who on List 2 (SEN support, no plan), each row with the entries it
 * was read from. Pure: the same entries and day give the same lists.
 */
export function annexALists(children: ReadonlyArray<{ childId: string; events: readonly ChildEvent[] }>, options: { laCode: string; laName: string | null; asOf: IsoDate }): AnnexALists {
  const list1: AnnexARow[] = [];
  const list2: AnnexARow[] = [];
  for (const { childId, events } of children) {
    const child = childOnDay(childId, events, options.asOf);
    list1.push(...ehcPlanRows(child, options));
    const row = senSupportRow(child, options);
    if (row) list2.push(row);
  }
  list1.sort(byName);
  list2.sort(byName);
  return {
    ...options,
    list1: { title: 'List 1: children and young people with an EHC plan', columns: LIST_1_COLUMNS, rows: list1 },
    list2: { title: 'List 2: children and young people on SEN support', columns: LIST_2_COLUMNS, rows: list2 },
    childIds: [...new Set([...list1, ...list2].map((row) => row.childId))].sort(),
  };
}
