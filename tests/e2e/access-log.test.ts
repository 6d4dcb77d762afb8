import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLog } from '../../src/access-log/port.js';
import { addParent, provisionLine, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Logged { actor: { role: string; organisation: string }; read: string[]; denied: string[]; outcome: string; purpose: string; via: string; requestId: string }
const LOG_QUERY = 'query($id: ID!) { accessLog(childId: $id) { nodes { actor { role organisation } read denied outcome purpose via requestId } } }';

describe('the read-access log, through the API', () => {
  let t: TestApp;
  let la: string;
  let stranger: string;
  let parent: string;
  let childId: string;
  let secondChild: string;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2025-06-02T09:00:00Z');
    la = await t.token('la_officer', '202');
    stranger = await t.token('la_officer', '204');
    childId = (await registerChild(t, la)).childId;
    parent = (await addParent(t, la, childId)).token;
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const planId = (await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId })).subjectId!;
    await record(t, la, 'promiseProvision', childId, provisionLine(planId));
    secondChild = (await registerChild(t, la, { displayName: 'Child B (pseudonym)' })).childId;
    await record(t, la, 'promiseProvision', secondChild, provisionLine(planId, { section: 'SEN_SUPPORT', planId: undefined }));
  });
  afterAll(() => t.close());

  const entriesFor = async (id: string) => t.accessLog.forChild(id);

  it('one document reading a child several ways (fields, aliases) appends exactly one entry, naming each read', async () => {
    const before = (await entriesFor(childId)).length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${la}`, 'content-type': 'application/json', 'x-access-purpose': 'Annual review preparation' },
      payload: { query: 'query($id: ID!) { a: child(id: $id) { displayName } b: child(id: $id) { id } auditTrail(childId: $id) { headHash } deadlines(childId: $id) { nodes { ruleId } } }', variables: { id: childId } },
    });
    expect(response.statusCode).toBe(200);
    const after = await entriesFor(childId);
    expect(after.length - before).toBe(1);
    expect(after[0]).toMatchObject({
      actor: { role: 'la_officer', organisation: '202' },
      read: ['auditTrail', 'child', 'deadlines'],
      denied: [],
      outcome: 'permitted',
      purpose: 'Annual review preparation',
      via: 'graphql',
      requestId: response.headers['x-request-id'],
    });
    expect(after[0]!.basis).toEqual(["officer of the child's local authority"]);
  });

  it('a list appends one entry per child whose record it answered with', async () => {
    const before = [(await entriesFor(childId)).length, (await entriesFor(secondChild)).length];
    const response = await t.gql<{ promises: { nodes: Array<{ childId: string }> } }>('{ promises { nodes { childId } } }', {}, la);
    expect(new Set(response.data.promises.nodes.map((p) => p.childId))).toEqual(new Set([childId, secondChild]));
    expect((await entriesFor(childId)).length - before[0]!).toBe(1);
    expect((await entriesFor(secondChild)).length - before[1]!).toBe(1);
    expect((await entriesFor(secondChild))[0]!.read).toEqual(['promises']);
  });

  it('a denied read appends a denied entry; the rights holder sees both who read and who was refused', async () => {
    const refused = await t.gql<{ child: unknown }>('query($id: ID!) { child(id: $id) { displayName } }', { id: childId }, stranger);
    expect(refused.data.child).toBeNull();
    const log = await t.gql<{ accessLog: { nodes: Logged[] } }>(LOG_QUERY, { id: childId }, parent);
    const denied = log.data.accessLog!.nodes.find((e) => e.actor.organisation === '204')!;
    expect(denied).toMatchObject({ outcome: 'denied', read: [], denied: ['child'], actor: { role: 'la_officer' } });
    expect(log.data.accessLog!.nodes.some((e) => e.outcome === 'permitted' && e.actor.organisation === '202')).toBe(true);
    // Reading the log is itself a read, logged before the answer left: the parent's own read is the newest.
    const again = await t.gql<{ accessLog: { nodes: Logged[] } }>(LOG_QUERY, { id: childId }, parent);
    expect(again.data.accessLog!.nodes[0]).toMatchObject({ actor: { role: 'parent_carer' }, read: ['accessLog'], outcome: 'permitted' });
  });

  it('the access log is itself access-controlled: the LA privacy officer reads it, an LA caseworker does not (and that attempt is logged)', async () => {
    const privacy = await t.token('privacy_officer', '202');
    expect((await t.gql<{ accessLog: { nodes: Logged[] } | null }>(LOG_QUERY, { id: childId }, privacy)).data.accessLog!.nodes!.length).toBeGreaterThan(0);
    expect((await t.gql<{ accessLog: { nodes: Logged[] } | null }>(LOG_QUERY, { id: childId }, la)).data.accessLog).toBeNull();
    expect((await entriesFor(childId))[0]).toMatchObject({ actor: { role: 'la_officer' }, read: [], denied: ['accessLog'], outcome: 'denied' });
  });

  it('asking about a child that does not exist appends nothing', async () => {
    const ghost = randomUUID();
    await t.gql('query($id: ID!) { child(id: $id) { displayName } }', { id: ghost }, la);
    expect(await entriesFor(ghost)).toEqual([]);
  });

  it('exports and handover PDFs are logged with their route, and the bundle with its stated purpose', async () => {
    await t.app.inject({ method: 'POST', url: `/children/${childId}/evidence-bundle`, headers: { authorization: `Bearer ${la}` }, payload: { purpose: 'First-tier Tribunal appeal' } });
    expect((await entriesFor(childId))[0]).toMatchObject({ via: 'evidence-bundle', read: ['evidence-bundle'], purpose: 'First-tier Tribunal appeal' });
    await t.app.inject({ method: 'GET', url: `/children/${childId}/handover-pack.pdf`, headers: { authorization: `Bearer ${la}` } });
    expect((await entriesFor(childId))[0]).toMatchObject({ via: 'handover-pack-pdf', read: ['handover-pack-pdf'] });
  });
});

describe('no read goes unrecorded', () => {
  it('when the access log cannot be written, the answer is withheld', async () => {
    const broken: AccessLog = {
      append: () => Promise.reject(new Error('disk full')),
      forChild: async () => [],
      verify: async () => ({ intact: true, entries: 0 }),
      close: async () => undefined,
    };
    const t = await startTestApp({ accessLog: broken });
    try {
      const la = await t.token('la_officer', '202');
      const childId = (await registerChild(t, la, { displayName: 'Quentin Unlogged' })).childId;
      const response = await t.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${la}`, 'content-type': 'application/json' },
        payload: { query: 'query($id: ID!) { child(id: $id) { displayName } }', variables: { id: childId } },
      });
      // Withheld whole: a server error (the log is the server's failure, not the client's), no data entry.
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } })] });
      expect(response.body).not.toContain('Quentin');
      const pdf = await t.app.inject({ method: 'GET', url: `/children/${childId}/handover-pack.pdf`, headers: { authorization: `Bearer ${la}` } });
      expect(pdf.statusCode).toBe(500);
    } finally {
      await t.close();
    }
  });
});
