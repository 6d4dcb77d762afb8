import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ME } from './api-fixtures.js';

/** The HTTP and GraphQL hardening: demand limits, introspection, CSRF, headers, CORS and the rate limit. */

const post = (t: TestApp, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: payload as string });

const nested = (levels: number) => `${'{ a '.repeat(levels)}${'}'.repeat(levels)}`;

describe('GraphQL demand limits (test config: default limits)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a query 30 levels deep without echoing the limit', async () => {
    const response = await post(t, { query: nested(30) });
    expect(response.statusCode).toBeLessThan(500);
    const body = response.json();
    expect(body.data ?? null).toBeNull();
    const messages: string[] = body.errors.map((error: { message: string }) => error.message);
    expect(messages.some((message) => message.includes('Query validation error.'))).toBe(true);
    expect(response.body).not.toMatch(/\b(12|30)\b/);
    expect(response.body).not.toMatch(/depth/i);
  });

  it('refuses 50 aliases, and allows a few', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const refused = await post(t, { query: aliases(50) });
    const body = refused.json();
    expect(body.data ?? null).toBeNull();
    expect(body.errors.map((error: { message: string }) => error.message)).toContain('Syntax Error: Query validation error.');
    expect(refused.body).not.toMatch(/\b(15|50)\b/);
    const allowed = await post(t, { query: aliases(5) });
    expect(allowed.json().data.a4).toBe('Query');
  });

  it('refuses a document with too many tokens (400)', async () => {
    const response = await post(t, { query: `{ ${'__typename '.repeat(t.config.GRAPHQL_MAX_TOKENS + 10)}}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveLength(1);
    expect(response.body).not.toContain(String(t.config.GRAPHQL_MAX_TOKENS));
  });

  it('refuses a body over the limit (413)', async () => {
    const response = await post(t, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(response.statusCode).toBe(413);
  });

  it('lets a real query through the limits', async () => {
    const token = await t.token('la_officer', '202');
    const response = await t.gql(ME, undefined, token);
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({ me: { role: 'la_officer' } });
  });

  it('keeps introspection on outside production', async () => {
    const response = await post(t, { query: '{ __schema { queryType { name } } }' });
    expect(response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('refuses a simple-content-type POST (CSRF prevention) and accepts application/json', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'text/plain' }, payload: '{"query":"{ __typename }"}' });
    expect(refused.statusCode).toBe(400);
    // Refused before execution: no data entry at all (GraphQL spec, "Response").
    expect(refused.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'CSRF_BLOCKED' } })] });
    const form = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'query=%7B__typename%7D' });
    expect(form.statusCode).toBe(400);
    const accepted = await post(t, { query: '{ __typename }' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('sends the helmet headers, with a CSP outside development', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const response = await post(t, { query: '{ __typename }' }, { origin: 'https://app.example.org' });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('production configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production', SEND_LEDGER_MASTER_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', SESSION_SECRET: 'a-session-secret-for-tests-0123456789abcdef' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses __schema and __type introspection', async () => {
    const token = await t.token('la_officer', '202');
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
      const response = await post(t, { query }, { authorization: `Bearer ${token}` });
      const body = response.json();
      expect(body.data ?? null).toBeNull();
      expect(body.errors[0].message).toMatch(/introspection/i);
    }
  });

  it('gives no field suggestions for a misspelt field', async () => {
    const response = await post(t, { query: '{ mee { id } }' });
    const body = response.json();
    expect(body.errors[0].message).toContain('Cannot query field');
    expect(response.body).not.toContain('Did you mean');
  });
});

describe('development configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'development' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps introspection and suggestions, with the CSP on (GraphiQL is served from this server)', async () => {
    const introspection = await post(t, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.json().data.__schema.queryType.name).toBe('Query');
    const misspelt = await post(t, { query: '{ mee { id } }' });
    expect(misspelt.body).toContain('Did you mean');
    expect(misspelt.headers['x-content-type-options']).toBe('nosniff');
    expect(misspelt.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('CORS for configured origins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://app.example.org, https://admin.example.org' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('allows a configured origin and not another', async () => {
    const allowed = await post(t, { query: '{ __typename }' }, { origin: 'https://app.example.org' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
    const other = await post(t, { query: '{ __typename }' }, { origin: 'https://evil.example.com' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight from a configured origin only', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/graphql',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight('https://admin.example.org');
    expect(allowed.statusCode).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example.org');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    const other = await preflight('https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limit per actor', () => {
  const LIMIT = 5;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 RATE_LIMITED after the limit for one actor while another is unaffected', async () => {
    const first = await t.token('la_officer', '202', 'Busy Officer');
    const second = await t.token('la_officer', '202', 'Quiet Officer');
    for (let i = 0; i < LIMIT; i++) {
      const response = await t.gql(ME, undefined, first);
      expect(response.statusCode).toBe(200);
    }
    const limited = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first}` },
      payload: { query: ME },
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    const body = limited.json();
    expect(body).not.toHaveProperty('data');
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');

    // Same address, different actor: its own budget.
    const other = await t.gql<{ me: { displayName: string } }>(ME, undefined, second);
    expect(other.statusCode).toBe(200);
    expect(other.data.me.displayName).toBe('Quiet Officer');
  });
});
