import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LONG_SECRET = 'a-perfectly-long-shared-secret-of-48-characters!';

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(Object.keys(env))}`);
}

describe('parseConfig', () => {
  it('defaults: port 4000, data in ./data, late-entry threshold 14 days, development', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.SEND_LEDGER_DATA_DIR).toBe('./data');
    expect(config.LATE_ENTRY_THRESHOLD_DAYS).toBe(14);
    expect(config.NODE_ENV).toBe('development');
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.AUTH_CLOCK_TOLERANCE_SECONDS).toBe(30);
  });

  it('reads only the environment it is given, and treats an empty value as unset', () => {
    const config = parseConfig({ PORT: '', LATE_ENTRY_THRESHOLD_DAYS: '30', SEND_LEDGER_DATA_DIR: '/var/lib/send-ledger' });
    expect(config.PORT).toBe(4000);
    expect(config.LATE_ENTRY_THRESHOLD_DAYS).toBe(30);
    expect(config.SEND_LEDGER_DATA_DIR).toBe('/var/lib/send-ledger');
  });

  it.each(['abc', '70000', '-1', '80.5'])('refuses PORT=%s with a ConfigError naming PORT', (port) => {
    const error = configErrorOf({ PORT: port });
    expect(error.message).toContain('PORT');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^PORT: /);
  });

  it('refuses a short AUTH_JWT_SECRET, naming the setting but never echoing the value', () => {
    const secret = 'hunter2-is-not-secret';
    const error = configErrorOf({ AUTH_JWT_SECRET: secret });
    expect(error.problems).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: /)]);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error.problems)).not.toContain('hunter2');
    expect(parseConfig({ AUTH_JWT_SECRET: LONG_SECRET }).AUTH_JWT_SECRET).toBe(LONG_SECRET);
  });

  it('refuses production without AUTH_JWKS_URL or AUTH_JWT_SECRET (no generated development secret)', () => {
    const error = configErrorOf({ NODE_ENV: 'production' });
    expect(error.message).toContain('AUTH_JWKS_URL');
    expect(error.message).toMatch(/production/);
    const MASTER_KEY = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
    expect(parseConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json', SEND_LEDGER_MASTER_KEY: MASTER_KEY, SESSION_SECRET: LONG_SECRET }).NODE_ENV).toBe('production');
    expect(parseConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: LONG_SECRET, SEND_LEDGER_MASTER_KEY: MASTER_KEY, SESSION_SECRET: LONG_SECRET }).NODE_ENV).toBe('production');
    expect(configErrorOf({ NODE_ENV: 'production', AUTH_JWT_SECRET: LONG_SECRET }).message).toMatch(/SEND_LEDGER_MASTER_KEY: production needs a master key/);
    expect(configErrorOf({ NODE_ENV: 'test', SEND_LEDGER_MASTER_KEY: 'dG9vIHNob3J0dG9vIHNob3J0dG9vIHNob3J0dG9vIHNob3J0' }).message).toMatch(/SEND_LEDGER_MASTER_KEY: must be 32 bytes/);
  });

  it('reports every bad setting at once', () => {
    const error = configErrorOf({ PORT: 'abc', LATE_ENTRY_THRESHOLD_DAYS: 'soon', NODE_ENV: 'staging' });
    const named = error.problems.map((problem) => problem.split(':')[0]);
    expect(named).toEqual(expect.arrayContaining(['PORT', 'LATE_ENTRY_THRESHOLD_DAYS', 'NODE_ENV']));
  });
});

describe('the server refuses to start on a bad configuration', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    // Only the processes this test started, by their own handle, and only if still running.
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function run(command: string, args: string[], env: Record<string, string>) {
    const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env } });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, exited, output: () => ({ stdout, stderr }) };
  }

  it('PORT=abc: exits non-zero, names PORT on stderr, and touches no data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'send-ledger-config-'));
    dirs.push(dataDir);
    const server = run('npx', ['tsx', 'src/server.ts'], { PORT: 'abc', SEND_LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test' });
    const code = await server.exited;
    const { stderr } = server.output();
    expect(code).not.toBe(0);
    expect(code).toBe(78); // EX_CONFIG
    expect(stderr).toMatch(/PORT: /);
    expect(readdirSync(dataDir)).toEqual([]); // failed before opening the store or creating a secret
  }, 20_000);

  it('control: the same command with a good configuration starts, answers, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'send-ledger-config-'));
    dirs.push(dataDir);
    // node --import tsx: one process, so the signal reaches the server itself.
    const server = run(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      PORT: '0',
      HOST: '127.0.0.1',
      SEND_LEDGER_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: LONG_SECRET,
    });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /GraphQL endpoint: (\S+)/.exec(server.output().stdout);
          if (match) {
            clearInterval(timer);
            resolve(match[1]!);
          }
        }, 50);
        void server.exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`server exited with ${code}: ${server.output().stderr}`));
        });
      });
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  }, 20_000);
});
