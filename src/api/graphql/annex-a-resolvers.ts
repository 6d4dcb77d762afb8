import { annexAOf, AnnexAAsked } from '../../application/annex-a-of.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { cellOf, type AnnexAList } from '../../domain/returns/annex-a/index.js';
import { csvText } from '../../reports/annex-a/annex-a-csv.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';

const AnnexAArgs = AnnexAAsked.extend({ asOf: AnnexAAsked.shape.asOf.optional() });

/** A list as the API gives it: each cell with its kind, its value where it has one, and the text the CSV writes. */
const listView = (list: AnnexAList) => ({
  title: list.title,
  columns: list.columns.map((column) => ({ key: column.key, header: column.header, notHeld: column.notHeld ?? null })),
  rows: list.rows.map((row) => ({
    childId: row.childId,
    planId: row.planId,
    sources: row.sources,
    cells: list.columns.map((column) => {
      const cell = cellOf(row, column);
      return {
        column: column.key,
        kind: cell.kind,
        // The CSV's text without its formula guard: an API client gets the value as recorded.
        text: cell.kind === 'text' ? cell.text : csvText(cell),
        date: cell.kind === 'date' ? cell.date : null,
        number: cell.kind === 'number' ? cell.value : null,
        yes: cell.kind === 'yes_no' ? cell.yes : null,
      };
    }),
  })),
});

export const annexAQueryResolvers = {
  /** The Annex A lists of an LA as of a day (default today), see annex-a-of.ts; null for anyone but an officer of that LA. */
  async annexA(_root: unknown, args: { laCode: string; asOf?: string | null }, context: RequestContext) {
    requireActor(context);
    const parsed = AnnexAArgs.safeParse({ laCode: args.laCode, ...(args.asOf ? { asOf: args.asOf } : {}) });
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const asOf = parsed.data.asOf ?? englandDateOf(context.services.clock().toISOString());
    const lists = await annexAOf(childRecordsOf(context), requireReader(context), { laCode: parsed.data.laCode, asOf });
    return lists && { laCode: lists.laCode, asOf: lists.asOf, list1: listView(lists.list1), list2: listView(lists.list2) };
  },
};
