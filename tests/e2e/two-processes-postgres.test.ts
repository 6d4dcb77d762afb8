import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_CESSATIONS, PLAN_TYPES, PROVISIONS, promiseRegister } from '../../projections/promise-register.js';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { parseConfig } from '../../src/config/config.js';
import type { Role } from '../../src/domain/roles.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { openPostgresReadModels } from '../../src/read-models/postgres-read-models.js';
import { rebuildProjection } from '../../src/read-models/rebuild.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { openSqliteKeyStore } from '../../src/privacy/sqlite-key-store.js';
import { openPostgresStore, type PostgresEventStore } from '../../src/store/postgres/postgres-store.js';
import { expectValidChain } from '../store/store-contract.js';
import { mutate, provisionLine, record, registerChild, type MutationOutcome } from '../support/ledger-client.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import type { GqlResponse, TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = randomBytes(36).toString('base64url');
const MASTER_KEY = randomBytes(32);
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const PROMISES = '{ promises(first: 50) { totalCount nodes { provisionId status history { kind } delivery { sessionsDelivered } } } }';

interface ApiProcess {
  name: string;
  child: ChildProcess;
  url: string;
  output: string[];
}

/** A real `src/server.ts` process on a loopback port chosen by the OS, configured for the shared database. */
function startApi(name: string, env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('did not start within 90 s')), 90_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`API process ${name}: ${error.message}\n${output.join('').slice(-4000)}`));
    };
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const endpoint = /GraphQL endpoint:\s+(\S+)/.exec(output.join(''))?.[1];
      if (endpoint) {
        clearTimeout(timer);
        resolve({ name, child, url: endpoint, output });
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.on('exit', (code, signal) => fail(new Error(`exited early (code ${code}, signal ${signal})`)));
  });
}

/** SIGTERM (the server closes its projections and pool), then SIGKILL if it does not exit in time. */
async function stopApi(api: ApiProcess | undefined): Promise<void> {
  if (!api || api.child.exitCode !== null || api.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => api.child.once('exit', () => resolve()));
  api.child.kill('SIGTERM');
  const timer = setTimeout(() => api.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The shared GraphQL helpers talk to a TestApp; over HTTP only its `gql` is needed. */
function client(api: ApiProcess): TestApp {
  return {
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>> {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { statusCode: response.status, ...((await response.json()) as { data: T }) };
    },
  } as unknown as TestApp;
}

const token = (role: Role, organisation: string, name: string) =>
  mintDevToken(SECRET, 'send-ledger-dev', 'send-ledger', { actorId: `${role}:${organisation}:${name}`, displayName: name, role, organisation });

describe('two API processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  const dir = tempDir('send-ledger-two-processes-');
  const apis: ApiProcess[] = [];
  let one: TestApp;
  let two: TestApp;
  let inspector: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('two_processes');
    const env = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      SEND_LEDGER_STORE: 'postgres',
      DATABASE_URL: database.url,
      // One data directory: both processes use the same child keys (keys.sqlite) and the same secrets.
      SEND_LEDGER_DATA_DIR: dir.path,
      AUTH_JWT_SECRET: SECRET,
      SEND_LEDGER_MASTER_KEY: MASTER_KEY.toString('base64'),
      TREE_HEAD_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      TREE_HEAD_INTERVAL_SECONDS: '0',
    };
    apis.push(await startApi('one', env));
    apis.push(await startApi('two', env));
    [one, two] = apis.map(client) as [TestApp, TestApp];
    inspector = await openPostgresStore(database.url);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(apis.map(stopApi));
    await inspector?.close();
    await database?.drop();
    dir.remove();
  }, 60_000);

  it('concurrent writes to one child from both processes: one success and one CONFLICT per race, nothing lost or duplicated; both answer alike', async () => {
    const la = await token('la_officer', '202', 'Sam Okafor');
    const senco = await token('senco', '100001', 'Ola SENCo');
    // Each step through the other process: the write path reads the stream from the database, not from memory.
    const { childId } = await registerChild(one, la, {}, { occurredAt: daysAgo(200) });
    const request = await record(two, la, 'requestAssessment', childId, { requestedBy: 'school' }, { occurredAt: daysAgo(190) });
    await record(one, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' }, { occurredAt: daysAgo(180) });
    const draft = await record(two, la, 'issueDraftPlan', childId, { requestId: request.subjectId }, { occurredAt: daysAgo(120) });
    const final = await record(one, la, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } }, { occurredAt: daysAgo(90) });
    const planId = draft.subjectId!;

    const race = async (revision: number, write: (api: TestApp, i: number) => Promise<MutationOutcome>) => {
      const outcomes = await Promise.all([write(one, 0), write(two, 1)]);
      const won = outcomes.filter((o) => o.result !== null);
      const lost = outcomes.filter((o) => o.result === null);
      expect(won, JSON.stringify(outcomes.map((o) => o.errors))).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentRevision: revision + 1, expectedRevision: revision });
      return won[0]!.result!;
    };

    const promised = await race(final.streamRevision, (api, i) =>
      mutate(api, la, 'promiseProvision', childId, provisionLine(planId, { description: `Line from process ${i + 1}` }), {
        expectedRevision: final.streamRevision,
        occurredAt: daysAgo(89),
      }),
    );
    let revision = promised.streamRevision;
    let deliveries = 0;
    for (let round = 0; round < 4; round++) {
      const delivered = await race(revision, (api, i) =>
        mutate(api, senco, 'recordDelivery', childId, { provisionId: promised.subjectId, sessions: 1, minutes: 45, deliveredBy: { name: `Therapist ${i}`, role: 'SALT' } }, {
          expectedRevision: revision,
          occurredAt: daysAgo(60 - round),
        }),
      );
      revision = delivered.streamRevision;
      deliveries++;
    }
    // Without an expected revision both writes of each round are recorded, each once: the loser of the append
    // re-reads and decides again (the write path retries a conflict a few times; a burst from many writers at
    // once in each process can outrun that, which is the write path's policy, not the store's).
    const unconditional = [];
    for (let round = 0; round < 5; round++) {
      unconditional.push(
        ...(await Promise.all(
          [one, two].map((api, i) =>
            record(api, senco, 'recordDelivery', childId, { provisionId: promised.subjectId, sessions: 1, minutes: 45, deliveredBy: { name: `Assistant ${round}-${i}`, role: 'TA' } }, {
              occurredAt: daysAgo(40 - round),
            }),
          ),
        )),
      );
    }
    deliveries += unconditional.length;

    const stream = await inspector.readStream(`child-${childId}`);
    expect(stream).toHaveLength(revision + 1 + unconditional.length);
    expect(new Set(stream.map((e) => e.eventId)).size).toBe(stream.length);
    expectValidChain(stream);
    expect(stream.filter((e) => e.type === 'ProvisionDelivered')).toHaveLength(deliveries);
    const log = await inspector.readAll(1, 1000);
    expect(log.map((e) => e.globalPosition)).toEqual(log.map((_, i) => i + 1));

    // Each process folds the shared read model; a delivery folded twice would show in the count.
    const answers = await Promise.all([one.gql(PROMISES, {}, la), two.gql(PROMISES, {}, la)]);
    expect(answers[0].errors).toBeUndefined();
    expect(answers[0].data).toEqual(answers[1].data);
    const promises = (answers[0].data as { promises: { nodes: Array<{ provisionId: string; delivery: { sessionsDelivered: number } }> } }).promises.nodes;
    expect(promises).toHaveLength(1);
    expect(promises[0]).toMatchObject({ provisionId: promised.subjectId, delivery: { sessionsDelivered: deliveries } });

    // And the stored read model is exactly what a rebuild from the log gives.
    const config = parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dir.path });
    const keys = openSqliteKeyStore(join(config.SEND_LEDGER_DATA_DIR, 'keys.sqlite'), { masterKey: MASTER_KEY });
    try {
      const rebuilt = memoryReadModels();
      await rebuildProjection(encryptingStore(inspector, keys), rebuilt, promiseRegister);
      const stored = await openPostgresReadModels(inspector.pool);
      expect(await stored.checkpoint(promiseRegister.name)).toEqual({ version: promiseRegister.version, position: log.length });
      for (const collection of [PROVISIONS, PLAN_CESSATIONS, PLAN_TYPES]) {
        expect(await stored.reader(promiseRegister.name).list(collection)).toEqual(await rebuilt.reader(promiseRegister.name).list(collection));
      }
    } finally {
      await keys.close();
    }
  }, 120_000);
});
