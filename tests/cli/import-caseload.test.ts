import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { expectOneUsageLine, inTurns, spawnCli } from './run-cli.js';

describe('npm run import, as a person runs it', () => {
  const dir = tempDir('send-ledger-import-cli-');
  const dataDir = join(dir.path, 'data');
  const env = { SEND_LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test' };
  const example = 'tests/fixtures/caseload-example.csv';
  afterAll(() => dir.remove());

  it('--help explains the file, the options and the settings; bad arguments get one line naming the mistake, exit 2, before anything is opened', async () => {
    const help = await spawnCli('import-caseload', ['--help'], env);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout.startsWith('npm run import: ')).toBe(true);
    for (const mention of ['<caseload.csv|xlsx>', '--la <code>', '--operator <name>', '--operator-id', '--dry-run', '--report', '--until-row', 'SEND_LEDGER_DATA_DIR', 'docs/caseload-import.md']) {
      expect(help.stdout, mention).toContain(mention);
    }
    const mistakes: Array<[string[], string]> = [
      [['--frobnicate'], "unknown option '--frobnicate'"],
      [['--la', '202', '--operator', 'Sam Okafor'], 'give the caseload file to import'],
      [[example, '--operator', 'Sam Okafor'], '--la is required'],
      [[example, '--la', 'Camden', '--operator', 'Sam Okafor'], '--la must be a three-digit DfE local authority code'],
      [[example, '--la', '202'], '--operator is required'],
      [[example, '--la', '202', '--operator', 'Sam Okafor', '--until-row', '0'], '--until-row must be a row number'],
      [[example, '--la', '202', '--operator', 'Sam Okafor', '--report'], '--report needs a value'],
      [['caseload.txt', '--la', '202', '--operator', 'Sam Okafor'], 'a caseload is a .csv or .xlsx file'],
      [[example, example, '--la', '202', '--operator', 'Sam Okafor'], 'give one caseload file, not 2'],
    ];
    const runs = await inTurns(mistakes, async ([args, naming]) => ({ naming, run: await spawnCli('import-caseload', args, env) }));
    for (const { naming, run } of runs) expectOneUsageLine(run, 'import', naming);
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);

  it('a dry run of the example prints a summary and writes nothing; the import records it; a file that is not there is one line, exit 1', async () => {
    const report = join(dir.path, 'report.csv');
    const dry = await spawnCli('import-caseload', [example, '--la', '202', '--operator', 'Sam Okafor', '--dry-run', '--report', report], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('DRY RUN (nothing written): caseload-example.csv');
    expect(dry.stdout).toContain('would be recorded: 26 (30 entries)');
    expect(readFileSync(report, 'utf8')).toBe('row,child_ref,code,column,reason,depends_on_row\r\n');
    const run = await spawnCli('import-caseload', [example, '--la', '202', '--operator', 'Sam Okafor'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('recorded now: 26 (30 entries)');
    // The progress bar is on stderr, in rows per second.
    expect(run.stderr).toMatch(/Importing .* 26\/26 rows \d+ rows\/s/);
    const missing = await spawnCli('import-caseload', [join(dir.path, 'nowhere.csv'), '--la', '202', '--operator', 'Sam Okafor'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('Cannot read');
  }, 120_000);
});
