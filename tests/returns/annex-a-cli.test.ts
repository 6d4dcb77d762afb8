import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { runLoadDemo } from '../../src/cli/load-demo.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childC } from '../../src/demo/child-c-plan-ceased.js';
import { childD } from '../../src/demo/child-d-sen-support.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { expectOneUsageLine, spawnCli } from '../cli/run-cli.js';
import { TEST_SECRET } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('send-ledger-annex-a-');
const dataDir = join(dir.path, 'data');
const env = { SEND_LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test', AUTH_JWT_SECRET: TEST_SECRET };
let config: Config;

const tokenFor = (actor: Actor) =>
  mintDevToken(TEST_SECRET, config.AUTH_ISSUER, config.AUTH_AUDIENCE, { actorId: actor.id, displayName: actor.displayName, role: actor.role as never, organisation: actor.organisation });

beforeAll(async () => {
  config = parseConfig(env);
  if ((await runLoadDemo(config, { out: () => {}, err: (line) => console.error(line) })) !== 0) throw new Error('the demo did not load');
}, 120_000);
afterAll(() => dir.remove());

describe('npm run annex-a', () => {
  it('writes the workbook and both CSVs as of the day, for an LA officer of that LA, and notes each child listed in the access log', async () => {
    const out = join(dir.path, 'out');
    const run = await spawnCli('annex-a', ['--la', '202', '--as-of', '2026-03-02', '--out', out], { ...env, SEND_LEDGER_TOKEN: await tokenFor(cast.caseworker) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 on List 1 (EHC plans), 1 on List 2 (SEN support)');
    expect(readdirSync(out).sort()).toEqual(['annex-a-la-202-2026-03-02.xlsx', 'annex-a-list-1-la-202-2026-03-02.csv', 'annex-a-list-2-la-202-2026-03-02.csv']);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(out, 'annex-a-la-202-2026-03-02.xlsx')) as unknown as ArrayBuffer);
    const namesIn = (sheet: string) => {
      const values: string[] = [];
      workbook.getWorksheet(sheet)!.eachRow((row, n) => n > 1 && values.push(String(row.getCell(1).value)));
      return values;
    };
    // The demo: Child A and Child B have plans in force on 2 March 2026; Child C's plan has ceased; Child D is on SEN support.
    expect(namesIn('List 1 EHC plans')).toEqual(['Child A (pseudonym)', 'Child B (pseudonym)']);
    expect(namesIn('List 2 SEN support')).toEqual(['Child D (pseudonym)']);
    const list1 = parse(readFileSync(join(out, 'annex-a-list-1-la-202-2026-03-02.csv'), 'utf8'), { bom: true }) as string[][];
    expect(list1.slice(1).map((row) => row[0])).toEqual(['Child A (pseudonym)', 'Child B (pseudonym)']);

    const store = await openConfiguredStore(config);
    try {
      const noted = async (childId: string) =>
        (await store.accessLog.forChild(childId)).filter((entry) => entry.read.includes('annexA') && entry.via === 'command-line' && entry.actor.id === cast.caseworker.id);
      expect(await noted(childA().childId)).toHaveLength(1);
      expect(await noted(childD().childId)).toHaveLength(1);
      expect(await noted(childC().childId)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('writes nothing for a SENCo, or an officer of another LA, and refuses a day that is no date or is still to come', async () => {
    const out = join(dir.path, 'refused');
    const senco = await spawnCli('annex-a', ['--la', '202', '--out', out], { ...env, SEND_LEDGER_TOKEN: await tokenFor(cast.kentishValeSenco) });
    expect(senco.code, senco.stderr).toBe(1);
    expect(senco.stderr).toContain('no Annex A lists for local authority 202 that you may read');
    const otherLa = await spawnCli('annex-a', ['--la', '203', '--out', out], { ...env, SEND_LEDGER_TOKEN: await tokenFor(cast.caseworker) });
    expect(otherLa.code, otherLa.stderr).toBe(1);
    expect(existsSync(out)).toBe(false);

    const token = await tokenFor(cast.caseworker);
    expectOneUsageLine(await spawnCli('annex-a', ['--la', '202', '--as-of', '2026-02-30', '--out', out], { ...env, SEND_LEDGER_TOKEN: token }), 'annex-a', '--as-of: must be a date as YYYY-MM-DD');
    expectOneUsageLine(await spawnCli('annex-a', ['--la', '202', '--as-of', '2999-01-01', '--out', out], { ...env, SEND_LEDGER_TOKEN: token }), 'annex-a', '--as-of: must be today or earlier');
    expectOneUsageLine(await spawnCli('annex-a', ['--la', 'Camden', '--out', out], { ...env, SEND_LEDGER_TOKEN: token }), 'annex-a', '--la: must be a three-digit LA code');
    expectOneUsageLine(await spawnCli('annex-a', ['--out', out], { ...env, SEND_LEDGER_TOKEN: token }), 'annex-a', '--la is required');
    expectOneUsageLine(await spawnCli('annex-a', ['--la', '202'], env), 'annex-a', 'set SEND_LEDGER_TOKEN');
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('explains itself with --help before opening anything', async () => {
    const run = await spawnCli('annex-a', ['--help'], { SEND_LEDGER_DATA_DIR: join(dir.path, 'never') });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith('npm run annex-a: ')).toBe(true);
    for (const mention of ['--la <code>', '--as-of', '--out', 'SEND_LEDGER_TOKEN', 'Exit status:', 'npm run annex-a -- --la 202 --as-of 2026-03-02']) expect(run.stdout).toContain(mention);
    expect(existsSync(join(dir.path, 'never'))).toBe(false);
  }, 60_000);
});
