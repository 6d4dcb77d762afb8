import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One row of a caseload file: its number (the header is row 1) and its cells by column name, as written. */
export interface CaseloadRow {
  row: number;
  cells: Record<string, string>;
}

export interface CaseloadFile {
  /** The file's name (not its path: the path says nothing about the rows and may name a person's folder). */
  source: string;
  /** SHA-256 of the file's bytes, in hex: which file, exactly, the entries came from. */
  sha256: string;
  columns: string[];
  rows: CaseloadRow[];
}

/** A file that cannot be read as a caseload at all (not a row's problem). */
export class UnreadableCaseload extends Error {
  override name = 'UnreadableCaseload';
}

/** Read a caseload export: CSV (UTF-8, a header row) or XLSX (the same columns on the first sheet). */
export async function readCaseloadFile(fileName: string, bytes: Buffer): Promise<CaseloadFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const source = basename(fileName);
  const kind = extname(fileName).toLowerCase();
  const table = kind === '.xlsx' ? await readXlsx(bytes) : kind === '.csv' ? readCsv(bytes) : null;
  if (!table) throw new UnreadableCaseload(`${source}: a caseload is a .csv or .xlsx file`);
  return { source, sha256, ...table };
}

const headerOf = (names: string[]) => names.map((name) => name.trim().toLowerCase());

function readCsv(bytes: Buffer): { columns: string[]; rows: CaseloadRow[] } {
  let records: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    records = parse(bytes, { bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    throw new UnreadableCaseload(`not a CSV file that can be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...body] = records;
  if (!header) throw new UnreadableCaseload('the file is empty: it needs a header row naming its columns');
  const columns = headerOf(header.record);
  const rows = body.map(({ record, info, raw }) => ({
    // csv-parse counts the line a record ends on; a cell holding a line break starts the record earlier.
    row: info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0),
    cells: cellsOf(columns, record),
  }));
  return { columns, rows };
}

async function readXlsx(bytes: Buffer): Promise<{ columns: string[]; rows: CaseloadRow[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableCaseload(`not an XLSX workbook that can be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new UnreadableCaseload('the workbook has no rows on its first sheet: it needs a header row naming its columns');
  const width = sheet.getRow(1).cellCount;
  const textOf = (row: ExcelJS.Row) => Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellText(row.getCell(i + 1).value));
  const columns = headerOf(textOf(sheet.getRow(1)));
  const rows: CaseloadRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = textOf(row);
    if (cells.every((cell) => cell === '')) return;
    rows.push({ row: number, cells: cellsOf(columns, cells) });
  });
  return { columns, rows };
}

/** A cell as the text a CSV export of it would hold: a date cell as YYYY-MM-DD (Excel keeps dates as UTC midnights). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

function cellsOf(columns: string[], values: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column !== '') cells[column] = values[i] ?? '';
  });
  return cells;
}
