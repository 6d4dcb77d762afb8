import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { expectOneUsageLine, inTurns, spawnCli, STACK_FRAME } from './run-cli.js';

describe('a command-line tool says plainly what was wrong: exit 2 for a mistake in the call, 1 for a failure in the work', () => {
  const dir = tempDir('send-ledger-cli-');
  /** Never created: a tool that opened its store before checking its arguments would make it. */
  const dataDir = join(dir.path, 'data');
  const env = { SEND_LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test' };
  afterAll(() => dir.remove());

  it('a flag without its value, a value out of range, or a missing argument names the flag, exit 2, no stack', async () => {
    const cases = [
      { file: 'mint-token', script: 'token', args: ['--org', '202', '--role'], naming: '--role needs a value' },
      { file: 'export-evidence', script: 'export-evidence', args: ['--child', '--purpose', 'appeal'], naming: '--child needs a value' },
      { file: 'mint-token', script: 'token', args: ['--role', 'wizard', '--org', '202'], naming: '--role must be one of' },
      { file: 'copy-ledger', script: 'copy-ledger', args: [`sqlite:${join(dir.path, 'a.sqlite')}`, `sqlite:${join(dir.path, 'b.sqlite')}`, '--batch-size', '0'], naming: '--batch-size' },
      { file: 'generate-la', script: 'generate-la', args: ['--scale', '0.001'], naming: '--out' },
      { file: 'bench', script: 'bench', args: ['--stores', 'mysql'], naming: '--stores' },
      { file: 'tree', script: 'tree', args: ['consistency', '10'], naming: 'consistency takes 2 arguments' },
      { file: 'verify-bundle', script: 'verify-bundle', args: [], naming: 'give one bundle file' },
      { file: 'rebuild', script: 'rebuild', args: ['no-such-read-model'], naming: 'unknown projection no-such-read-model' },
    ];
    const runs = await inTurns(cases, (c) => spawnCli(c.file, c.args, env));
    cases.forEach((c, i) => expectOneUsageLine(runs[i]!, c.script, c.naming));
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);

  it('verify-bundle --help is the usage, not a file called --help; a file that is not there is named, exit 2', async () => {
    const [help, helpAfterFile, missing] = await Promise.all([
      spawnCli('verify-bundle', ['--help'], env),
      spawnCli('verify-bundle', ['bundle.json', '-h'], env),
      spawnCli('verify-bundle', [join(dir.path, 'no-bundle.json')], env),
    ]);
    for (const run of [help, helpAfterFile]) {
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('npm run verify-bundle -- <bundle.json>');
      expect(run.stdout).not.toContain('cannot read');
    }
    expectOneUsageLine(missing, 'verify-bundle', `cannot read ${join(dir.path, 'no-bundle.json')}`);
  }, 60_000);

  it('a failure while working exits 1 with a message and no stack trace, unless DEBUG asks for one', async () => {
    // A data directory that is a file: every tool that opens the configured ledger fails there.
    const notADirectory = join(dir.path, 'not-a-directory');
    writeFileSync(notADirectory, '');
    const [rebuild, rebuildDebug, restore, copy] = await Promise.all([
      spawnCli('rebuild', [], { ...env, SEND_LEDGER_DATA_DIR: notADirectory }),
      spawnCli('rebuild', [], { ...env, SEND_LEDGER_DATA_DIR: notADirectory, DEBUG: '1' }),
      spawnCli('restore', [join(dir.path, 'no-backup'), '--data-dir', join(dir.path, 'restored')], env),
      spawnCli('copy-ledger', [`sqlite:${join(dir.path, 'no-ledger.sqlite')}`, `sqlite:${join(dir.path, 'copy.sqlite')}`], env),
    ]);
    expect(rebuild.code).toBe(1);
    expect(rebuild.stderr).toMatch(/^npm run rebuild failed: .*not-a-directory/);
    expect(rebuild.stderr).not.toMatch(STACK_FRAME);
    expect(rebuildDebug.code).toBe(1);
    expect(rebuildDebug.stderr).toMatch(STACK_FRAME);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/^Restore refused: /);
    expect(restore.stderr).not.toMatch(STACK_FRAME);
    expect(copy.code).toBe(1);
    expect(copy.stderr).toContain(`Cannot open the source sqlite:${join(dir.path, 'no-ledger.sqlite')}: there is no ledger`);
    expect(copy.stderr).not.toMatch(STACK_FRAME);
  }, 60_000);
});
