export { annexALists, type AnnexAList, type AnnexALists } from './annex-a-lists.js';
export { cellOf, type AnnexARow } from './annex-a-row.js';
export { type AnnexACell, NOT_HELD_WORDS, WITHHELD_WORDS } from './cells.js';
export { LIST_1_COLUMNS, LIST_2_COLUMNS, notHeldColumns, type AnnexAColumn } from './columns.js';
