import { csvFile } from '../csv-file.js';
import { cellOf, NOT_HELD_WORDS, WITHHELD_WORDS, type AnnexACell, type AnnexAList } from '../../domain/returns/annex-a/index.js';

/**
 * A text cell a spreadsheet would read as a formula (OWASP "CSV injection": a leading = + - @, or a tab or carriage
 * return before one) is prefixed with an apostrophe, so Excel, LibreOffice and Google Sheets show it as text. A
 * name or a setting is typed by people; opened from a CSV, "=HYPERLINK(...)" would otherwise run on an inspector's
 * machine. Numbers are written as numbers and need no guard.
 */
export const guardedText = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** A cell as CSV text: dates as YYYY-MM-DD (what every spreadsheet reads as a date, whatever its locale). */
export function csvText(cell: AnnexACell): string {
  switch (cell.kind) {
    case 'text':
      return guardedText(cell.text);
    case 'none':
      return guardedText(cell.text);
    case 'date':
      return cell.date;
    case 'number':
      return String(cell.value);
    case 'yes_no':
      return cell.yes ? 'Yes' : 'No';
    case 'withheld':
      return WITHHELD_WORDS;
    case 'not_held':
      return NOT_HELD_WORDS;
  }
}

/** One list as CSV (RFC 4180): a header row, a row per child, with a byte order mark so that Excel reads the file as UTF-8, so a name with an accent arrives whole. */
export const annexACsv = (list: AnnexAList): string =>
  csvFile([list.columns.map((column) => column.header), ...list.rows.map((row) => list.columns.map((column) => csvText(cellOf(row, column))))], { bom: true });
