import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { record, registerChild } from '../support/ledger-client.js';
import { startTestApp, TestClock, type TestApp } from '../support/test-app.js';

/**
 * An LA's deadlines are kept per child in summary and judged again on a later day without reading the records:
 * whatever day it is asked and however the records grow, the LA's list is exactly the union of each child's own
 * clocks, and only the records of the children on the page (and of the children whose records grew) are read.
 */
const CLOCK = 'childId ruleId state dueDate dueDateWithExceptions daysLate daysLateWithoutExceptions startedBy { eventId type on } stoppedBy { type on } lapsedBy { type on }';
type Clock = { childId: string; ruleId: string; state: string; dueDate: string; startedBy: { eventId: string } };

describe('the deadlines of a whole LA, kept per child and judged on the day asked', () => {
  let t: TestApp;
  let la: string;
  const children: string[] = [];
  const requests: string[] = [];
  const reads = new Map<string, number>();
  const readsOf = () => [...reads.values()].reduce((a, b) => a + b, 0);

  async function on(day: string, mutation: string, childId: string, input: Record<string, unknown>) {
    t.clock.set(`${day}T16:00:00Z`);
    return record(t, la, mutation, childId, input, { occurredAt: day });
  }

  async function laDeadlines(asOf: string, args = ''): Promise<{ totalCount: number; nodes: Clock[] }> {
    const nodes: Clock[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const response: { data: { deadlines: { totalCount: number; nodes: Clock[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }; errors?: unknown } = await t.gql(
        `query($asOf: Date, $after: String) { deadlines(laCode: "202", asOf: $asOf, first: 4, after: $after ${args}) { totalCount nodes { ${CLOCK} } pageInfo { endCursor hasNextPage } } }`,
        { asOf, after },
        la,
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      nodes.push(...response.data.deadlines.nodes);
      totalCount = response.data.deadlines.totalCount;
      after = response.data.deadlines.pageInfo.hasNextPage ? response.data.deadlines.pageInfo.endCursor : null;
    } while (after);
    return { totalCount, nodes };
  }

  /** Each child's own deadlines, asked child by child (its record read whole), in the LA list's order. */
  async function childByChild(asOf: string, keep: (clock: Clock) => boolean = () => true): Promise<Clock[]> {
    const all: Clock[] = [];
    for (const id of children) {
      const response = await t.gql<{ deadlines: { nodes: Clock[] } }>(`query($id: ID, $asOf: Date) { deadlines(childId: $id, asOf: $asOf) { nodes { ${CLOCK} } } }`, { id, asOf }, la);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      all.push(...response.data.deadlines.nodes.filter(keep));
    }
    const key = (c: Clock) => [c.dueDate, c.childId, c.ruleId, c.startedBy.eventId].join('\u0000');
    return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  beforeAll(async () => {
    const clock = new TestClock(new Date('2024-01-08T09:00:00Z'));
    const inner = encryptingStore(createMemoryStore(clock.now), memoryKeyStore());
    // The store as the server sees it, counting each child's record read.
    const counting: EventStore = Object.assign(Object.create(inner) as EventStore, {
      readStream: (streamId: string, range?: Parameters<EventStore['readStream']>[1]) => {
        reads.set(streamId, (reads.get(streamId) ?? 0) + 1);
        return inner.readStream(streamId, range);
      },
    });
    t = await startTestApp({ store: counting, clock, env: { CHILD_RECORD_CACHE_MB: '0' } });
    la = await t.token('la_officer', '202');
    for (let i = 0; i < 6; i++) {
      t.clock.set('2024-01-08T09:00:00Z');
      const childId = (await registerChild(t, la, { displayName: `Child ${i} (pseudonym)` })).childId;
      children.push(childId);
      const requestId = (await on(`2024-01-${String(10 + i).padStart(2, '0')}`, 'requestAssessment', childId, { requestedBy: 'parent_carer' })).subjectId!;
      requests.push(requestId);
      // Half are decided (one late), half left open: their 6-week clocks run on and fall due in late February.
      if (i % 2 === 0) await on(`2024-02-${String(19 + i).padStart(2, '0')}`, 'decideAssessment', childId, { requestId, decision: 'assess' });
    }
  });
  afterAll(() => t.close());

  it('is the union of every child\'s own clocks, paged, on the day asked and on later days as clocks fall due', async () => {
    for (const asOf of ['2024-02-01', '2024-02-20', '2024-03-15', '2024-09-30']) {
      const listed = await laDeadlines(asOf);
      const expected = await childByChild(asOf);
      expect(listed.nodes).toEqual(expected);
      expect(listed.totalCount).toBe(expected.length);
    }
    // Not vacuous: the open requests' clocks were pending, then missed, as the days went by.
    const early = (await laDeadlines('2024-02-01')).nodes.filter((c) => c.ruleId === 'decide-whether-to-assess');
    const late = (await laDeadlines('2024-03-15')).nodes.filter((c) => c.ruleId === 'decide-whether-to-assess');
    expect(early.map((c) => c.state)).toContain('pending');
    expect(late.filter((c) => c.state === 'missed')).toHaveLength(3);
  });

  it('filters and counts the same as child by child (state, failures, due dates)', async () => {
    for (const [args, keep] of [
      ['state: missed', (c: Clock) => c.state === 'missed'],
      ['failuresOnly: true', (c: Clock) => c.state === 'missed' || c.state === 'met_late'],
      ['dueFrom: "2024-02-20", dueTo: "2024-02-22"', (c: Clock) => c.dueDate >= '2024-02-20' && c.dueDate <= '2024-02-22'],
    ] as const) {
      const listed = await laDeadlines('2024-03-15', `, ${args}`);
      expect(listed.nodes).toEqual(await childByChild('2024-03-15', keep));
      expect(listed.nodes.length).toBeGreaterThan(0);
    }
  });

  it('on a later day reads only the records of the children on the page, and a record that grew is read again', async () => {
    await laDeadlines('2024-04-01');
    reads.clear();
    const firstPage = await t.gql<{ deadlines: { nodes: Clock[] } }>(`{ deadlines(laCode: "202", asOf: "2024-04-02", first: 2) { nodes { ${CLOCK} } } }`, {}, la);
    const onPage = new Set(firstPage.data.deadlines.nodes.map((c) => `child-${c.childId}`));
    expect(onPage.size).toBeGreaterThan(0);
    expect([...reads.keys()].every((streamId) => onPage.has(streamId))).toBe(true);
    expect(readsOf()).toBeLessThanOrEqual(onPage.size);

    // One child's record grows (a decision on its open request): only that record is read to answer again.
    const open = children[1]!;
    const before = (await childByChild('2024-04-10')).filter((c) => c.childId === open && c.ruleId === 'decide-whether-to-assess');
    expect(before.map((c) => c.state)).toEqual(['missed']);
    await on('2024-04-10', 'decideAssessment', open, { requestId: requests[1]!, decision: 'assess' });
    reads.clear();
    const after = (await laDeadlines('2024-04-10', ', state: met_late')).nodes;
    expect(after.map((c) => c.childId)).toContain(open);
    expect(reads.get(`child-${open}`)).toBeGreaterThan(0);
  });
});
