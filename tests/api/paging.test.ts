import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParent, provisionLine, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
}

const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename } }';

/**
 * Pages through a connection with first/after until hasNextPage is false, checking each page's shape on the way.
 * `at` picks the connection out of the response's data.
 */
async function everyPage<T>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  at: (data: Record<string, unknown>) => Connection<T>,
  first: number,
): Promise<{ nodes: T[]; pages: number; totalCounts: number[] }> {
  const nodes: T[] = [];
  const totalCounts: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const response = await t.gql<Record<string, unknown>>(query, { ...variables, first, after }, token);
    expect(response.errors).toBeUndefined();
    const page = at(response.data);
    expect(page.nodes.length).toBeLessThanOrEqual(first);
    expect(page.edges.map((e) => e.cursor).at(-1) ?? null).toBe(page.pageInfo.endCursor);
    nodes.push(...page.nodes);
    totalCounts.push(page.totalCount);
    pages++;
    if (!page.pageInfo.hasNextPage) return { nodes, pages, totalCounts };
    expect(page.nodes.length).toBe(first);
    after = page.pageInfo.endCursor;
  }
}

const PROMISES = `query($filter: PromiseFilter, $first: Int, $after: String) {
  promises(filter: $filter, first: $first, after: $after) { ${PAGE} nodes { provisionId childId } } }`;
const TRAIL = `query($id: ID!, $first: Int, $after: String) {
  auditTrail(childId: $id) { streamRevision entries(first: $first, after: $after) { ${PAGE} nodes { streamRevision type } } } }`;
const DEADLINES = `query($la: String, $first: Int, $after: String, $dueTo: Date) {
  deadlines(laCode: $la, asOf: "2024-03-01", dueTo: $dueTo, first: $first, after: $after) { ${PAGE} nodes { childId ruleId dueDate startedBy { eventId } } } }`;
const ACCESS = `query($id: ID!, $first: Int, $after: String) {
  accessLog(childId: $id, first: $first, after: $after) { ${PAGE} nodes { sequence read } } }`;
const SERVICES = `query($first: Int, $after: String) {
  localOfferAccountability(laCode: "202", from: "2023-04-01", to: "2024-03-31") {
    services(first: $first, after: $after) { ${PAGE} nodes { serviceId name } } } }`;

type Line = { provisionId: string; childId: string };
const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byKey = (a: Line, b: Line) => order(a.provisionId, b.provisionId);

describe('paging: connections with first/after and stable cursors', () => {
  let t: TestApp;
  let la: string;
  let otherLa: string;
  let parent: string;
  const children: string[] = [];
  let otherChild: string;
  const plans = new Map<string, string>();

  async function childWithPlan(token: string, laCode = '202') {
    t.clock.set('2024-01-08T09:00:00Z');
    const { childId } = await registerChild(t, token, { laCode });
    const request = await record(t, token, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, token, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const draft = await record(t, token, 'issueDraftPlan', childId, { requestId: request.subjectId });
    t.clock.set('2024-02-01T09:00:00Z');
    await record(t, token, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } });
    plans.set(childId, draft.subjectId!);
    return childId;
  }

  const promise = (token: string, childId: string, description: string) =>
    record(t, token, 'promiseProvision', childId, provisionLine(plans.get(childId)!, { description }));

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202');
    otherLa = await t.token('la_officer', '204');
    for (let i = 0; i < 3; i++) children.push(await childWithPlan(la));
    for (const [i, childId] of children.entries()) for (let n = 0; n <= i + 1; n++) await promise(la, childId, `Line ${n} of child ${i}`);
    otherChild = await childWithPlan(otherLa, '204');
    await promise(otherLa, otherChild, 'Another LA line');
    parent = (await addParent(t, la, children[0]!)).token;
    t.clock.set('2024-02-01T09:00:00Z');
  }, 60_000);
  afterAll(() => t.close());

  it('promises: every line the reader may see exactly once, in the order of the line ids (the register key), and totalCount right', async () => {
    const all = await everyPage<Line>(t, PROMISES, {}, la, (d) => d['promises'] as Connection<Line>, 2);
    expect(all.nodes).toHaveLength(2 + 3 + 4);
    expect(all.pages).toBe(5);
    expect(new Set(all.nodes.map((l) => l.provisionId)).size).toBe(all.nodes.length);
    expect(all.nodes).toEqual([...all.nodes].sort(byKey));
    expect(all.totalCounts.every((n) => n === 9)).toBe(true);
    // The other LA's child is neither a node nor counted.
    expect(all.nodes.some((l) => l.childId === otherChild)).toBe(false);
    const theirs = await everyPage<Line>(t, PROMISES, {}, otherLa, (d) => d['promises'] as Connection<Line>, 50);
    expect(theirs.nodes.map((l) => l.childId)).toEqual([otherChild]);
    expect(theirs.totalCounts).toEqual([1]);
  });

  it('promises: a filter on what a line works out (status) pages and counts the same lines as the whole list', async () => {
    const filter = { status: 'not_started' };
    const paged = await everyPage<Line>(t, PROMISES, { filter }, la, (d) => d['promises'] as Connection<Line>, 4);
    const whole = await t.gql<{ promises: Connection<Line> }>(PROMISES, { filter, first: 500 }, la);
    expect(paged.nodes).toEqual(whole.data.promises.nodes);
    expect(paged.totalCounts.every((n) => n === whole.data.promises.nodes.length)).toBe(true);
  });

  it('promises: a cursor from the first page still points to the same place after lines are added', async () => {
    const first = await t.gql<{ promises: Connection<Line> }>(PROMISES, { first: 3 }, la);
    const seen = first.data.promises.nodes;
    const before = (await t.gql<{ promises: Connection<Line> }>(PROMISES, { first: 500 }, la)).data.promises.nodes;
    for (const childId of children) await promise(la, childId, 'A line added while paging');
    const now = await everyPage<Line>(t, PROMISES, {}, la, (d) => d['promises'] as Connection<Line>, 500);
    const after = await t.gql<{ promises: Connection<Line> }>(PROMISES, { first: 500, after: first.data.promises.pageInfo.endCursor }, la);
    const next = after.data.promises.nodes;
    // No repeats of the first page, and every line that existed after the cursor is still there, in order.
    expect(next.some((l) => seen.some((s) => s.provisionId === l.provisionId))).toBe(false);
    const old = next.filter((l) => before.some((b) => b.provisionId === l.provisionId));
    expect(old).toEqual(before.slice(3));
    expect(next).toEqual(now.nodes.filter((l) => byKey(l, seen.at(-1)!) > 0));
    expect(after.data.promises.totalCount).toBe(before.length + children.length);
  });

  it('the audit trail: entries by stream revision, 100 a page by default, and a cursor stays valid as entries are recorded', async () => {
    const childId = children[2]!;
    const all = await everyPage<{ streamRevision: number }>(t, TRAIL, { id: childId }, la, (d) => (d['auditTrail'] as { entries: Connection<{ streamRevision: number }> }).entries, 3);
    expect(all.nodes.map((e) => e.streamRevision)).toEqual(all.nodes.map((_, i) => i));
    expect(all.totalCounts.every((n) => n === all.nodes.length)).toBe(true);

    const firstPage = await t.gql<{ auditTrail: { entries: Connection<{ streamRevision: number }> } }>(TRAIL, { id: childId, first: 4 }, la);
    await promise(la, childId, 'Recorded after the first page was read');
    const rest = await t.gql<{ auditTrail: { entries: Connection<{ streamRevision: number }> } }>(
      TRAIL, { id: childId, first: 500, after: firstPage.data.auditTrail.entries.pageInfo.endCursor }, la);
    expect(rest.data.auditTrail.entries.nodes.map((e) => e.streamRevision)).toEqual(Array.from({ length: all.nodes.length + 1 - 4 }, (_, i) => i + 4));

    const byDefault = await t.gql<{ auditTrail: { entries: Connection<unknown> } }>(TRAIL, { id: childId }, la);
    expect(byDefault.data.auditTrail.entries.nodes).toHaveLength(all.nodes.length + 1);
    expect(byDefault.data.auditTrail.entries.pageInfo.hasNextPage).toBe(false);
  });

  it('deadlines: soonest due first by (due date, child, rule, entry), each once, only of children the reader may read', async () => {
    type Clock = { childId: string; ruleId: string; dueDate: string; startedBy: { eventId: string } };
    const all = await everyPage<Clock>(t, DEADLINES, { la: '202' }, la, (d) => d['deadlines'] as Connection<Clock>, 2);
    const key = (c: Clock) => [c.dueDate, c.childId, c.ruleId, c.startedBy.eventId].join('|');
    expect(all.nodes.length).toBeGreaterThanOrEqual(children.length);
    expect(new Set(all.nodes.map(key)).size).toBe(all.nodes.length);
    expect(all.nodes.map(key)).toEqual(all.nodes.map(key).sort());
    expect(all.totalCounts.every((n) => n === all.nodes.length)).toBe(true);
    expect(all.nodes.some((c) => c.childId === otherChild)).toBe(false);
    const theirs = await t.gql<{ deadlines: Connection<Clock> }>(DEADLINES, { la: '202' }, otherLa);
    expect(theirs.data.deadlines.totalCount).toBe(0);
    // A due-date window pages within itself.
    const soon = all.nodes[0]!.dueDate;
    const window = await everyPage<Clock>(t, DEADLINES, { la: '202', dueTo: soon }, la, (d) => d['deadlines'] as Connection<Clock>, 1);
    expect(window.nodes).toEqual(all.nodes.filter((c) => c.dueDate <= soon));
  });

  it('the access log: newest first, each entry once, and reads made while paging never move the pages after the cursor', async () => {
    const childId = children[0]!;
    for (let i = 0; i < 4; i++) await t.gql('query($id: ID!) { child(id: $id) { id } }', { id: childId }, la);
    type Logged = { sequence: number };
    const all = await everyPage<Logged>(t, ACCESS, { id: childId }, parent, (d) => d['accessLog'] as Connection<Logged>, 2);
    const sequences = all.nodes.map((e) => e.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
    // Each page's own read is logged before the next: the count grows, but what lies after each cursor does not.
    expect(sequences.length).toBeGreaterThanOrEqual(5);
    const everything = (await t.gql<{ accessLog: Connection<Logged> }>(ACCESS, { id: childId, first: 500 }, parent)).data.accessLog;
    expect(everything.nodes.map((e) => e.sequence).filter((s) => s <= sequences[0]!)).toEqual(sequences);
    // The LA officer may not read this child's access log: no node, no count.
    expect((await t.gql<{ accessLog: Connection<Logged> | null }>(ACCESS, { id: childId }, la)).data.accessLog).toBeNull();
  });

  it('Local Offer rows: services by service id, each once, totalCount right', async () => {
    const ids: string[] = [];
    for (const name of ['Portage', 'Travel training', 'Speech and language therapy']) {
      t.clock.set('2023-01-05T10:00:00Z');
      const listed = await t.gql<{ r: { subjectId: string } }>(
        'mutation($input: LocalOfferServiceInput!) { r: listLocalOfferService(laCode: "202", input: $input) { subjectId } }',
        { input: { name, provider: 'Camden', description: name, eligibility: 'Any child', ageRange: { from: 0, to: 19 }, areasOfNeed: ['communication_and_interaction'], category: 'education' } },
        la,
      );
      ids.push(listed.data.r.subjectId);
    }
    t.clock.set('2024-02-01T09:00:00Z');
    const all = await everyPage<{ serviceId: string }>(t, SERVICES, {}, la, (d) => (d['localOfferAccountability'] as { services: Connection<{ serviceId: string }> }).services, 2);
    expect(all.nodes.map((s) => s.serviceId)).toEqual([...ids].sort());
    expect(all.totalCounts).toEqual([3, 3]);
  });

  describe('refusals name the argument', () => {
    const refusal = async (query: string, variables: Record<string, unknown>) => {
      const response = await t.gql(query, variables, la);
      expect(response.errors).toHaveLength(1);
      return response.errors![0]!.extensions as { code: string; field: string };
    };

    it('first outside 1..500', async () => {
      for (const first of [0, 501, -1]) {
        expect(await refusal(PROMISES, { first })).toMatchObject({ code: 'BAD_INPUT', field: 'first' });
        expect(await refusal(DEADLINES, { la: '202', first })).toMatchObject({ code: 'BAD_INPUT', field: 'first' });
        expect(await refusal(TRAIL, { id: children[0], first })).toMatchObject({ code: 'BAD_INPUT', field: 'first' });
        expect(await refusal(SERVICES, { first })).toMatchObject({ code: 'BAD_INPUT', field: 'first' });
      }
    });

    it('a malformed cursor, or one another list gave out', async () => {
      const promisesCursor = (await t.gql<{ promises: Connection<Line> }>(PROMISES, { first: 1 }, la)).data.promises.pageInfo.endCursor;
      for (const after of ['not a cursor', 'bm90IGpzb24', Buffer.from('{"k":"promise","v":[{}]}').toString('base64url')]) {
        expect(await refusal(PROMISES, { after })).toMatchObject({ code: 'BAD_INPUT', field: 'after' });
      }
      expect(await refusal(TRAIL, { id: children[0], after: promisesCursor })).toMatchObject({ code: 'BAD_INPUT', field: 'after' });
      expect(await refusal(DEADLINES, { la: '202', after: promisesCursor })).toMatchObject({ code: 'BAD_INPUT', field: 'after' });
      const parentRefusal = await t.gql(ACCESS, { id: children[0], after: promisesCursor }, parent);
      expect(parentRefusal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'after' });
    });
  });
});
