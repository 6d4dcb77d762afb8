import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { childD } from '../../src/demo/child-d-sen-support.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { startDemoWebServer, type DemoWebServer } from '../web/support/demo-web-server.js';

let server: DemoWebServer;
beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const QUERY = `query($la: String!, $asOf: Date) { annexA(laCode: $la, asOf: $asOf) {
  laCode asOf
  list1 { title columns { key header notHeld } rows { childId planId sources cells { column kind text date number yes } } }
  list2 { rows { childId cells { column kind text date } } }
} }`;

interface Cell { column: string; kind: string; text: string; date: string | null; number: number | null; yes: boolean | null }
interface Answer {
  data?: { annexA: null | { laCode: string; asOf: string; list1: { title: string; columns: Array<{ key: string; notHeld: string | null }>; rows: Array<{ childId: string; planId: string; sources: string[]; cells: Cell[] }> }; list2: { rows: Array<{ childId: string; cells: Cell[] }> } } };
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

async function ask(actor: Actor, variables: Record<string, unknown>): Promise<Answer> {
  const token = await mintDevToken(TEST_SECRET, server.config.AUTH_ISSUER, server.config.AUTH_AUDIENCE, { actorId: actor.id, displayName: actor.displayName, role: actor.role as never, organisation: actor.organisation });
  const response = await server.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { query: QUERY, variables } });
  return response.json() as Answer;
}

describe('the annexA query', () => {
  it('gives an LA officer both lists as of the day, each cell with its kind and each row with its sources, and notes each child listed', async () => {
    const answer = await ask(cast.caseworker, { la: '202', asOf: '2026-03-02' });
    expect(answer.errors).toBeUndefined();
    const lists = answer.data!.annexA!;
    expect(lists).toMatchObject({ laCode: '202', asOf: '2026-03-02' });
    expect(lists.list1.rows.map((row) => row.childId).sort()).toEqual([childA().childId, childB().childId].sort());
    expect(lists.list2.rows.map((row) => row.childId)).toEqual([childD().childId]);
    expect(lists.list1.columns.find((c) => c.key === 'ethnicity')!.notHeld).toMatch(/ethnicity/i);
    expect(lists.list1.columns.find((c) => c.key === 'planIssued')!.notHeld).toBeNull();
    for (const row of lists.list1.rows) {
      const cell = (key: string) => row.cells.find((c) => c.column === key)!;
      expect(cell('planIssued')).toMatchObject({ kind: 'date', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(cell('ethnicity')).toMatchObject({ kind: 'not_held', text: 'Not held in SEND Ledger' });
      expect(cell('within20Weeks').kind).toBe('yes_no');
      expect(row.sources.length).toBeGreaterThan(0);
      // Every source is an entry of this child's record.
      const stream = (await server.store.readStream(`child-${row.childId}`)).map((entry) => entry.eventId);
      for (const id of row.sources) expect(stream).toContain(id);
      const logged = await server.accessLog.forChild(row.childId);
      expect(logged.some((entry) => entry.read.includes('annexA') && entry.via === 'graphql')).toBe(true);
    }
  }, 60_000);

  it('is null for a SENCo, a parent and an officer asking about another LA; refuses a day that is no date or still to come', async () => {
    for (const actor of [cast.kentishValeSenco, cast.parentA]) expect(await ask(actor, { la: '202' })).toMatchObject({ data: { annexA: null } });
    expect(await ask(cast.caseworker, { la: '203' })).toMatchObject({ data: { annexA: null } });
    const future = await ask(cast.caseworker, { la: '202', asOf: '2026-03-03' });
    expect(future.errors![0]).toMatchObject({ extensions: { code: 'BAD_INPUT' } });
    expect(future.errors![0]!.message).toContain('asOf');
    expect(future.errors![0]!.message).toContain('today or earlier');
    expect((await ask(cast.caseworker, { la: '202', asOf: '2026-02-30' })).errors![0]).toMatchObject({ extensions: { code: 'BAD_INPUT' } });
    const badLa = await ask(cast.caseworker, { la: 'Camden' });
    expect(badLa.errors![0]).toMatchObject({ extensions: { code: 'BAD_INPUT' } });
    expect(badLa.errors![0]!.message).toContain('laCode');
  }, 60_000);
});
