import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../src/api/auth/token-verifier.js';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/config.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { OperationNames, observeGraphQLOperations } from '../../src/operations/graphql-metrics.js';
import { serviceMetrics } from '../../src/operations/service-metrics.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { PROJECTIONS } from '../../src/read-models/projections.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { openSqliteAccessLog } from '../../src/access-log/sqlite-access-log.js';
import mercurius from 'mercurius';
import type { FastifyInstance } from 'fastify';
import { TEST_SECRET } from '../support/test-app.js';
import { caseworkerToken, demoApp, loadDemoLedger, type DemoLedger } from './support/demo-ledger.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

const familiesOf = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length === 0) throw new Error(`no sample ${name} ${JSON.stringify(labels)}`);
  return found.reduce((sum, s) => sum + s.value, 0);
}

/** Every string under a key that names something (displayName, name, settingName...) anywhere in the ledger. */
function namesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => namesIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (/name$/i.test(key) && typeof v === 'string' && v.length >= 4) found.add(v);
      else namesIn(v, found);
    }
  }
  return found;
}

const LONG_NAME = `Operation${'x'.repeat(60)}`;
const NEW_CHILD = 'Zebedee Quillfeather (pseudonym)';

describe('GET /metrics after the demo and some requests', () => {
  let ledger: DemoLedger;
  let app: FastifyInstance;
  let url: string;
  let text: string;
  let samples: Sample[];
  let refused = 0;

  beforeAll(async () => {
    ledger = await loadDemoLedger({ RATE_LIMIT_PER_MINUTE: '40' });
    ({ app } = await demoApp(ledger));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    const token = await caseworkerToken(ledger.config);
    const graphql = (query: string, variables?: Record<string, unknown>, signedIn = true) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signedIn ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });

    expect((await fetch(`${url}/health`)).status).toBe(200);
    for (let i = 0; i < 200 && (await fetch(`${url}/health/ready`)).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    // A child's id in the URL: the label must be the route's pattern.
    expect((await fetch(`${url}/children/${childA().childId}/access`, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${url}/no-such-page/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await graphql('query Ping { __typename }', undefined, false)).status).toBe(200);
    expect((await graphql('query Promises { promises { nodes { provisionId } } }')).status).toBe(200);
    expect((await graphql(`query ${LONG_NAME} { __typename }`)).status).toBe(200);
    const registered = await graphql('mutation Register($input: RegisterChildInput!) { registerChild(input: $input) { childId } }', {
      input: { displayName: NEW_CHILD, dateOfBirth: '2016-04-01', laCode: '202' },
    });
    expect(registered.status).toBe(200);
    expect(((await registered.json()) as { data: { registerChild: { childId: string } } }).data.registerChild.childId).toMatch(UUID);
    expect((await graphql('query Child($id: ID!) { child(id: $id) { id } }', { id: childA().childId })).status).toBe(200);
    // Anonymous callers share their address's bucket: enough of them to be refused.
    for (let i = 0; i < 45; i++) if ((await graphql('{ __typename }', undefined, false)).status === 429) refused++;

    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await response.text();
    samples = samplesOf(text);
  });

  afterAll(async () => {
    await app?.close();
    await ledger?.remove();
  });

  it('has every metric family, with prom-client\'s process metrics', () => {
    const families = familiesOf(text);
    for (const family of [
      'send_ledger_http_request_duration_seconds',
      'send_ledger_rate_limit_refusals_total',
      'send_ledger_graphql_operation_duration_seconds',
      'send_ledger_append_commit_duration_seconds',
      'send_ledger_append_commit_group_size',
      'send_ledger_projection_lag_entries',
      'send_ledger_ledger_head_position',
      'send_ledger_access_log_appends_waiting',
      'send_ledger_access_log_append_duration_seconds',
      'send_ledger_access_log_entries_total',
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(families, family).toContain(family);
    }
  });

  it('counts requests by route pattern, method and status class', () => {
    const requests = (labels: Record<string, string>) => valueOf(samples, 'send_ledger_http_request_duration_seconds_count', labels);
    expect(requests({ route: '/graphql', method: 'POST', status_class: '2xx' })).toBeGreaterThanOrEqual(5);
    expect(requests({ route: '/children/:childId/access', method: 'GET', status_class: '3xx' })).toBe(1);
    expect(requests({ route: 'unmatched', method: 'GET', status_class: '4xx' })).toBe(1);
    expect(requests({ route: '/health', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(valueOf(samples, 'send_ledger_http_request_duration_seconds_sum', { route: '/graphql' })).toBeGreaterThan(0);
  });

  it('counts the rate limit\'s refusals', () => {
    expect(refused).toBeGreaterThan(0);
    expect(valueOf(samples, 'send_ledger_rate_limit_refusals_total', { route: '/graphql' })).toBe(refused);
    expect(valueOf(samples, 'send_ledger_http_request_duration_seconds_count', { route: '/graphql', status_class: '4xx' })).toBe(refused);
  });

  it('times GraphQL operations by type and name, with a name that is too long counted as "other"', () => {
    const operations = (labels: Record<string, string>) => valueOf(samples, 'send_ledger_graphql_operation_duration_seconds_count', labels);
    expect(operations({ operation_type: 'query', operation_name: 'Ping', outcome: 'ok' })).toBe(1);
    expect(operations({ operation_type: 'query', operation_name: 'Promises', outcome: 'ok' })).toBe(1);
    expect(operations({ operation_type: 'query', operation_name: 'Child', outcome: 'ok' })).toBe(1);
    expect(operations({ operation_type: 'mutation', operation_name: 'Register', outcome: 'ok' })).toBe(1);
    expect(operations({ operation_type: 'query', operation_name: 'other' })).toBe(1);
    expect(operations({ operation_type: 'query', operation_name: 'anonymous' })).toBeGreaterThanOrEqual(40 - refused);
  });

  it('times the store\'s commits and counts their group sizes', () => {
    expect(valueOf(samples, 'send_ledger_append_commit_duration_seconds_count', { store: 'sqlite' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'send_ledger_append_commit_duration_seconds_sum', { store: 'sqlite' })).toBeGreaterThan(0);
    expect(valueOf(samples, 'send_ledger_append_commit_group_size_sum', { store: 'sqlite' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'send_ledger_append_commit_group_size_bucket', { store: 'sqlite', le: '1' })).toBeGreaterThanOrEqual(1);
  });

  it('shows each read model caught up with the head', async () => {
    expect(valueOf(samples, 'send_ledger_ledger_head_position')).toBe(await ledger.store.headPosition());
    for (const projection of PROJECTIONS) expect(valueOf(samples, 'send_ledger_projection_lag_entries', { read_model: projection.name }), projection.name).toBe(0);
  });

  it('times the access log\'s appends, none left waiting', () => {
    expect(valueOf(samples, 'send_ledger_access_log_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(valueOf(samples, 'send_ledger_access_log_entries_total')).toBeGreaterThanOrEqual(2);
    expect(valueOf(samples, 'send_ledger_access_log_appends_waiting')).toBe(0);
  });

  it('has no id and no name from any record in any label', async () => {
    const values = samples.flatMap((s) => Object.values(s.labels));
    expect(values.length).toBeGreaterThan(100);
    expect(values.filter((v) => UUID.test(v))).toEqual([]);
    const names = namesIn(await ledger.store.readAll(1, 100_000));
    expect(names).toContain(NEW_CHILD);
    expect(names).toContain('Child A (pseudonym)');
    expect(values.filter((v) => [...names].some((name) => v.includes(name)))).toEqual([]);
  });
});

describe('who may scrape /metrics', () => {
  const token = 'a-metrics-token-that-is-long-enough-0123456789';

  async function appWith(env: Record<string, string>, metricsToken?: string): Promise<FastifyInstance> {
    const config = { ...parseConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...env }), ...(metricsToken ? { METRICS_TOKEN: metricsToken } : {}) };
    const verifyToken = createTokenVerifier({ secret: TEST_SECRET, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, algorithms: ['HS256'], clockToleranceSeconds: 30 });
    const accessLog = openSqliteAccessLog(':memory:');
    const app = await buildApp({ config, store: createMemoryStore(), readModels: memoryReadModels(), verifyToken, signingKey: ephemeralSigningKey(), keys: memoryKeyStore(), accessLog });
    app.addHook('onClose', () => accessLog.close());
    return app;
  }
  const scrape = (app: FastifyInstance, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) => app.inject({ method: 'GET', url: '/metrics', ...options });

  it('without METRICS_TOKEN: serves loopback clients only, and not a proxy on loopback forwarding someone else', async () => {
    const app = await appWith({});
    expect((await scrape(app)).statusCode).toBe(200);
    expect((await scrape(app, { remoteAddress: '::1' })).statusCode).toBe(200);
    const remote = await scrape(app, { remoteAddress: '10.0.0.7' });
    expect(remote.statusCode).toBe(403);
    expect(remote.body).toMatch(/METRICS_TOKEN/);
    expect((await scrape(app, { headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(403);
    await app.close();
  });

  it('with METRICS_TOKEN: serves whoever presents it as a bearer token, from anywhere, before sign-in looks at it', async () => {
    const app = await appWith({}, token);
    const missing = await scrape(app, { remoteAddress: '10.0.0.7' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect((await scrape(app, { headers: { authorization: `Bearer ${token}x` } })).statusCode).toBe(401);
    const scraped = await scrape(app, { remoteAddress: '10.0.0.7', headers: { authorization: `Bearer ${token}` } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('send_ledger_ledger_head_position 0');
    // Control: the same header anywhere else is a person's token that does not verify.
    const graphql = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: { query: '{ __typename }' } });
    expect(graphql.statusCode).toBe(401);
    await app.close();
  });

  it('is never rate limited', async () => {
    const app = await appWith({ RATE_LIMIT_PER_MINUTE: '1' });
    for (let i = 0; i < 4; i++) expect((await scrape(app)).statusCode).toBe(200);
    await app.close();
  });
});

describe('GraphQL operation names as labels', () => {
  it('keeps the first names seen, up to a bound, and counts any other as "other"', () => {
    const names = new OperationNames(2);
    expect(names.labelOf('ChildRecord')).toBe('ChildRecord');
    expect(names.labelOf(undefined)).toBe('anonymous');
    expect(names.labelOf('Deadlines')).toBe('Deadlines');
    expect(names.labelOf('Promises')).toBe('other');
    expect(names.labelOf('ChildRecord')).toBe('ChildRecord');
    expect(names.labelOf('x'.repeat(65))).toBe('other');
  });

  it('bounds the labels however many names clients send', async () => {
    const metrics = serviceMetrics();
    const app = Fastify();
    await app.register(mercurius, { schema: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    observeGraphQLOperations(app, metrics.registry, new OperationNames(5));
    for (let i = 0; i < 50; i++) {
      await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: `query Named${i} { ok }` } });
    }
    const names = new Set(samplesOf(await metrics.registry.metrics()).map((s) => s.labels['operation_name']).filter(Boolean));
    expect([...names].sort()).toEqual(['Named0', 'Named1', 'Named2', 'Named3', 'Named4', 'other']);
    await app.close();
  });
});
