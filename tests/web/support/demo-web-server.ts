import { mkdtempSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTokenVerifier } from '../../../src/api/auth/token-verifier.js';
import { buildApp } from '../../../src/app.js';
import { runLoadDemo } from '../../../src/cli/load-demo.js';
import { parseConfig, type Config } from '../../../src/config/config.js';
import { openConfiguredStore } from '../../../src/config/open-store.js';
import { tokenSettingsFrom } from '../../../src/config/token-settings.js';
import { loadSigningKey } from '../../../src/integrity/signing-key.js';
import type { EventStore } from '../../../src/store/port.js';
import type { AccessLog } from '../../../src/access-log/port.js';
import { TestClock } from '../../support/test-app.js';

/** The day the web tests are run as: after the demo's last entry (December 2025), before its consents expire. */
export const WEB_TEST_NOW = '2026-03-02T10:00:00.000Z';

export interface DemoWebServer {
  /** http://127.0.0.1:<port> */
  url: string;
  app: FastifyInstance;
  store: EventStore;
  accessLog: AccessLog;
  clock: TestClock;
  config: Config;
  /** Every line the server logged (at info and above). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real server as `npm run demo && npm start` runs it: the demo loaded into an embedded SQLite store in a
 * fresh data directory (payloads encrypted, read models and access log beside it), listening on loopback.
 * Only the clock is the test's, so "today" is fixed.
 */
export async function startDemoWebServer(options: { now?: string; env?: Record<string, string> } = {}): Promise<DemoWebServer> {
  const dir = mkdtempSync(join(tmpdir(), 'send-ledger-web-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    SEND_LEDGER_DATA_DIR: dir,
    LOG_LEVEL: 'info',
    TREE_HEAD_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  const quiet = { out: () => {}, err: (line: string) => console.error(line) };
  if ((await runLoadDemo(config, quiet)) !== 0) throw new Error('the demo did not load');
  const clock = new TestClock(new Date(options.now ?? WEB_TEST_NOW));
  const store = await openConfiguredStore(config, clock.now);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({
    logStream,
    config,
    store,
    readModels: store.readModels,
    verifyToken: createTokenVerifier(tokenSettingsFrom(config)),
    signingKey: loadSigningKey(dir, undefined),
    keys: store.keys,
    accessLog: store.accessLog,
    clock: clock.now,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    store,
    accessLog: store.accessLog,
    clock,
    config,
    logs,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
