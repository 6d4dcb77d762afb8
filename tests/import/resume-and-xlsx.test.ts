import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { importCaseload } from '../../src/application/import-caseload.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import { readCaseloadFile } from '../../src/import/caseload-file.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import type { EventStore } from '../../src/store/port.js';
import { tempDir } from '../support/temp-dir.js';
import { COLUMNS, generateCaseload } from './caseload-generator.js';
import { configFor, fixture, ledgerEntries, reportRows, runImport } from './support.js';

/** What an entry says, apart from what each write makes anew (event id, recorded time, hashes, the file it came from). */
const meaning = (e: LedgerEntry) => JSON.stringify([e.streamId, e.streamRevision, e.type, e.data, e.metadata.occurredAt, e.metadata.importedFrom?.row, e.metadata.idempotencyKey?.replace(/^import:[0-9a-f]{64}:/, 'import:')]);

describe('caseload import: resuming, XLSX, the example file', () => {
  const dir = tempDir('send-ledger-import-resume-');
  const generated = generateCaseload(300, 3);
  const csvPath = join(dir.path, 'caseload-300.csv');
  writeFileSync(csvPath, generated.csv);
  const args = (file: string, ...more: string[]) => [file, '--la', '202', '--operator', 'Sam Okafor', ...more];
  afterAll(() => dir.remove());

  it('stopped part-way (--until-row, or a store that fails in the middle of a row) and run again, it completes without duplicating anything', async () => {
    const whole = join(dir.path, 'whole');
    expect((await runImport(whole, args(csvPath))).code).toBe(1); // three bad rows
    const expected = (await ledgerEntries(whole)).map(meaning).sort();
    expect(expected.length).toBeGreaterThan(300);

    // Half, then the rest.
    const halves = join(dir.path, 'halves');
    const first = await runImport(halves, args(csvPath, '--until-row', '151'));
    expect(first.out).toContain('Rows read: 150');
    const firstEntries = await ledgerEntries(halves);
    expect(Math.max(...firstEntries.map((e) => e.metadata.importedFrom!.row))).toBeLessThanOrEqual(151);
    const badInFirst = generated.bad.filter((b) => b.row <= 151).length;
    const second = await runImport(halves, args(csvPath));
    expect(second.out).toContain(`already in the ledger from an earlier run: ${150 - badInFirst}`);
    expect(second.out).toContain(`recorded now: ${300 - 150 - (generated.bad.length - badInFirst)}`);
    expect((await ledgerEntries(halves)).map(meaning).sort()).toEqual(expected);

    // A crash: the store fails from its 40th append on, part-way through rows (a child row writes three entries).
    const crashed = join(dir.path, 'crashed');
    const store = await openConfiguredStore(configFor(crashed));
    let appends = 0;
    const failing: EventStore = {
      append: (...a) => (++appends >= 40 ? Promise.reject(new Error('the disk is gone')) : store.append(...a)),
      readStream: (...a) => store.readStream(...a),
      readAll: (...a) => store.readAll(...a),
      streamHead: (...a) => store.streamHead(...a),
      streamHeads: () => store.streamHeads(),
      headPosition: () => store.headPosition(),
      subscribe: (...a) => store.subscribe(...a),
      close: async () => {},
    };
    const file = await readCaseloadFile(csvPath, readFileSync(csvPath));
    await expect(importCaseload({ store: failing, clock: () => new Date() }, file, { laCode: '202', id: 'sam-okafor', name: 'Sam Okafor' }, { dryRun: false })).rejects.toThrow('the disk is gone');
    await store.close();
    const partial = await ledgerEntries(crashed);
    expect(partial).toHaveLength(39);
    const resumed = await runImport(crashed, args(csvPath));
    expect(resumed.code).toBe(1);
    const after = await ledgerEntries(crashed);
    expect(after.map(meaning).sort()).toEqual(expected);
    // No idempotency key twice in a stream: nothing was recorded twice.
    const keys = after.map((e) => `${e.streamId} ${e.metadata.idempotencyKey}`);
    expect(new Set(keys).size).toBe(keys.length);
  }, 300_000);

  it('an XLSX with the same columns on its first sheet (dates as date cells) gives the same report and the same entries as the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Caseload');
    sheet.addRow([...COLUMNS]);
    for (const row of generated.rows) {
      sheet.addRow(
        COLUMNS.map((column) => {
          const value = row[column];
          // Case-management exports write dates as date cells; an impossible date stays text (no cell can hold it).
          if (value && /_date$|^date$|^starts_on$|^date_of_birth$/.test(column) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) {
            return new Date(`${value}T00:00:00Z`);
          }
          return value ?? null;
        }),
      );
    }
    const xlsxPath = join(dir.path, 'caseload-300.xlsx');
    await workbook.xlsx.writeFile(xlsxPath);

    const csvReport = join(dir.path, 'csv-report.csv');
    const xlsxReport = join(dir.path, 'xlsx-report.csv');
    const csvDry = await runImport(join(dir.path, 'dry-csv'), args(csvPath, '--dry-run', '--report', csvReport));
    const xlsxDry = await runImport(join(dir.path, 'dry-xlsx'), args(xlsxPath, '--dry-run', '--report', xlsxReport));
    expect(reportRows(readFileSync(xlsxReport, 'utf8'))).toEqual(reportRows(readFileSync(csvReport, 'utf8')));
    expect(reportRows(readFileSync(csvReport, 'utf8')).map((r) => Number(r['row']))).toEqual(generated.bad.map((b) => b.row));
    const summary = (out: string) => out.split('\n').slice(1).filter((line) => !/^(Judged|Imported) in|^Refused rows written to/.test(line));
    expect(summary(xlsxDry.out)).toEqual(summary(csvDry.out));

    const csvData = join(dir.path, 'from-csv');
    const xlsxData = join(dir.path, 'from-xlsx');
    await runImport(csvData, args(csvPath));
    await runImport(xlsxData, args(xlsxPath));
    const fromXlsx = await ledgerEntries(xlsxData);
    expect(fromXlsx.map(meaning).sort()).toEqual((await ledgerEntries(csvData)).map(meaning).sort());
    expect(fromXlsx.every((e) => e.metadata.importedFrom?.source === 'caseload-300.xlsx')).toBe(true);
  }, 300_000);

  it('the example file in docs/caseload-import.md imports cleanly, and a rerun records nothing', async () => {
    const data = join(dir.path, 'example');
    const dry = await runImport(data, args(fixture('caseload-example.csv'), '--dry-run'));
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('refused: 0');
    const run = await runImport(data, args(fixture('caseload-example.csv')));
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('recorded now: 26 (30 entries)');
    const again = await runImport(data, args(fixture('caseload-example.csv')));
    expect(again.out).toContain('recorded now: 0 (0 entries)');
    expect(again.out).toContain('already in the ledger from an earlier run: 26');
    // No name or date of birth from the file is printed: rows are told by child_ref alone.
    expect(dry.out + run.out + again.out).not.toMatch(/Child CM-|2014-05-12/);
  }, 120_000);

  it('a row resting on a refused row is refused because of it, naming that row; a dry run judges whole rows, so a refused child row records none of its identifiers', async () => {
    const path = join(dir.path, 'caseload-dependent.csv');
    writeFileSync(
      path,
      [
        'child_ref,event,date,display_name,date_of_birth,upn,request_ref,requested_by,reasons,plan_ref,review_decision,summary',
        'D1,child,2020-01-06,Child D1,2021-03-01,M202200015007,,,,,,', // born after the registration: refused, with its UPN
        'D1,request,2020-02-03,,,,R1,parent_carer,,,,',
        'D2,child,2020-01-06,Child D2,2015-03-01,,,,,,,',
        'D2,request,2020-02-03,,,,R1,the_neighbour,,,,', // not a requester the ledger knows
        'D2,decision_to_assess,2020-03-09,,,,R1,,Evidence,,,',
        'D2,annual_review,2021-03-09,,,,,,,P7,maintain,Reviewed', // no such plan: the rule refuses it
        'D3,need,2020-01-06,,,,,,,,,', // no child D3 anywhere
      ].join('\n') + '\n',
    );
    const report = join(dir.path, 'dependent-report.csv');
    const dry = await runImport(join(dir.path, 'dependent'), args(path, '--dry-run', '--report', report));
    expect(dry.code).toBe(1);
    const rows = reportRows(readFileSync(report, 'utf8')).map((r) => [r['row'], r['child_ref'], r['code'], r['column'], r['depends_on_row']]);
    expect(rows).toEqual([
      ['2', 'D1', 'BAD_INPUT', 'date_of_birth', ''],
      ['3', 'D1', 'DEPENDS_ON_REFUSED_ROW', 'child_ref', '2'],
      ['5', 'D2', 'BAD_INPUT', 'requested_by', ''],
      ['6', 'D2', 'DEPENDS_ON_REFUSED_ROW', 'request_ref', '5'],
      ['7', 'D2', 'BAD_INPUT', 'plan_ref', ''],
      ['8', 'D3', 'BAD_INPUT', 'need_ref', ''],
    ]);
    expect(dry.out).toContain('would be recorded: 1 (1 entries)');
    expect(dry.out).toContain('depends on row 2, which was refused');
  }, 60_000);
});
