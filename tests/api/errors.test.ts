import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { startTestApp, TestClock, type TestApp } from '../support/test-app.js';
import {
  childInput, childWithDecisionToAssess, dataOf, ISSUE_DRAFT_PLAN, ISSUE_FINAL_PLAN, onlyError, PROMISE_PROVISION, REGISTER_CHILD,
  registerChild, REQUEST_ASSESSMENT, senSupportProvision, type RecordedView,
} from './api-fixtures.js';

/** The error contract: a stable extensions.code, `field` with the full path, `rule` for a broken rule. */

let t: TestApp;
let la: string;
let senco: string;

beforeAll(async () => {
  t = await startTestApp();
  la = await t.token('la_officer', '202');
  senco = await t.token('senco', '100001');
});
afterAll(async () => {
  await t?.close();
});

describe('BAD_INPUT: input that fails validation', () => {
  it('names the offending field by its full path (promiseProvision frequency.sessions 0)', async () => {
    const childId = await registerChild(t, senco);
    const before = await t.store.headPosition();
    const response = await t.gql(PROMISE_PROVISION, { childId, input: senSupportProvision({ frequency: { sessions: 0, per: 'week' } }) }, senco);
    expect(response.statusCode).toBe(200);
    expect(response.data).toBeNull();
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.frequency.sessions' });
    expect(error.extensions?.['rule']).toBeUndefined();
    expect(error.extensions?.['issues']).toEqual([{ field: 'input.frequency.sessions', message: 'must be at least 1' }]);
    expect(error.message).toContain('input.frequency.sessions');
    expect(error.path).toEqual(['promiseProvision']);
    expect(await t.store.headPosition()).toBe(before);

    // control: the same input with one session a week is recorded
    const ok = dataOf(await t.gql<{ promiseProvision: RecordedView }>(PROMISE_PROVISION, { childId, input: senSupportProvision() }, senco));
    expect(ok.promiseProvision.entries[0]!.type).toBe('ProvisionPromised');
  });

  it('lists every offending field in issues, the first one as field', async () => {
    const response = await t.gql(REGISTER_CHILD, { input: childInput({ laCode: '12', settingUrn: 'abc' }) }, la);
    const error = onlyError(response);
    expect(error.extensions?.['code']).toBe('BAD_INPUT');
    const issues = error.extensions?.['issues'] as Array<{ field: string }>;
    expect(issues.map((issue) => issue.field).sort()).toEqual(['input.laCode', 'input.settingUrn']);
    expect(issues.map((issue) => issue.field)).toContain(error.extensions?.['field']);
  });

  it('a malformed child id names childId', async () => {
    const response = await t.gql(REQUEST_ASSESSMENT, { childId: 'not-a-uuid', input: { requestedBy: 'school' } }, la);
    expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_INPUT', field: 'childId' });
  });

  it('occurredAt in the future: BAD_INPUT with field options.occurredAt, and nothing recorded', async () => {
    const before = await t.store.headPosition();
    const future = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const response = await t.gql(REGISTER_CHILD, { input: childInput(), options: { occurredAt: future } }, la);
    expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_INPUT', field: 'options.occurredAt', rule: 'occurred-in-future' });
    expect(await t.store.headPosition()).toBe(before);

    // control: a past claimed time is accepted and kept as the claimed time
    const past = dataOf(await t.gql<{ registerChild: RecordedView }>(REGISTER_CHILD, { input: childInput(), options: { occurredAt: '2024-08-01' } }, la));
    expect(past.registerChild.entries[0]!.occurredAt).toBe('2024-08-01T00:00:00.000Z');
  });

  it('the future is judged by the server clock, not the wall clock', async () => {
    const clock = new TestClock(new Date('2031-01-01T00:00:00.000Z'));
    const later = await startTestApp({ clock });
    try {
      const token = await later.token('la_officer', '202');
      const accepted = await later.gql(REGISTER_CHILD, { input: childInput(), options: { occurredAt: '2030-06-01' } }, token);
      expect(accepted.errors).toBeUndefined();
      clock.set('2030-05-01T00:00:00.000Z');
      const refused = await later.gql(REGISTER_CHILD, { input: childInput(), options: { occurredAt: '2030-06-01' } }, token);
      expect(onlyError(refused).extensions).toMatchObject({ code: 'BAD_INPUT', field: 'options.occurredAt' });
    } finally {
      await later.close();
    }
  });
});

describe('BAD_INPUT with rule: a broken rule of the record', () => {
  it('issueFinalPlan for an unknown plan id -> rule final-plan-requires-draft', async () => {
    const childId = await registerChild(t, la);
    const response = await t.gql(ISSUE_FINAL_PLAN, { childId, input: { planId: randomUUID(), namedSetting: { name: 'Hillside Primary School' } } }, la);
    expect(response.statusCode).toBe(200);
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: 'BAD_INPUT', rule: 'final-plan-requires-draft' });
    expect(typeof error.extensions?.['field']).toBe('string');
    expect(error.message).toMatch(/draft/);
  });

  // Rule errors name fields as request paths, as validation errors do, so a client maps both the same way.
  it('a rule field is the full path, like validation fields (input.planId)', async () => {
    const childId = await registerChild(t, la);
    const response = await t.gql(ISSUE_FINAL_PLAN, { childId, input: { planId: randomUUID(), namedSetting: { name: 'Hillside Primary School' } } }, la);
    expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_INPUT', rule: 'final-plan-requires-draft', field: 'input.planId' });
  });
});

describe('NOT_FOUND, FORBIDDEN', () => {
  it('an unknown child -> NOT_FOUND, and no stream is created', async () => {
    const childId = randomUUID();
    const response = await t.gql(REQUEST_ASSESSMENT, { childId, input: { requestedBy: 'school' } }, la);
    expect(onlyError(response).extensions).toEqual({ code: 'NOT_FOUND' });
    expect(await t.store.readStream(`child-${childId}`)).toEqual([]);
  });

  it('a senco issuing a draft plan -> FORBIDDEN; the LA officer may', async () => {
    const { childId, requestId } = await childWithDecisionToAssess(t, la);
    const before = await t.store.headPosition();
    const forbidden = await t.gql(ISSUE_DRAFT_PLAN, { childId, input: { requestId } }, senco);
    const error = onlyError(forbidden);
    expect(error.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(error.message).toContain('senco');
    expect(await t.store.headPosition()).toBe(before);

    const allowed = dataOf(await t.gql<{ issueDraftPlan: RecordedView }>(ISSUE_DRAFT_PLAN, { childId, input: { requestId } }, la));
    expect(allowed.issueDraftPlan.entries[0]!.type).toBe('DraftPlanIssued');
  });
});

describe('GraphiQL', () => {
  it('is not served when NODE_ENV is test', async () => {
    expect(t.config.NODE_ENV).toBe('test');
    const response = await t.app.inject({ method: 'GET', url: '/graphiql' });
    expect(response.statusCode).toBe(404);
  });

  it('control: it is served in development, so the 404 above is the setting at work', async () => {
    const dev = await startTestApp({ env: { NODE_ENV: 'development' } });
    try {
      const response = await dev.app.inject({ method: 'GET', url: '/graphiql' });
      expect(response.statusCode).toBe(200);
      expect(response.body.toLowerCase()).toContain('graphiql');
    } finally {
      await dev.close();
    }
  });
});

describe('unexpected internal errors', () => {
  const SECRET = 'secret internal detail';

  /** The memory store, delegating every method except the reads of one stream, which fail with an internal error. */
  function failingStore(): EventStore {
    const inner = createMemoryStore();
    const fail = async () => {
      throw new Error(SECRET);
    };
    // A proxy rather than a list of methods, so the wrapper keeps up with the store port. The server looks at a record's
    // head before reading it (its record cache), so both fail.
    return new Proxy(inner, {
      get: (target, property, receiver) => (property === 'readStream' || property === 'streamHead' ? fail : Reflect.get(target, property, receiver)),
    });
  }

  let broken: TestApp;
  beforeAll(async () => {
    broken = await startTestApp({ store: failingStore() });
  });
  afterAll(async () => {
    await broken?.close();
  });

  it.each([
    ['a mutation', REGISTER_CHILD, { input: childInput() }],
    ['a query', 'query Child($id: ID!) { child(id: $id) { displayName } }', { id: randomUUID() }],
  ])('in %s: INTERNAL_SERVER_ERROR, the message never leaves the server, and it is logged', async (_label, query, variables) => {
    const token = await broken.token('la_officer', '202');
    const response = await broken.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: { query, variables },
    });
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('memory-store');
    expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
    const body = response.json() as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    const requestId = String(response.headers['x-request-id']);
    expect(body.errors[0]!.message).toContain(requestId); // something to quote to support

    // The operator still gets the detail, tied to the same request.
    const logged = broken.logs
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes(SECRET))
      .map((line) => JSON.parse(line) as { reqId?: string; level?: number });
    expect(logged.some((line) => line.reqId === requestId && line.level === 50)).toBe(true);
  });

  // A non-string query is the client's mistake: a 400, never an internal error any caller could trigger.
  it('a non-string query is a client error (400 BAD_INPUT), not an internal error', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query: 0 } });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('INTERNAL_SERVER_ERROR');
  });
});
