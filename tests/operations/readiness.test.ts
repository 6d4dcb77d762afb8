import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { checkReadiness, READINESS_BOUNDS } from '../../src/operations/readiness.js';
import { PROJECTIONS } from '../../src/read-models/projections.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { openSqliteAccessLog } from '../../src/access-log/sqlite-access-log.js';
import { tempDir } from '../support/temp-dir.js';
import { startTestApp, TestClock } from '../support/test-app.js';
import { caseworkerToken, demoApp, heldReadModels, loadDemoLedger, type DemoLedger } from './support/demo-ledger.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ready = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/health/ready' });

async function untilReady(app: FastifyInstance): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await ready(app)).statusCode === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('never ready');
}

/** Whether a promise settles within a short while. */
const settlesSoon = (promise: Promise<unknown>, ms = 200) => Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

describe('readiness after an upgrade that drops the read models', () => {
  let ledger: DemoLedger;

  it('is 503 naming the read models while they are folded again, and 200 once they have caught up; liveness stays 200 throughout', async () => {
    ledger = await loadDemoLedger({ MAX_REQUESTS_IN_PROGRESS: '1' });
    cleanups.push(() => ledger.remove());
    // What an upgrade with a read-model rebuild leaves: every read model dropped, to be folded again from the log.
    for (const projection of PROJECTIONS) await ledger.store.readModels.reset(projection);
    const held = heldReadModels(ledger.store.readModels);
    const { app } = await demoApp(ledger, { readModels: held.readModels });
    cleanups.push(() => app.close());
    cleanups.push(() => held.release());
    const head = await ledger.store.headPosition();

    const behind = await ready(app);
    expect(behind.statusCode).toBe(503);
    expect(behind.headers['cache-control']).toBe('no-store');
    const body = behind.json();
    expect(body.status).toBe('not ready');
    expect(body.failed).toEqual(['read-models']);
    const reason = body.checks.find((c: { check: string }) => c.check === 'read-models').reason as string;
    for (const projection of PROJECTIONS) expect(reason).toContain(`${projection.name} is ${head} entries behind the ledger`);
    expect(body.checks.filter((c: { ok: boolean }) => c.ok).map((c: { check: string }) => c.check)).toEqual(['store', 'access-log']);
    expect((await app.inject({ method: 'HEAD', url: '/health/ready' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);

    // A caseworker's list waits for the read models, holding the one request slot; the probes do not queue behind it.
    const token = await caseworkerToken(ledger.config);
    const list = app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: { query: 'query Promises { promises { nodes { provisionId } } }' } });
    expect(await settlesSoon(list), 'the list waits for the read models').toBe(false);
    const queued = app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: '{ __typename }' } });
    expect(await settlesSoon(queued), 'control: an ordinary request waits for the slot').toBe(false);
    expect((await ready(app)).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);

    held.release();
    await untilReady(app);
    const caughtUp = (await ready(app)).json();
    expect(caughtUp).toEqual({ status: 'ready', failed: [], checks: [{ check: 'store', ok: true }, { check: 'read-models', ok: true }, { check: 'access-log', ok: true }] });
    expect((await list).statusCode).toBe(200);
    expect((await queued).statusCode).toBe(200);
  });
});

describe('readiness of the store and the access log', () => {
  it('is 503 naming the store when the ledger database does not answer', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const store = openSqliteStore(`${dir.path}/ledger.sqlite`);
    const t = await startTestApp({ store });
    cleanups.push(() => t.close());
    await untilReady(t.app);

    store.database.close();
    const response = await ready(t.app);
    expect(response.statusCode).toBe(503);
    expect(response.json().failed).toContain('store');
    expect(response.json().checks[0]).toEqual({ check: 'store', ok: false, reason: 'the store did not answer' });
  });

  it('is 503 naming the access log when it cannot be written', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const accessLog = openSqliteAccessLog(`${dir.path}/access-log.sqlite`);
    const t = await startTestApp({ accessLog });
    cleanups.push(() => t.close());
    await untilReady(t.app);

    await accessLog.close();
    const response = await ready(t.app);
    expect(response.statusCode).toBe(503);
    expect(response.json().failed).toEqual(['access-log']);
    expect(response.json().checks[2]).toEqual({ check: 'access-log', ok: false, reason: 'the access log cannot be written' });
  });

  it('is never rate limited, and needs no sign-in', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    cleanups.push(() => t.close());
    for (let i = 0; i < 5; i++) {
      expect((await ready(t.app)).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    }
    const limited = [];
    for (let i = 0; i < 3; i++) limited.push((await t.gql('{ __typename }')).statusCode);
    expect(limited, 'control: other requests are limited').toEqual([200, 200, 429]);
  });
});

describe('the bound on a read model behind the log', () => {
  const clock = new TestClock(new Date('2026-03-02T10:00:00.000Z'));
  const writable = async () => true;

  async function storeWith(entries: number, recordedAt: string) {
    const store = createMemoryStore(() => new Date(recordedAt));
    const actor = { id: 'la_officer-202-sam', displayName: 'Sam', role: 'la_officer', organisation: '202' };
    for (let i = 0; i < entries; i++) {
      await store.append(`child-${i}`, [{ eventId: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: { actor, occurredAt: recordedAt, correlationId: 'c', causationId: 'c' } }], 'no_stream');
    }
    return store;
  }
  const readModel = (position: number, failed = false) => ({ name: 'child-directory', position, failed });

  it('lets a read model trail by entries recorded moments ago: it is keeping up with writes', async () => {
    const store = await storeWith(5, '2026-03-02T09:59:58.000Z');
    const readiness = await checkReadiness({ store, readModels: [readModel(2)], accessLog: { writable }, clock: clock.now });
    expect(readiness.ready).toBe(true);
  });

  it('is not ready while the oldest entry not yet folded in was recorded longer ago than the bound', async () => {
    const store = await storeWith(5, '2026-03-02T09:59:00.000Z');
    const readiness = await checkReadiness({ store, readModels: [readModel(2)], accessLog: { writable }, clock: clock.now });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks[1]).toEqual({ check: 'read-models', ok: false, reason: 'child-directory is 3 entries behind the ledger, the oldest recorded 60 s ago' });
  });

  it('is not ready when a read model is further behind than the bound in entries, however fresh they are', async () => {
    const store = await storeWith(12, '2026-03-02T10:00:00.000Z');
    const readiness = await checkReadiness({ store, readModels: [readModel(1)], accessLog: { writable }, clock: clock.now }, { ...READINESS_BOUNDS, maxEntriesBehind: 10 });
    expect(readiness.checks[1]).toEqual({ check: 'read-models', ok: false, reason: 'child-directory is 11 entries behind the ledger' });
  });

  it('is not ready when a read model stopped on an error, even level with the head', async () => {
    const store = await storeWith(1, '2026-03-02T10:00:00.000Z');
    const readiness = await checkReadiness({ store, readModels: [readModel(1, true)], accessLog: { writable }, clock: clock.now });
    expect(readiness.checks[1]).toEqual({ check: 'read-models', ok: false, reason: 'child-directory stopped on an error' });
  });

  it('is not ready when the store takes longer than the bound to answer', async () => {
    const store = { headPosition: () => new Promise<0>(() => {}), readAll: async () => [] };
    const readiness = await checkReadiness({ store, readModels: [readModel(0)], accessLog: { writable }, clock: clock.now }, { ...READINESS_BOUNDS, answerWithinMs: 50 });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks).toEqual([
      { check: 'store', ok: false, reason: 'the store did not answer within 50 ms' },
      { check: 'read-models', ok: false, reason: 'not checked: the store did not answer' },
      { check: 'access-log', ok: true },
    ]);
  });
});
