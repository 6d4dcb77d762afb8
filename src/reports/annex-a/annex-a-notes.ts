import { notHeldColumns, type AnnexALists } from '../../domain/returns/annex-a/index.js';

/**
 * What the lists are and are not, in the words the notes sheet and the page both use: the provenance of the columns
 * (not the inspectorates' template), the need areas, and each column the ledger does not hold with why.
 */
export const PROVENANCE =
  "The columns are written from Ofsted and CQC's published \"Area SEND inspections: framework and handbook\" as SEND Ledger " +
  "understands it. They are not the inspectorates' own Annex A template, which could not be obtained when this export " +
  'was written: compare the column order with the template the inspectorate sends.';

export const NEEDS_NOTE =
  "Needs give the school census's type of need (for example SpLD, MLD or ASD) with its broad area of need (SEND Code of " +
  'Practice, paragraph 6.28) where the type was recorded, and the broad area alone where it was not.';

export const TIMELINESS_NOTE =
  '"Issued within 20 weeks" is judged as the SEN2 return judges it (SEND Regulations 2014 regulation 13(2)): the final plan ' +
  'on or before the day 20 weeks after the request; an exception (regulation 10(4)) does not move that day, it makes the ' +
  'plan an exception case.';

export const SOURCES_NOTE =
  'Every row lists, in its Sources column, the ids of the ledger entries its cells were read from: each can be found in the ' +
  "child's audit trail and proved against the ledger's signed tree head.";

export const AS_OF_NOTE =
  'A child is listed from the entries dated on or before the day (as the ledger knows them now, corrections applied): ' +
  'List 1 holds every EHC plan the local authority maintains on the day; List 2 every child of the local authority on SEN ' +
  'support (a cycle of assess, plan, do, review current, and no EHC plan).';

/** The columns each list leaves as "Not held in SEND Ledger", with why: one line each, for a page or a sheet. */
export function notHeldNotes(lists: AnnexALists): Array<{ header: string; lists: string; why: string }> {
  const notes = new Map<string, { header: string; lists: string[]; why: string }>();
  for (const [name, list] of [['List 1', lists.list1], ['List 2', lists.list2]] as const) {
    for (const column of notHeldColumns(list.columns)) {
      const known = notes.get(column.key) ?? { header: column.header, lists: [], why: column.notHeld! };
      known.lists.push(name);
      notes.set(column.key, known);
    }
  }
  return [...notes.values()].map((note) => ({ ...note, lists: note.lists.join(' and ') }));
}

/** "London Borough of Camden (202)", or the code alone where the name is not known. */
export const laInTitle = (lists: Pick<AnnexALists, 'laCode' | 'laName'>): string => (lists.laName ? `${lists.laName} (${lists.laCode})` : `local authority ${lists.laCode}`);

/** The file name of each download: the LA's code and the day, so two LAs' or two days' lists never share one. */
export const annexAFileName = (lists: Pick<AnnexALists, 'laCode' | 'asOf'>, part: 'xlsx' | 'list-1' | 'list-2'): string =>
  part === 'xlsx' ? `annex-a-la-${lists.laCode}-${lists.asOf}.xlsx` : `annex-a-${part}-la-${lists.laCode}-${lists.asOf}.csv`;
