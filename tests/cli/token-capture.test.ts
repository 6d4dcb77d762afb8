import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../src/api/auth/token-verifier.js';
import { parseConfig } from '../../src/config/config.js';
import { tokenSettingsFrom } from '../../src/config/token-settings.js';
import { tempDir } from '../support/temp-dir.js';
import { spawnCli, spawnShell } from './run-cli.js';

const JWT_LINE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/;

describe('npm run token prints the token and nothing else, so a shell can capture it', () => {
  const dir = tempDir('send-ledger-token-');
  const env = { SEND_LEDGER_DATA_DIR: join(dir.path, 'data'), NODE_ENV: 'test' };
  /** As the server verifies a bearer token on this data directory (its generated development secret). */
  const verify = (token: string) => createTokenVerifier(tokenSettingsFrom(parseConfig(env)))(token);
  afterAll(() => dir.remove());

  it('stdout is one JWT line, the one the server accepts; TOKEN=$(npm run -s token -- ...) captures exactly it', async () => {
    const direct = await spawnCli('mint-token', ['--role', 'la_officer', '--org', '202', '--name', 'Sam Okafor'], env);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toMatch(JWT_LINE);
    expect(direct.stderr).toBe('');

    const captured = await spawnShell(`T=$(npm run -s token -- --role parent_carer --org 202 --name "Alex Morgan") && printf %s "$T"`, env);
    expect(captured.code, captured.stderr).toBe(0);
    expect(`${captured.stdout}\n`).toMatch(JWT_LINE);

    expect(await verify(direct.stdout.trim())).toMatchObject({ id: 'la_officer-202-sam-okafor', displayName: 'Sam Okafor', role: 'la_officer', organisation: '202' });
    expect(await verify(captured.stdout)).toMatchObject({ displayName: 'Alex Morgan', role: 'parent_carer', organisation: '202' });
  }, 60_000);
});
