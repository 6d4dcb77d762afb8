import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The release as the Docker image holds it: dist/ from `npm run build`, package.json, and only the
 * packages an `npm ci --omit=dev` installs (linked from this checkout's node_modules), so a file the
 * code reads from src/, or an import of a development-only package, fails here as it would in the image.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The top-level packages the lockfile installs without --omit=dev's omissions. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !entry.dev && existsSync(join(ROOT, path)))
    .map(([path]) => path);
}

function assembleRelease(root: string): void {
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  for (const path of productionPackages()) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(join(ROOT, path), join(root, path), 'dir');
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function waitForHealth(base: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the built server exited (${server.exitCode}) before it was healthy:\n${output()}`);
    const healthy = await fetch(`${base}/health`).then((response) => response.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the built server was not healthy within 20 s:\n${output()}`);
}

describe('the built release', () => {
  let root: string;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'send-ledger-release-'));
    assembleRelease(root);
    // Type checking is CI's typecheck step; without it tsc emits the same JavaScript in a fraction of the time.
    await run(process.execPath, ['scripts/build.mjs', '--out-dir', join(root, 'dist'), '--no-check'], { cwd: ROOT });
  }, 120_000);

  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('runs with node alone in production: healthy, GOV.UK pages with their assets, GraphQL with a token from a built CLI, and a clean stop on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEND_LEDGER_DATA_DIR: join(root, 'data'),
      SEND_LEDGER_MASTER_KEY: randomBytes(32).toString('base64'),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
    };
    let output = '';
    server = spawn(process.execPath, ['dist/src/server.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(base, server, () => output);
    await vi.waitFor(() => expect(output).toContain(`SEND Ledger is running on the embedded SQLite store (${join(root, 'data', 'ledger.sqlite')})`));
    expect(output, 'no development hints in production').not.toMatch(/npm run (demo|token)/);

    const signIn = await fetch(`${base}/sign-in`);
    expect(signIn.status).toBe(200);
    const page = await signIn.text();
    expect(page).toContain('Sign in to SEND Ledger');
    expect(page).toContain('class="govuk-template');
    expect(page).toContain('<link rel="stylesheet" href="/govuk/govuk-frontend.min.css">');
    for (const asset of ['/govuk/govuk-frontend.min.css', '/app/app.css']) {
      const response = await fetch(`${base}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toContain('text/css');
    }

    const { stdout: token } = await run(process.execPath, ['dist/src/cli/mint-token.js', '--role', 'la_officer', '--org', '202', '--name', 'Sam Okafor'], { cwd: root, env });
    const answer = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.trim()}` },
      body: JSON.stringify({ query: '{ me { role organisation displayName } }' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { me: { role: 'la_officer', organisation: '202', displayName: 'Sam Okafor' } } });

    const stopped = exitOf(server);
    server.kill('SIGTERM');
    const outcome = await Promise.race([stopped, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 5_000))]);
    expect(outcome, output).toEqual({ code: 0, signal: null });
  }, 60_000);
});
