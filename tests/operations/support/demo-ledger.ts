import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { mintDevToken } from '../../../src/api/auth/mint-token.js';
import { createTokenVerifier } from '../../../src/api/auth/token-verifier.js';
import { buildApp } from '../../../src/app.js';
import { runLoadDemo } from '../../../src/cli/load-demo.js';
import { parseConfig, type Config } from '../../../src/config/config.js';
import { openConfiguredStore, type ConfiguredLedger } from '../../../src/config/open-store.js';
import { tokenSettingsFrom } from '../../../src/config/token-settings.js';
import { cast } from '../../../src/demo/cast.js';
import { loadSigningKey } from '../../../src/integrity/signing-key.js';
import type { ReadModelStore } from '../../../src/read-models/read-model-store.js';
import { tempDir } from '../../support/temp-dir.js';
import { TestClock } from '../../support/test-app.js';

/** After the demo's last entry (December 2025): its entries were all recorded months before "now". */
export const DEMO_NOW = '2026-03-02T10:00:00.000Z';

export interface DemoLedger {
  config: Config;
  store: ConfiguredLedger;
  clock: TestClock;
  remove(): Promise<void>;
}

/** `npm run demo` into a fresh data directory, then the ledger opened as the server opens it (SQLite, encrypted). */
export async function loadDemoLedger(env: Record<string, string> = {}): Promise<DemoLedger> {
  const dir = tempDir('send-ledger-operations-');
  const config = parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dir.path, LOG_LEVEL: 'info', TREE_HEAD_INTERVAL_SECONDS: '0', ...env });
  if ((await runLoadDemo(config, { out: () => {}, err: (line: string) => console.error(line) })) !== 0) throw new Error('the demo did not load');
  const clock = new TestClock(new Date(DEMO_NOW));
  const store = await openConfiguredStore(config, clock.now);
  return {
    config,
    store,
    clock,
    async remove() {
      await store.close();
      dir.remove();
    },
  };
}

/** The server over a demo ledger, as server.ts builds it, logging into `logs`. */
export async function demoApp(ledger: DemoLedger, options: { readModels?: ReadModelStore; config?: Config } = {}): Promise<{ app: FastifyInstance; logs: string[] }> {
  const config = options.config ?? ledger.config;
  const logs: string[] = [];
  const app = await buildApp({
    config,
    store: ledger.store,
    readModels: options.readModels ?? ledger.store.readModels,
    verifyToken: createTokenVerifier(tokenSettingsFrom(config)),
    signingKey: loadSigningKey(config.SEND_LEDGER_DATA_DIR, undefined),
    keys: ledger.store.keys,
    accessLog: ledger.store.accessLog,
    clock: ledger.clock.now,
    logStream: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  return { app, logs };
}

/** A token for the demo's LA caseworker, who relates to every demo child. */
export async function caseworkerToken(config: Config): Promise<string> {
  const settings = tokenSettingsFrom(config) as { secret: string; issuer: string; audience: string };
  const { id, displayName, organisation } = cast.caseworker;
  return mintDevToken(settings.secret, settings.issuer, settings.audience, { actorId: id, displayName, role: 'la_officer', organisation });
}

/** Read models whose every commit waits until released: a projection held behind the log. */
export function heldReadModels(inner: ReadModelStore): { readModels: ReadModelStore; release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    readModels: {
      checkpoint: (projection) => inner.checkpoint(projection),
      commit: async (projection, entries) => {
        await released;
        return inner.commit(projection, entries);
      },
      commitAll: async (projections, entries) => {
        await released;
        return inner.commitAll(projections, entries);
      },
      reset: (projection) => inner.reset(projection),
      reader: (projection) => inner.reader(projection),
    },
    release,
  };
}
