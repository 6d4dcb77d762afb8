import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importCaseload, type CaseloadImportReport, type RefusedRow } from '../application/import-caseload.js';
import type { Config } from '../config/config.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { ledgerLocation, openConfiguredStore } from '../config/open-store.js';
import { readCaseloadFile, UnreadableCaseload } from '../import/caseload-file.js';
import { csvFile } from '../reports/csv-file.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';
import { progressWriter } from './progress-bar.js';

const USAGE: Usage = {
  script: 'import',
  summary:
    "bring an LA's existing caseload into the configured ledger from its case-management export (CSV, or XLSX with the " +
    'same columns on the first sheet; docs/caseload-import.md gives the columns). Every row goes through the same write ' +
    "path and rules as the API, as the operator acting for the LA; each entry is claimed at its row's date, recorded now, " +
    'and marked with the file, its SHA-256 and the row. A row is judged whole before it is written: a refused row is ' +
    'reported (row, child_ref, column, reason) and never stops the rest. Interrupted, run it again: it records only what ' +
    'is missing, and a rerun of a completed import records nothing.',
  synopsis: ['<caseload.csv|xlsx> --la <code> --operator <name> [--operator-id <id>] [--dry-run] [--report <report.csv>] [--until-row <n>]'],
  options: [
    ['<caseload.csv|xlsx>', 'the export to import'],
    ['--la <code>', 'the DfE three-digit code of the LA whose caseload it is (e.g. 202): the operator acts as its officer'],
    ['--operator <name>', 'the name of the person running the import, as the entries name who recorded them'],
    ['--operator-id <id>', 'their id in the entries (`import:<id>`); default their name in lower case with hyphens'],
    ['--dry-run', 'judge every row by the same rules and report what would be refused; nothing is written'],
    ['--report <report.csv>', 'also write the refused rows as CSV (row, child_ref, code, column, reason, depends_on_row)'],
    ['--until-row <n>', 'stop after row n of the file (the header is row 1); a later run goes on from there'],
  ],
  environment: LEDGER_SETTINGS,
  examples: [
    'npm run import -- caseload.csv --la 202 --operator "Sam Okafor" --dry-run --report refused.csv',
    'SEND_LEDGER_DATA_DIR=./data npm run import -- caseload.xlsx --la 202 --operator "Sam Okafor"',
  ],
  exitStatus: `0 every row is in the ledger (or, in a dry run, would be); 1 some rows were refused (the rest are imported) or the file cannot be read; 2 bad arguments; ${CONFIG_EXIT}.`,
};

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The command, given its arguments and how to read the configuration (only once the arguments are good): what the npm script runs and what tests call. */
export async function runImportCaseload(args: string[], configOf: () => Config, output: Output = { out: console.log, err: console.error }, progress = progressWriter()): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      la: { type: 'string' },
      operator: { type: 'string' },
      'operator-id': { type: 'string' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      'until-row': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the caseload file to import' : `give one caseload file, not ${positionals.length}`);
  const la = values.la;
  if (la === undefined) throw new UsageError('--la is required: the DfE code of the LA whose caseload it is, e.g. --la 202');
  if (!/^\d{3}$/.test(la)) throw new UsageError(`--la must be a three-digit DfE local authority code, e.g. 202 (not "${la}")`);
  const name = values.operator?.trim();
  if (!name) throw new UsageError('--operator is required: the name of the person running the import');
  const operatorId = values['operator-id']?.trim() || name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!operatorId) throw new UsageError('--operator-id must not be empty');
  const untilRow = values['until-row'];
  if (untilRow !== undefined && !/^[1-9]\d*$/.test(untilRow)) throw new UsageError(`--until-row must be a row number, 2 or more (not "${untilRow}")`);

  const path = positionals[0]!;
  if (!/\.(csv|xlsx)$/i.test(path)) throw new UsageError(`${path}: a caseload is a .csv or .xlsx file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    output.err(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  let file;
  try {
    file = await readCaseloadFile(path, bytes);
  } catch (error) {
    if (!(error instanceof UnreadableCaseload)) throw error;
    output.err(`${path}: ${error.message}`);
    return 1;
  }

  const dryRun = values['dry-run'] === true;
  const config = configOf();
  const store = await openConfiguredStore(config);
  try {
    const started = performance.now();
    const label = dryRun ? 'Judging' : 'Importing';
    const report = await importCaseload({ store, clock: () => new Date() }, file, { laCode: la, id: operatorId, name }, {
      dryRun,
      ...(untilRow === undefined ? {} : { untilRow: Number(untilRow) }),
      onRow: (done, total) => {
        const seconds = (performance.now() - started) / 1000;
        const rate = seconds > 0 ? done / seconds : 0;
        const line = rowProgress(label, done, total, rate, rate > 0 ? (total - done) / rate : Infinity);
        if (done === total) progress.finish(line);
        else progress.update(line);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (values.report) writeFileSync(values.report, reportCsv(report.refused));
    output.out(describe(report, seconds, ledgerLocation(config), values.report).join('\n'));
    return report.refused.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** One line of the bar: rows, rows per second and time left. */
function rowProgress(label: string, done: number, total: number, perSecond: number, etaSeconds: number, width = 30): string {
  const fraction = total === 0 ? 1 : Math.min(done / total, 1);
  const filled = Math.round(fraction * width);
  const eta = Number.isFinite(etaSeconds) ? `${Math.ceil(etaSeconds)}s left` : 'time left not yet known';
  return `${label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} rows ${Math.round(perSecond).toLocaleString('en-GB')} rows/s ${eta}`;
}

function describe(report: CaseloadImportReport, seconds: number, location: string, reportFile: string | undefined): string[] {
  const entries = Object.entries(report.entriesByType).sort(([a], [b]) => a.localeCompare(b));
  const entryCount = entries.reduce((sum, [, n]) => sum + n, 0);
  const refusedLines = report.refused.map(
    (r) => `  row ${r.row}  child_ref ${r.childRef || '(none)'}  ${r.column ? `${r.column}  ` : ''}${r.code}  ${r.reason}`,
  );
  const rate = seconds > 0 ? Math.round(report.rows / seconds) : report.rows;
  return [
    `${report.dryRun ? 'DRY RUN (nothing written): ' : ''}${report.source} (SHA-256 ${report.sha256})`,
    ...(report.refused.length > 0 ? [report.dryRun ? 'Rows that would be refused:' : 'Refused rows (not imported):', ...refusedLines, ''] : []),
    `Rows read: ${report.rows}`,
    `  ${report.dryRun ? 'would be recorded' : 'recorded now'}: ${report.recordedRows} (${entryCount} entries)`,
    `  already in the ledger from an earlier run: ${report.alreadyImportedRows}`,
    `  refused: ${report.refused.length}`,
    ...entries.map(([type, n]) => `    ${type}: ${n}`),
    `${report.dryRun ? 'Judged' : 'Imported'} in ${seconds.toFixed(1)} s (${rate} rows/s) against ${location}.`,
    ...(reportFile ? [`Refused rows written to ${reportFile}.`] : []),
  ];
}

function reportCsv(refused: RefusedRow[]): string {
  const header = ['row', 'child_ref', 'code', 'column', 'reason', 'depends_on_row'];
  return csvFile([header, ...refused.map((r) => [r.row, r.childRef, r.code, r.column, r.reason, r.dependsOnRow ?? ''])]);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  await runCommand(USAGE, (args) => runImportCaseload(args, loadConfigOrExit));
}
