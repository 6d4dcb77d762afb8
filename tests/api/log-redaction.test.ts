import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { ISSUE_FINAL_PLAN, REGISTER_CHILD } from './api-fixtures.js';

/**
 * No personal data or credentials in the logs. A child with a distinctive name and date of birth
 * goes through every kind of request (bad input, a broken rule, a bad token, a successful query),
 * then the captured log lines are searched for them.
 */

const NAME = 'Zebedee Quartermaine-Xylo';
const NAME_PARTS = ['Zebedee', 'Quartermaine', 'Xylo'];
const DATE_OF_BIRTH = '2015-03-14';
const DOB_VARIANTS = [DATE_OF_BIRTH, '20150314', '14/03/2015'];

interface Sent {
  label: string;
  statusCode: number;
  requestId: string;
  body: string;
}

describe.each(['info', 'trace'])('log redaction at LOG_LEVEL=%s', (level) => {
  let t: TestApp;
  let laToken: string;
  let badToken: string;
  const sent: Sent[] = [];

  async function send(label: string, payload: { query: string; variables?: Record<string, unknown> }, token?: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        // Personal data in other headers must not be logged either.
        'x-child-name': NAME,
      },
      payload,
    });
    const entry = { label, statusCode: response.statusCode, requestId: String(response.headers['x-request-id'] ?? ''), body: response.body };
    sent.push(entry);
    return entry;
  }

  const logText = () => t.logs.join('');
  const logLines = () => t.logs.flatMap((chunk) => chunk.split('\n')).filter((line) => line.trim() !== '');

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: level } });
    laToken = await t.token('la_officer', '202', 'Sam Okafor');
    badToken = await new SignJWT({ name: 'Sam Okafor', role: 'la_officer', org: '202' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('la_officer:202:Sam Okafor')
      .setIssuer(t.config.AUTH_ISSUER)
      .setAudience(t.config.AUTH_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(`${TEST_SECRET}-but-not-the-right-one`));

    const input = { displayName: NAME, dateOfBirth: DATE_OF_BIRTH, laCode: '202', settingName: `${NAME} Academy` };

    const registered = await send('register (success)', { query: REGISTER_CHILD, variables: { input } }, laToken);
    expect(registered.body).toContain(NAME); // the client sees its own data
    const CHILD_ID = (JSON.parse(registered.body) as { data: { registerChild: { childId: string } } }).data.registerChild.childId;

    const badInput = await send('bad input (zod, as variables)', { query: REGISTER_CHILD, variables: { input: { ...input, laCode: 'XYZ' } } }, laToken);
    expect(badInput.body).toContain('"BAD_INPUT"');

    const badLiteral = await send(
      'bad input (GraphQL literal echoing the value)',
      { query: `mutation { registerChild(input: { displayName: "${NAME}", dateOfBirth: "${NAME}", laCode: "202" }) { childId } }` },
      laToken,
    );
    expect(badLiteral.body).toContain(NAME); // graphql-js echoes the bad value to the client...

    const badVariable = await send('bad input (variable coercion echoing the input)', { query: REGISTER_CHILD, variables: { input: { ...input, laCode: 202 } } }, laToken);
    expect(badVariable.statusCode).toBe(400);

    const rule = await send('domain rule (born after the registration)', { query: REGISTER_CHILD, variables: { input, options: { occurredAt: '2015-03-13' } } }, laToken);
    expect(rule.body).toContain('born-after-registration');

    const rule2 = await send(
      'domain rule (final plan without draft)',
      { query: ISSUE_FINAL_PLAN, variables: { childId: CHILD_ID, input: { planId: '0b7d3a52-1c2e-4f4a-8b6c-9d0e1f2a3b4c', namedSetting: { name: `${NAME} School` } } } },
      laToken,
    );
    expect(rule2.body).toContain('final-plan-requires-draft');

    const invalidToken = await send('invalid token', { query: `{ child(id: "${CHILD_ID}") { displayName dateOfBirth } }` }, badToken);
    expect(invalidToken.statusCode).toBe(401);

    const query = await send('successful query', { query: `query Child($id: ID!) { child(id: $id) { displayName dateOfBirth settingName } }`, variables: { id: CHILD_ID } }, laToken);
    expect(query.body).toContain(NAME);
    expect(query.body).toContain(DATE_OF_BIRTH);

    const anonymous = await send('no token', { query: '{ me { id } }' });
    expect(anonymous.body).toContain('UNAUTHENTICATED');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the logs are not empty: every request was logged', () => {
    expect(logLines().length).toBeGreaterThanOrEqual(sent.length * 2);
  });

  it("never contain the child's name, or any part of it", () => {
    const text = logText();
    expect(text).not.toContain(NAME);
    for (const part of NAME_PARTS) expect(text, part).not.toContain(part);
  });

  it("never contain the child's date of birth", () => {
    const text = logText();
    for (const variant of DOB_VARIANTS) expect(text, variant).not.toContain(variant);
  });

  it('never contain a bearer token, valid or not, nor any of its parts', () => {
    const text = logText();
    for (const token of [laToken, badToken]) {
      expect(text).not.toContain(token);
      const [header, payload, signature] = token.split('.');
      expect(text).not.toContain(payload);
      expect(text).not.toContain(signature);
      expect(text).not.toContain(header);
    }
    expect(text).not.toMatch(/Bearer\s+ey/);
  });

  it("each response's x-request-id is a request id in the logs", () => {
    const ids = new Set(
      logLines().map((line) => (JSON.parse(line) as { reqId?: string }).reqId).filter((id): id is string => typeof id === 'string'),
    );
    expect(sent.length).toBeGreaterThanOrEqual(8);
    for (const request of sent) {
      expect(request.requestId, request.label).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids.has(request.requestId), `${request.label}: ${request.requestId}`).toBe(true);
    }
    expect(new Set(sent.map((request) => request.requestId)).size).toBe(sent.length);
  });

  it('the request lines carry the request id, method, URL and status (and are JSON)', () => {
    const lines = logLines().map((line) => JSON.parse(line) as { reqId?: string; msg?: string; res?: { statusCode?: number } });
    for (const request of sent) {
      const completed = lines.find((line) => line.reqId === request.requestId && line.msg === 'request completed');
      expect(completed?.res?.statusCode, request.label).toBe(request.statusCode);
    }
  });
});

describe('log redaction: personal data in the URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  // A GET query string can carry a whole document with a child's details; the request log keeps the path only.
  it('a GET carrying personal data in its query string does not leak it into the logs', async () => {
    const token = await t.token('la_officer', '202');
    const query = `mutation { registerChild(input: { displayName: "${NAME}", dateOfBirth: "${DATE_OF_BIRTH}", laCode: "202" }) { childId } }`;
    const response = await t.app.inject({ method: 'GET', url: '/graphql', query: { query }, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(405);
    const text = t.logs.join('');
    expect(text).toContain(String(response.headers['x-request-id']));
    expect(text).not.toContain('Zebedee');
    expect(text).not.toContain(DATE_OF_BIRTH);
  });
});
