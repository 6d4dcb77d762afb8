import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AccessLog } from '../../src/access-log/port.js';
import { openSqliteAccessLog } from '../../src/access-log/sqlite-access-log.js';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { createTokenVerifier } from '../../src/api/auth/token-verifier.js';
import { buildApp } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import type { Role } from '../../src/domain/roles.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import type { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { sqliteReadModels } from '../../src/read-models/sqlite-read-models.js';
import type { ReadModelStore } from '../../src/read-models/read-model-store.js';
import { ephemeralSigningKey, type SigningKey } from '../../src/integrity/signing-key.js';
import { memoryKeyStore, type ChildKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A clock tests can move: the server's recorded time comes only from here. */
export class TestClock {
  constructor(private current = new Date('2024-09-02T09:00:00.000Z')) {}
  now = () => new Date(this.current);
  set(iso: string) {
    this.current = new Date(iso);
  }
  advanceDays(days: number) {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface TestApp {
  app: FastifyInstance;
  store: EventStore;
  clock: TestClock;
  config: Config;
  /** Every log line the app wrote, raw. */
  logs: string[];
  /** A signed token; `actorId` is its subject (a parent's or young person's personId), by default made from the rest. */
  token(role: Role, organisation: string, name?: string, actorId?: string): Promise<string>;
  accessLog: AccessLog;
  /** POST /graphql through app.inject; returns the parsed body and the status code. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  statusCode: number;
  data: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export async function startTestApp(options: { accessLog?: AccessLog; store?: EventStore; readModels?: ReadModelStore; clock?: TestClock; env?: Record<string, string>; signingKey?: SigningKey; keys?: ChildKeyStore } = {}): Promise<TestApp> {
  const clock = options.clock ?? new TestClock();
  const keys = options.keys ?? memoryKeyStore();
  // By default the same shape as the server: child payloads encrypted under per-child keys.
  const store = options.store ?? encryptingStore(createMemoryStore(clock.now), keys);
  // A SQLite event store keeps its read models in the same file; the memory store, in memory.
  const readModels = options.readModels ?? ('database' in store ? sqliteReadModels((store as SqliteEventStore).database) : memoryReadModels());
  const config = parseConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'info', ...options.env });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const verifyToken = createTokenVerifier({ secret: TEST_SECRET, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, algorithms: ['HS256'], clockToleranceSeconds: 30 });
  const accessLog = options.accessLog ?? openSqliteAccessLog(':memory:');
  const app = await buildApp({ config, store, readModels, verifyToken, clock: clock.now, logStream, signingKey: options.signingKey ?? ephemeralSigningKey(), keys, accessLog });
  app.addHook('onClose', async () => {
    if (!options.accessLog) await accessLog.close();
  });
  await app.ready();
  return {
    app,
    store,
    clock,
    config,
    logs,
    accessLog,
    token: (role, organisation, name = `Test ${role}`, actorId = `${role}:${organisation}:${name}`) =>
      mintDevToken(TEST_SECRET, config.AUTH_ISSUER, config.AUTH_AUDIENCE, { actorId, displayName: name, role, organisation }),
    async gql(query, variables, token) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: { query, variables },
      });
      return { statusCode: response.statusCode, ...response.json() };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
