import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { mutate, provisionLine, record, registerChild } from '../support/ledger-client.js';

/**
 * Claims that cannot be true are refused with BAD_INPUT naming the field, and nothing is stored: a date
 * that does not exist (in every scalar, variable and schema), anything before the child was born, a date
 * of birth outside 0 to 25, text that cannot be stored as sent, a missing field. Also: a request with no
 * token is HTTP 401, and registering a child cannot be used to learn that another child exists.
 * (The server's clock is 2 September 2024 here.)
 */

let t: TestApp;
let la: string;
let childId: string;

beforeAll(async () => {
  t = await startTestApp();
  la = await t.token('la_officer', '202', 'Sam Okafor');
  childId = (await registerChild(t, la, { dateOfBirth: '2016-05-04' })).childId;
});
afterAll(async () => {
  await t?.close();
});

/** Sends a request and checks it was refused with BAD_INPUT naming `field`, and that the ledger did not move. */
async function refused(send: () => Promise<{ statusCode: number; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>, field: string, rule?: string) {
  const before = await t.store.headPosition();
  const response = await send();
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  const error = response.errors![0]!;
  expect(error.extensions).toMatchObject({ code: 'BAD_INPUT', field, ...(rule ? { rule } : {}) });
  expect(error.message).not.toMatch(/Internal error|Maximum call stack/);
  expect(response.statusCode).toBeLessThan(500);
  expect(await t.store.headPosition()).toBe(before);
  return error;
}

const REGISTER = `mutation($input: RegisterChildInput!, $options: EntryOptions) { registerChild(input: $input, options: $options) { childId } }`;
const child = (overrides: Record<string, unknown> = {}) => ({ displayName: 'Child B (pseudonym)', dateOfBirth: '2016-05-04', laCode: '202', ...overrides });

describe('a date that does not exist is refused, never rolled over', () => {
  it.each([['2026-02-30'], ['2025-13-01'], ['2023-02-29'], ['2024-04-31'], ['2024-1-05']])('date of birth %s (Date, as a variable)', async (date) => {
    const error = await refused(() => t.gql(REGISTER, { input: child({ dateOfBirth: date }) }, la), 'input.dateOfBirth');
    expect(error.message).toMatch(/^input\.dateOfBirth: /);
  });

  it('a date of birth of 2026-02-30 written into the document (Date, as a literal)', async () => {
    await refused(
      () => t.gql(`mutation { registerChild(input: { displayName: "B", dateOfBirth: "2026-02-30", laCode: "202" }) { childId } }`, undefined, la),
      'input.dateOfBirth',
    );
  });

  it.each([['2024-02-30'], ['2024-02-30T10:00:00Z'], ['2023-13-01T00:00:00Z'], ['2024-06-31T09:00:00+01:00'], ['2024-06-30T24:30:00Z'], ['2016-12-31T23:59:60Z']])(
    'occurredAt %s (DateTime, as a variable): not stored as another day',
    async (occurredAt) => {
      await refused(() => mutate(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'primary', description: 'Reading' }, { occurredAt }), 'options.occurredAt');
    },
  );

  it('occurredAt written into the document, and a time more precise than a millisecond', async () => {
    await refused(
      () =>
        t.gql(
          `mutation { identifyNeeds(childId: "${childId}", input: { area: cognition_and_learning, rank: primary, description: "Reading" }, options: { occurredAt: "2024-02-30T10:00:00Z" }) { childId } }`,
          undefined,
          la,
        ),
      'options.occurredAt',
    );
    await refused(
      () => mutate(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'primary', description: 'Reading' }, { occurredAt: '2024-05-01T10:00:00.000001Z' }),
      'options.occurredAt',
    );
  });

  it('a date nested in a list of the input (a transition action due on 31 June)', async () => {
    await refused(
      () =>
        mutate(t, la, 'makeTransitionPlan', childId, {
          transition: 'primary_to_secondary',
          fromSetting: { name: 'Hillside Primary School' },
          actions: [{ description: 'Visit', owner: { name: 'A', role: 'SENCO' }, dueOn: '2025-06-31' }],
        }),
      'input.actions.0.dueOn',
    );
  });

  it('dates inside a correction (JSON, read by the entry schema) and its corrected time', async () => {
    const needs = await record(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'primary', description: 'Reading' });
    await refused(
      () => mutate(t, la, 'correctEntry', childId, { supersedesEventId: needs.entries[0]!.eventId, reason: 'typo', correctedOccurredAt: '2024-02-30T09:00:00Z' }),
      'input.correctedOccurredAt',
    );
    const registration = (await t.gql<{ auditTrail: { entries: { nodes: Array<{ eventId: string; type: string }> } } }>(
      `{ auditTrail(childId: "${childId}") { entries { nodes { eventId type } } } }`,
      undefined,
      la,
    )).data.auditTrail.entries.nodes.find((e) => e.type === 'ChildRegistered')!;
    await refused(
      () =>
        mutate(t, la, 'correctEntry', childId, {
          supersedesEventId: registration.eventId,
          reason: 'wrong date of birth',
          correctedData: { childId, displayName: 'Ada Test-Child', dateOfBirth: '2016-02-30', laCode: '202' },
        }),
      'input.correctedData.dateOfBirth',
    );
  });

  it('query arguments: deadlines(asOf: Date), child(asOf: DateTime), promises(filter.asOf)', async () => {
    await refused(() => t.gql(`{ deadlines(childId: "${childId}", asOf: "2024-02-30") { nodes { ruleId } } }`, undefined, la), 'asOf');
    await refused(() => t.gql(`query($at: DateTime) { child(id: "${childId}", asOf: $at) { id } }`, { at: '2024-09-31T10:00:00Z' }, la), 'at');
    await refused(() => t.gql(`query($f: PromiseFilter) { promises(filter: $f) { nodes { provisionId } } }`, { f: { asOf: '2024-02-30' } }, la), 'f.asOf');
  });

  it('a real leap day is accepted and stored exactly as sent', async () => {
    const recorded = await record(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'primary', description: 'Reading' }, { occurredAt: '2024-02-29' });
    expect(recorded.entries[0]!.occurredAt).toBe('2024-02-29T00:00:00.000Z');
    const offset = await record(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'secondary', description: 'Spelling' }, { occurredAt: '2024-07-01T00:30:00+01:00' });
    // The same instant, in the one form the ledger stores; its legal date in England is still 1 July.
    expect(offset.entries[0]!.occurredAt).toBe('2024-06-30T23:30:00.000Z');
  });
});

describe('nothing about a child happens before the child was born', () => {
  it('an entry claimed before the date of birth (occurredAt)', async () => {
    const error = await refused(
      () => mutate(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'primary', description: 'Reading' }, { occurredAt: '2016-05-03' }),
      'options.occurredAt',
      'before-birth',
    );
    expect(error.message).toContain("before the child's date of birth");
    expect(error.message).not.toContain('2016-05-04');
    // control: the day of birth itself is possible
    await record(t, la, 'identifyNeeds', childId, { area: 'sensory_and_physical', rank: 'secondary', description: 'Hearing' }, { occurredAt: '2016-05-04' });
  });

  it('a date in the entry data before the birth (a provision starting in 2015)', async () => {
    const senco = await t.token('senco', '100001', 'Priya Senco');
    const cycle = await record(t, senco, 'planSenSupportCycle', childId, { assessmentSummary: 'Reading', outcomes: ['Read'], reviewDueOn: '2024-12-01' });
    await refused(
      () => mutate(t, senco, 'promiseProvision', childId, { ...provisionLine('', { section: 'SEN_SUPPORT', cycleId: cycle.subjectId, startDate: '2015-09-01' }), planId: undefined }),
      'input.startDate',
      'before-birth',
    );
  });

  it('a corrected claimed time before the birth', async () => {
    const needs = await record(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'secondary', description: 'Maths' });
    await refused(
      () => mutate(t, la, 'correctEntry', childId, { supersedesEventId: needs.entries[0]!.eventId, reason: 'wrong day', correctedOccurredAt: '2015-01-01' }),
      'input.correctedOccurredAt',
      'before-birth',
    );
  });

  it('a corrected date of birth after things already recorded about the child', async () => {
    const younger = (await registerChild(t, la, { dateOfBirth: '2019-03-01' }, { occurredAt: '2024-01-10' })).childId;
    await record(t, la, 'identifyNeeds', younger, { area: 'cognition_and_learning', rank: 'primary', description: 'Reading' }, { occurredAt: '2024-02-01' });
    const trail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ eventId: string; type: string }> } } }>(`{ auditTrail(childId: "${younger}") { entries { nodes { eventId type } } } }`, undefined, la);
    const registration = trail.data.auditTrail.entries.nodes.find((e) => e.type === 'ChildRegistered')!;
    const data = { childId: younger, displayName: 'Ada Test-Child', laCode: '202', settingUrn: '100001', settingName: 'Hillside Primary School' };
    await refused(
      () => mutate(t, la, 'correctEntry', younger, { supersedesEventId: registration.eventId, reason: 'wrong date of birth', correctedData: { ...data, dateOfBirth: '2024-01-20' } }),
      'input.correctedData.dateOfBirth',
    );
    // control: a correction that keeps everything after the birth is recorded
    await record(t, la, 'correctEntry', younger, { supersedesEventId: registration.eventId, reason: 'wrong date of birth', correctedData: { ...data, dateOfBirth: '2019-03-02' } });
  });

  it('a date of birth in the future', async () => {
    await refused(() => t.gql(REGISTER, { input: child({ dateOfBirth: '2024-09-03' }) }, la), 'input.dateOfBirth', 'born-after-registration');
  });

  it('a registration claimed before the birth', async () => {
    await refused(() => t.gql(REGISTER, { input: child({ dateOfBirth: '2016-05-04' }), options: { occurredAt: '2016-05-03' } }, la), 'input.dateOfBirth', 'born-after-registration');
  });

  it('a young person 26 or older on the day of the registration; 25 years and 364 days is within 0 to 25', async () => {
    await refused(() => t.gql(REGISTER, { input: child({ dateOfBirth: '1998-09-02' }) }, la), 'input.dateOfBirth', 'outside-age-range');
    const accepted = await t.gql<{ registerChild: { childId: string } }>(REGISTER, { input: child({ dateOfBirth: '1998-09-03' }) }, la);
    expect(accepted.errors).toBeUndefined();
    // Born on 29 February: 26 on 1 March in a common year (Family Law Reform Act 1969 s.9).
    expect((await t.gql(REGISTER, { input: child({ dateOfBirth: '1996-02-29' }), options: { occurredAt: '2022-02-28' } }, la)).errors).toBeUndefined();
    await refused(() => t.gql(REGISTER, { input: child({ dateOfBirth: '1996-02-29' }), options: { occurredAt: '2022-03-01' } }, la), 'input.dateOfBirth', 'outside-age-range');
  });
});

describe("a decision's day is its day in England", () => {
  it('a decision at 23:50 on 30 June (BST) precedes a request at 00:30 on 1 July (BST), though both fall on 30 June in UTC', async () => {
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'school' }, { occurredAt: '2024-07-01T00:30:00+01:00' });
    await refused(
      () => mutate(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' }, { occurredAt: '2024-06-30T23:50:00+01:00' }),
      'options.occurredAt',
      'decision-before-request',
    );
    // control: the next morning is after the request
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' }, { occurredAt: '2024-07-01T09:00:00+01:00' });
  });
});

describe('text that cannot be stored as sent', () => {
  it.each([
    ['a lone high surrogate in a name', { displayName: 'Ada \ud800' }, undefined, 'input.displayName'],
    ['a lone low surrogate in a setting name', { settingName: '\udc00 School' }, undefined, 'input.settingName'],
    ['a lone surrogate in the idempotency key', {}, { idempotencyKey: 'retry-\ud83d' }, 'options.idempotencyKey'],
  ])('%s is BAD_INPUT naming the field, not an internal error', async (_label, input, options, field) => {
    await refused(() => t.gql(REGISTER, { input: child(input), ...(options ? { options } : {}) }, la), field, 'not-storable-text');
  });

  it('a lone surrogate inside JSON (a corrected entry), as a value and as a member name', async () => {
    const needs = await record(t, la, 'identifyNeeds', childId, { area: 'cognition_and_learning', rank: 'primary', description: 'Phonics' });
    const base = { needId: needs.subjectId, area: 'cognition_and_learning', rank: 'primary' };
    await refused(
      () => mutate(t, la, 'correctEntry', childId, { supersedesEventId: needs.entries[0]!.eventId, reason: 'typo', correctedData: { ...base, description: 'Phon\udfffics' } }),
      'input.correctedData.description',
    );
    await refused(
      () => mutate(t, la, 'correctEntry', childId, { supersedesEventId: needs.entries[0]!.eventId, reason: 'typo', correctedData: { ...base, description: 'Phonics', ['x\ud800']: 1 } }),
      'input.correctedData',
    );
  });

  it('text is stored exactly as written: spaces around it are kept, blank text is refused', async () => {
    const spaced = await t.gql<{ registerChild: { childId: string } }>(REGISTER, { input: child({ displayName: '  Bea  ' }) }, la);
    const id = spaced.data.registerChild.childId;
    const read = await t.gql<{ child: { displayName: string } }>(`{ child(id: "${id}") { displayName } }`, undefined, la);
    expect(read.data.child.displayName).toBe('  Bea  ');
    await refused(() => t.gql(REGISTER, { input: child({ displayName: ' \t ' }) }, la), 'input.displayName');
  });
});

describe('the request itself', () => {
  it('a missing required field is BAD_INPUT with its path, as a variable and as a literal', async () => {
    const variable = await refused(() => t.gql(REGISTER, { input: { dateOfBirth: '2016-05-04', laCode: '202' } }, la), 'input.displayName');
    expect(variable.message).toBe('input.displayName: is required');
    await refused(
      () => t.gql(`mutation { registerChild(input: { dateOfBirth: "2016-05-04", laCode: "202" }) { childId } }`, undefined, la),
      'input.displayName',
    );
    await refused(
      () => mutate(t, la, 'recordDelivery', childId, { provisionId: randomUUID(), sessions: 1, minutes: 30, deliveredBy: { name: 'A' } }),
      'input.deliveredBy.role',
    );
    await refused(() => t.gql(`mutation { registerChild { childId } }`, undefined, la), 'input');
  });

  it("a refusal names the mutation's own argument where it is the problem (a Local Offer's LA code)", async () => {
    await refused(
      () =>
        t.gql(
          `mutation($la: String!, $input: LocalOfferCommentInput!) { commentOnLocalOffer(laCode: $la, input: $input) { laCode } }`,
          { la: 'Camden', input: { topic: 'gaps', summary: 'Nothing for teenagers', channel: 'direct' } },
          la,
        ),
      'laCode',
      'invalid-la-code',
    );
  });

  it('a request without a token is HTTP 401 UNAUTHENTICATED, for a query and a mutation', async () => {
    for (const query of [`{ child(id: "${childId}") { id } }`, `mutation { registerChild(input: { displayName: "B", dateOfBirth: "2016-05-04", laCode: "202" }) { childId } }`]) {
      const response = await t.gql(query);
      expect(response.statusCode).toBe(401);
      expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
  });

  it('a document nested thousands of levels deep is refused before it is parsed, without an internal message', async () => {
    const selections = `{ me ${'{ id '.repeat(5000)}${'}'.repeat(5000)} }`;
    const lists = `mutation { registerChild(input: { displayName: ${'['.repeat(5000)}"x"${']'.repeat(5000)}, dateOfBirth: "2016-01-01", laCode: "202" }) { childId } }`;
    for (const query of [selections, lists]) {
      const response = await t.gql(query, undefined, la);
      expect(response.statusCode).toBe(400);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'query' });
      expect(JSON.stringify(response)).not.toMatch(/call stack/i);
    }
    const deepJson = `{"a":`.repeat(5000) + '1' + '}'.repeat(5000);
    const raw = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${la}` },
      payload: `{"query":"mutation($i: CorrectionInput!) { correctEntry(childId: \\"${childId}\\", input: $i) { childId } }","variables":{"i":{"supersedesEventId":"${randomUUID()}","reason":"x","correctedData":${deepJson}}}}`,
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().errors[0].extensions).toMatchObject({ code: 'BAD_INPUT', field: 'variables' });
  });

  it('refusals before execution are HTTP 400 with no data entry, in both media types; a client accepting only plain JSON gets 200 as the spec asks', async () => {
    const send = (accept?: string) =>
      t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${la}`, ...(accept ? { accept } : {}) }, payload: { query: '{ nope }' } });
    const modern = await send('application/graphql-response+json');
    expect(modern.statusCode).toBe(400);
    expect(modern.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    expect(modern.json()).not.toHaveProperty('data');
    const plain = await send();
    expect(plain.statusCode).toBe(400);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const legacy = await send('application/json');
    expect(legacy.statusCode).toBe(200);
    expect(legacy.json().errors[0].extensions).toMatchObject({ code: 'BAD_INPUT', field: 'query' });
  });
});

describe('registering a child tells nobody whether another child exists', () => {
  it('the child id is always the server’s: a caller cannot name one', async () => {
    const other = await t.token('la_officer', '999');
    await refused(() => t.gql(REGISTER, { input: child({ childId, laCode: '999' }) }, other), 'input.childId');
  });

  it('the same idempotency key in another LA registers another child; a retry in the same LA finds the same one', async () => {
    const first = await t.gql<{ registerChild: { childId: string } }>(REGISTER, { input: child(), options: { idempotencyKey: 'intake-42' } }, la);
    const retry = await t.gql<{ registerChild: { childId: string } }>(REGISTER, { input: child(), options: { idempotencyKey: 'intake-42' } }, la);
    expect(retry.data.registerChild.childId).toBe(first.data.registerChild.childId);
    const elsewhere = await t.gql<{ registerChild: { childId: string } }>(
      REGISTER,
      { input: child({ laCode: '999' }), options: { idempotencyKey: 'intake-42' } },
      await t.token('la_officer', '999'),
    );
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data.registerChild.childId).not.toBe(first.data.registerChild.childId);
  });
});
