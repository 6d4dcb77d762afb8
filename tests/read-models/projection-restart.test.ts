import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promiseRegister } from '../../projections/promise-register.js';
import { parseConfig } from '../../src/config/config.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import { startProjection } from '../../src/read-models/projector.js';
import type { EventStore, SubscribeOptions } from '../../src/store/port.js';
import { provisionLine, record, registerChild } from '../support/ledger-client.js';
import { TestClock, startTestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const PROMISES = '{ promises(first: 500) { totalCount nodes { provisionId status history { kind } delivery { sessionsDelivered } } } }';

/** Records where each catch-up subscription starts and every position read through readAll. */
function watched(store: EventStore) {
  const subscribedFrom: number[] = [];
  const readFrom: number[] = [];
  const spy: EventStore = Object.create(store);
  spy.subscribe = (options: SubscribeOptions) => {
    subscribedFrom.push(options.fromPosition);
    return store.subscribe(options);
  };
  spy.readAll = (from: number, limit: number) => {
    readFrom.push(from);
    return store.readAll(from, limit);
  };
  return { store: spy, subscribedFrom, readFrom };
}

describe('stored read models across restarts (SQLite)', () => {
  const dir = tempDir();
  const clock = new TestClock(new Date('2024-01-10T10:00:00Z'));
  let before: unknown;
  let head: number;
  // As the server and npm run rebuild open it: child payloads sealed under keys.sqlite, read models in ledger.sqlite.
  const openLedger = () => openConfiguredStore(parseConfig({ SEND_LEDGER_DATA_DIR: dir.path, NODE_ENV: 'test' }), clock.now);
  const service = async () => {
    const ledger = await openLedger();
    return startTestApp({ clock, store: ledger, keys: ledger.keys, readModels: ledger.readModels });
  };

  beforeAll(async () => {
    const t = await service();
    const la = await t.token('la_officer', '202');
    const senco = await t.token('senco', '100001');
    const { childId } = await registerChild(t, la);
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const draft = await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId });
    clock.set('2024-03-01T10:00:00Z');
    await record(t, la, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } });
    const line = await record(t, la, 'promiseProvision', childId, provisionLine(draft.subjectId!));
    clock.set('2024-03-12T10:00:00Z');
    await record(t, senco, 'recordDelivery', childId, { provisionId: line.subjectId, sessions: 1, minutes: 45, deliveredBy: { name: 'A. Therapist', role: 'SALT' } });
    before = (await t.gql(PROMISES, {}, la)).data;
    head = await t.store.headPosition();
    await t.close();
  });
  afterAll(() => dir.remove());

  it('a restarted server resumes after its checkpoint instead of replaying the log', async () => {
    const ledger = await openLedger();
    const watch = watched(ledger);
    const readModels = ledger.readModels;
    let folded = 0;
    const counting = {
      ...readModels,
      commit: (projection: Parameters<typeof readModels.commit>[0], entries: Parameters<typeof readModels.commit>[1]) => ((folded += entries.length), readModels.commit(projection, entries)),
      commitAll: (projections: Parameters<typeof readModels.commitAll>[0], entries: Parameters<typeof readModels.commitAll>[1]) => ((folded += entries.length), readModels.commitAll(projections, entries)),
    };
    const t = await startTestApp({ clock, store: watch.store, readModels: counting, keys: ledger.keys });
    const la = await t.token('la_officer', '202');
    expect((await t.gql(PROMISES, {}, la)).data).toEqual(before);
    // One subscription for every read model (or one each): all start after the checkpoint.
    expect(new Set(watch.subscribedFrom)).toEqual(new Set([head + 1]));
    expect(folded).toBe(0);
    expect(watch.readFrom.every((from) => from > head)).toBe(true);
    await t.close();
  });

  it('a projection of another version is dropped and rebuilt from the start of the log', async () => {
    const store = await openLedger();
    const readModels = store.readModels;
    const watch = watched(store);
    const newer = { ...promiseRegister, version: promiseRegister.version + 1 };
    const running = await startProjection(watch.store, readModels, newer, (e) => { throw e; });
    await running.waitFor(head);
    await running.stop();
    expect(watch.subscribedFrom).toEqual([1]);
    expect(await readModels.checkpoint(newer.name)).toEqual({ version: newer.version, position: head });
    expect((await running.reader.list('provision')).length).toBe(1);
    // Back to the current version: rebuilt again, same answers.
    const again = await startProjection(store, readModels, promiseRegister, (e) => { throw e; });
    await again.waitFor(head);
    await again.stop();
    const t = await startTestApp({ clock, store, readModels, keys: store.keys });
    expect((await t.gql(PROMISES, {}, await t.token('la_officer', '202'))).data).toEqual(before);
    await t.close();
  });

  it('npm run rebuild refolds a projection with a progress line, and the answers stay the same', async () => {
    const { stderr } = await run('npx', ['tsx', 'src/cli/rebuild.ts', 'promise-register'], { env: { ...process.env, SEND_LEDGER_DATA_DIR: dir.path } });
    expect(stderr).toMatch(new RegExp(`promise-register .*100% ${head}/${head} events \\d[\\d,]* events/s ETA 0s`));
    const t = await service();
    expect((await t.gql(PROMISES, {}, await t.token('la_officer', '202'))).data).toEqual(before);
    await t.close();
  });

  it('rebuild refuses an unknown projection name', async () => {
    const failed = await run('npx', ['tsx', 'src/cli/rebuild.ts', 'no-such-projection'], { env: { ...process.env, SEND_LEDGER_DATA_DIR: dir.path } }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed ? failed.code : 0).toBe(2);
    expect(failed.stderr).toContain('Known: promise-register');
  });
});
