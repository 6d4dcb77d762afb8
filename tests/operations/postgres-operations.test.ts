import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../src/api/auth/token-verifier.js';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/config.js';
import { openConfiguredStore, type ConfiguredLedger } from '../../src/config/open-store.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { createTestDatabase, createTestSchema, type TestDatabase, type TestSchema } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';
import { TEST_SECRET } from '../support/test-app.js';

let database: TestDatabase;
let schema: TestSchema;
let store: ConfiguredLedger;
let app: FastifyInstance;
const dir = tempDir();

beforeAll(async () => {
  database = await createTestDatabase('operations');
  schema = await createTestSchema(database.url);
  const config = parseConfig({ NODE_ENV: 'test', SEND_LEDGER_STORE: 'postgres', DATABASE_URL: schema.url, SEND_LEDGER_DATA_DIR: dir.path, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' });
  store = await openConfiguredStore(config);
  const verifyToken = createTokenVerifier({ secret: TEST_SECRET, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, algorithms: ['HS256'], clockToleranceSeconds: 30 });
  app = await buildApp({ config, store, readModels: store.readModels, verifyToken, signingKey: ephemeralSigningKey(), keys: store.keys, accessLog: store.accessLog });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await schema?.drop();
  await database?.drop();
  dir.remove();
});

describe('operations on PostgreSQL', () => {
  it('reports group commits of concurrent appends, and is ready with a writable access log in the database', async () => {
    const token = await mintDevToken(TEST_SECRET, 'send-ledger-dev', 'send-ledger', { actorId: 'la_officer-202-sam-okafor', displayName: 'Sam Okafor', role: 'la_officer', organisation: '202' });
    const registrations = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          payload: { query: 'mutation Register($input: RegisterChildInput!) { registerChild(input: $input) { childId } }', variables: { input: { displayName: `Child ${i} (pseudonym)`, dateOfBirth: '2016-04-01', laCode: '202' } } },
        }),
      ),
    );
    expect(registrations.map((r) => r.statusCode)).toEqual(registrations.map(() => 200));

    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (line: RegExp) => Number(line.exec(metrics)?.[1]);
    expect(value(/^send_ledger_append_commit_group_size_sum\{store="postgres"\} (\S+)$/m)).toBe(24);
    const commits = value(/^send_ledger_append_commit_duration_seconds_count\{store="postgres"\} (\S+)$/m);
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThanOrEqual(24);

    for (let i = 0; i < 200 && (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).json()).toMatchObject({ status: 'ready' });
    expect(await store.accessLog.writable?.()).toBe(true);
  });
});
