import { stringify } from 'csv-stringify/sync';

/**
 * Rows as an RFC 4180 file (csv-stringify): CRLF line ends, a field with a comma, a quote or any line break quoted and
 * its quotes doubled (csv-stringify alone quotes only the record delimiter, so a lone LF in a field is matched here),
 * and, with `bom`, a byte order mark so that Excel reads the file as UTF-8.
 */
export const csvFile = (rows: ReadonlyArray<ReadonlyArray<string | number>>, options: { bom?: boolean } = {}): string =>
  stringify(rows as Array<Array<string | number>>, { record_delimiter: 'windows', quoted_match: /[\r\n]/, bom: options.bom ?? false });
