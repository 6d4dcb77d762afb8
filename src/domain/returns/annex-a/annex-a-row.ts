import { NOT_HELD, text, type AnnexACell } from './cells.js';
import type { AnnexAColumn } from './columns.js';

/** One row of an Annex A list: its cells by column key (columns.ts) and the ledger entries behind them. */
export interface AnnexARow {
  childId: string;
  /** The plan a List 1 row is about (a child with two plans has two rows); null on List 2. */
  planId: string | null;
  cells: Readonly<Record<string, AnnexACell>>;
  /** The eventIds of every entry a cell was read from, sorted: what the "Sources" column lists. */
  sources: readonly string[];
}

/** What a row says in a column: "not held" for a column the ledger keeps nothing for, the sources for "Sources". */
export function cellOf(row: AnnexARow, column: AnnexAColumn): AnnexACell {
  if (column.notHeld !== undefined) return NOT_HELD;
  if (column.key === 'sources') return text(row.sources.join(' '));
  const cell = row.cells[column.key];
  if (!cell) throw new Error(`no cell for the column "${column.key}"`);
  return cell;
}
