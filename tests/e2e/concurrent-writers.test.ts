import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { mutate, provisionLine, record, registerChild } from '../support/ledger-client.js';
import { TestClock, startTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

describe('concurrent writers on one child (SQLite store)', () => {
  let t: TestApp;
  let dir: ReturnType<typeof tempDir>;

  async function childWithPlan(token: string) {
    t.clock.set('2024-01-10T10:00:00Z');
    const { childId } = await registerChild(t, token);
    const request = await record(t, token, 'requestAssessment', childId, { requestedBy: 'school' });
    await record(t, token, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const draft = await record(t, token, 'issueDraftPlan', childId, { requestId: request.subjectId });
    t.clock.set('2024-03-01T10:00:00Z');
    const final = await record(t, token, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } });
    return { childId, planId: draft.subjectId!, revision: final.streamRevision };
  }

  afterEach(async () => {
    await t.close();
    dir.remove();
  });

  it('two mutations at the same expected revision: exactly one succeeds, the other gets CONFLICT, nothing is lost', async () => {
    dir = tempDir();
    const clock = new TestClock();
    t = await startTestApp({ clock, store: openSqliteStore(join(dir.path, 'ledger.sqlite'), clock.now) });
    const la = await t.token('la_officer', '202');
    const { childId, planId, revision } = await childWithPlan(la);

    const [first, second] = await Promise.all([
      mutate(t, la, 'promiseProvision', childId, provisionLine(planId, { description: 'Line from writer one' }), { expectedRevision: revision }),
      mutate(t, la, 'promiseProvision', childId, provisionLine(planId, { description: 'Line from writer two' }), { expectedRevision: revision }),
    ]);
    const outcomes = [first, second];
    const won = outcomes.filter((o) => o.result !== null);
    const lost = outcomes.filter((o) => o.result === null);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentRevision: revision + 1, expectedRevision: revision });

    const stream = await t.store.readStream(`child-${childId}`);
    expect(stream).toHaveLength(revision + 2);
    expect(stream.at(-1)!.data['description']).toBe(won[0]!.result!.entries[0]!.data['description']);
  });

  it('without an expected revision, twenty concurrent deliveries are all recorded, each once', async () => {
    dir = tempDir();
    const clock = new TestClock();
    t = await startTestApp({ clock, store: openSqliteStore(join(dir.path, 'ledger.sqlite'), clock.now) });
    const la = await t.token('la_officer', '202');
    const senco = await t.token('senco', '100001');
    const { childId, planId } = await childWithPlan(la);
    const promised = await record(t, la, 'promiseProvision', childId, provisionLine(planId));
    t.clock.set('2024-06-01T10:00:00Z');

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mutate(t, senco, 'recordDelivery', childId, { provisionId: promised.subjectId, sessions: 1, minutes: 45, deliveredBy: { name: `Therapist ${i}`, role: 'SALT' } }),
      ),
    );
    expect(outcomes.every((o) => o.result !== null)).toBe(true);
    const deliveries = (await t.store.readStream(`child-${childId}`)).filter((e) => e.type === 'ProvisionDelivered');
    expect(new Set(deliveries.map((d) => (d.data['deliveredBy'] as { name: string }).name)).size).toBe(20);
  });

  it('a retried mutation with the same idempotency key records nothing new and returns the original entries', async () => {
    dir = tempDir();
    const clock = new TestClock();
    t = await startTestApp({ clock, store: openSqliteStore(join(dir.path, 'ledger.sqlite'), clock.now) });
    const la = await t.token('la_officer', '202');
    const first = await registerChild(t, la, {}, { idempotencyKey: 'register-child-a' });
    const again = await registerChild(t, la, {}, { idempotencyKey: 'register-child-a' });
    expect(again.deduplicated).toBe(true);
    expect(again.childId).toBe(first.childId);
    expect(again.entries.map((e) => e.eventId)).toEqual(first.entries.map((e) => e.eventId));
    expect(await t.store.headPosition()).toBe(1);
  });
});
