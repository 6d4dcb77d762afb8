import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { childInput, REGISTER_CHILD } from './api-fixtures.js';

/**
 * Random and malformed requests at POST /graphql (and GET): whatever arrives, the server answers
 * below 500, stays up, and a request answered without data never wrote to the ledger.
 */

let t: TestApp;
let validToken: string;

beforeAll(async () => {
  // A limit the fuzzer never reaches: this suite is about malformed input, not throttling.
  t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' } });
  validToken = await t.token('la_officer', '202', 'Fuzz Officer');
});

afterAll(async () => {
  await t?.close();
});

const nested = (depth: number, field: string) => `${`{ ${field} `.repeat(depth)}${'}'.repeat(depth)}`;

const jsonValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, 1e-320),
  fc.string(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

const query = fc.oneof(
  fc.constant(REGISTER_CHILD),
  fc.constant('{ me { id role } }'),
  fc.constant('{ __typename }'),
  fc.constant('mutation { registerChild(input: { displayName: "x", dateOfBirth: "2016-01-01", laCode: "202" }) { childId } }'),
  fc.constant('{ child(id: "00000000-0000-0000-0000-000000000000") { id } }'),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.integer({ min: 1, max: 60 }).map((depth) => nested(depth, 'child(id: "x")')),
  fc.integer({ min: 1, max: 80 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`),
  fc.integer({ min: 1, max: 80 }).map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`),
  fc.constantFrom('{', '}', 'mutation', 'query Q($a: Int) { __typename }', 'subscription { x }', 'fragment F on Query { ...F } { ...F }', '{ me { ...on Actor { id } } }'),
  jsonValue,
);

const variables = fc.oneof(
  fc.constant(undefined),
  jsonValue,
  fc.record({ input: fc.oneof(jsonValue, fc.constant(childInput()), fc.record({ displayName: jsonValue, dateOfBirth: jsonValue, laCode: jsonValue })) }),
  fc.record({ input: fc.constant(childInput()), options: jsonValue }),
);

const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constant('valid'),
  fc.string().map((s) => `Bearer ${s}`),
  fc.string(),
  fc.integer({ min: 1, max: 120 }).map((n) => `truncated:${n}`),
  fc.constantFrom('Bearer ', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'bearer x'),
);

const body = fc.oneof(
  fc.record({ query, variables, operationName: fc.oneof(fc.constant(undefined), jsonValue), extensions: fc.oneof(fc.constant(undefined), jsonValue) }, { requiredKeys: [] }),
  jsonValue,
  fc.string().map((raw) => ({ raw })),
);

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/graphql', 'text/plain', 'application/x-www-form-urlencoded', undefined);

function authHeader(value: string | undefined): string | undefined {
  if (value === 'valid') return `Bearer ${validToken}`;
  if (value?.startsWith('truncated:')) return `Bearer ${validToken.slice(0, Number(value.slice('truncated:'.length)))}`;
  return value;
}

/** What a GET carries in ?query=: the body's query when it is a string, otherwise the raw text. */
function getQuery(value: unknown, raw: string): string {
  const candidate = typeof value === 'object' && value !== null ? (value as { query?: unknown }).query : undefined;
  return typeof candidate === 'string' ? candidate : raw;
}

describe('fuzzing POST /graphql', () => {
  it('never answers 5xx, never crashes and never half-writes, over 1000+ random requests', async () => {
    let requests = 0;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(body, authorization, contentType, fc.boolean(), async (payloadValue, auth, type, asGet) => {
        const headers: Record<string, string> = {};
        const header = authHeader(auth);
        if (header !== undefined) headers['authorization'] = header;
        if (type !== undefined) headers['content-type'] = type;
        const payload =
          typeof payloadValue === 'object' && payloadValue !== null && 'raw' in payloadValue ? String(payloadValue.raw) : JSON.stringify(payloadValue ?? null);
        const before = await t.store.headPosition();
        const response = asGet
          ? await t.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent(getQuery(payloadValue, payload))}`, headers })
          : await t.app.inject({ method: 'POST', url: '/graphql', headers, payload });
        requests++;
        const after = await t.store.headPosition();
        expect(response.statusCode, response.body).toBeLessThan(500);
        let parsed: { data?: unknown } | undefined;
        try {
          parsed = JSON.parse(response.body) as { data?: unknown };
        } catch {
          parsed = undefined;
        }
        const hasData = parsed !== undefined && parsed.data !== null && parsed.data !== undefined;
        if (!hasData) expect(after, `no data but the ledger moved: ${response.body}`).toBe(before);
        if (after !== before) written++;
      }),
      { numRuns: 1200 },
    );
    expect(requests).toBeGreaterThanOrEqual(1000);
    // The server is still up and answering.
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    const me = await t.gql<{ me: { displayName: string } }>('{ me { displayName } }', undefined, validToken);
    expect(me.data.me.displayName).toBe('Fuzz Officer');
    // The check above is not vacuous: a well-formed mutation does move the head, and its response has data.
    const before = await t.store.headPosition();
    const recorded = await t.gql<{ registerChild: { childId: string } }>(REGISTER_CHILD, { input: childInput() }, validToken);
    expect(recorded.errors).toBeUndefined();
    expect(await t.store.headPosition()).not.toBe(before);
    console.info(`fuzz: ${requests} requests, ${written} of them recorded an entry`);
  }, 120_000);

  it('records a mutation whole or not at all, over 300 fuzzed registerChild inputs', async () => {
    const field = (valid: unknown) => fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: jsonValue });
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ displayName: field('Ada Test-Child'), dateOfBirth: field('2016-05-04'), laCode: field('202') }),
        fc.oneof(fc.constant(undefined), fc.record({ occurredAt: field('2024-09-01T09:00:00.000Z') })),
        async (input, options) => {
          const before = await t.store.headPosition();
          const response = await t.gql<{ registerChild: { childId: string } } | null>(REGISTER_CHILD, { input, ...(options ? { options } : {}) }, validToken);
          const after = await t.store.headPosition();
          expect(response.statusCode).toBeLessThan(500);
          if (!response.data) expect(after, JSON.stringify(response.errors)).toBe(before);
          else {
            expect(response.errors).toBeUndefined();
            expect(after).not.toBe(before);
            written++;
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(written).toBeGreaterThan(0);
  }, 120_000);
});
