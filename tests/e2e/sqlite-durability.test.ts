import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { provisionLine, record, registerChild } from '../support/ledger-client.js';
import { TestClock, startTestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const TRAIL = `query($id: ID!) { auditTrail(childId: $id) { headHash entries { nodes { eventId type hash recordedAt } } } }`;
const VERIFY = '{ verifyLedger { ok checkedEvents checkedStreams firstFault { globalPosition eventId streamId streamRevision problem } } }';

describe('the embedded SQLite store across restarts and tampering', () => {
  const dir = tempDir();
  const file = join(dir.path, 'ledger.sqlite');
  const clock = new TestClock(new Date('2024-01-10T10:00:00Z'));
  let childId: string;
  let trailBefore: unknown;
  let tamperedEventId: string;
  let tamperedCanonical: string;
  // As the server opens it: child payloads sealed under keys.sqlite, which npm run verify reads with.
  const service = async () => {
    const store = await openConfiguredStore(parseConfig({ SEND_LEDGER_DATA_DIR: dir.path, NODE_ENV: 'test' }), clock.now);
    return startTestApp({ clock, store, keys: store.keys });
  };

  beforeAll(async () => {
    const t = await service();
    const la = await t.token('la_officer', '202');
    childId = (await registerChild(t, la)).childId;
    const other = (await registerChild(t, la, { displayName: 'Child B (pseudonym)' })).childId;
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const draft = await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId });
    clock.set('2024-03-01T10:00:00Z');
    await record(t, la, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } });
    const promised = await record(t, la, 'promiseProvision', childId, provisionLine(draft.subjectId!, { description: 'Speech and language therapy QZXW-MARKER sessions' }));
    tamperedEventId = promised.entries[0]!.eventId;
    tamperedCanonical = (await t.store.readStream(`child-${childId}`)).find((e) => e.eventId === tamperedEventId)!.canonical;
    await record(t, la, 'requestAssessment', other, { requestedBy: 'school' });
    trailBefore = (await t.gql(TRAIL, { id: childId }, la)).data;
    await t.close();
  });
  afterAll(() => dir.remove());

  it('closing and reopening the store loses no acknowledged entry', async () => {
    const t = await service();
    const la = await t.token('la_officer', '202');
    expect((await t.gql(TRAIL, { id: childId }, la)).data).toEqual(trailBefore);
    expect((await t.gql(VERIFY, {}, la)).data).toEqual({ verifyLedger: { ok: true, checkedEvents: 8, checkedStreams: 2, firstFault: null } });
    await t.close();
  });

  it('one changed byte in the SQLite file is found by verifyLedger and the verify CLI, naming the entry', async () => {
    // The entry's exact canonical bytes (read models hold the same words in another shape). SQLite may
    // also leave a stale copy in free space, so change each copy in turn until the live row reads back changed.
    const original = readFileSync(file);
    let from = 0;
    let changed = false;
    while (!changed) {
      const at = original.indexOf(tamperedCanonical, from);
      expect(at, 'the entry bytes are in the file').toBeGreaterThanOrEqual(0);
      const bytes = Buffer.from(original);
      // One character of the sealed payload's ciphertext (the words themselves are encrypted).
      const offset = at + tamperedCanonical.indexOf('"ct":"') + 6;
      bytes[offset] = bytes[offset] === 'K'.charCodeAt(0) ? 'L'.charCodeAt(0) : 'K'.charCodeAt(0);
      writeFileSync(file, bytes);
      const probe = openSqliteStore(file);
      changed = (await probe.readStream(`child-${childId}`)).some((e) => e.eventId === tamperedEventId && e.canonical !== tamperedCanonical);
      await probe.close();
      from = at + 1;
    }

    const t = await service();
    const la = await t.token('la_officer', '202');
    const report = (await t.gql<{ verifyLedger: { ok: boolean; firstFault: Record<string, unknown> } }>(VERIFY, {}, la)).data.verifyLedger;
    await t.close();
    expect(report.ok).toBe(false);
    expect(report.firstFault).toMatchObject({ eventId: tamperedEventId, streamId: `child-${childId}`, streamRevision: 5, globalPosition: 7 });
    expect(report.firstFault['problem']).toMatch(/altered/);

    const cli = await run('npx', ['tsx', 'src/cli/verify-ledger.ts'], { env: { ...process.env, SEND_LEDGER_DATA_DIR: dir.path } }).catch((e: { code: number; stdout: string }) => e);
    expect('code' in cli ? cli.code : 0).toBe(1);
    expect(cli.stdout).toContain(`event ${tamperedEventId}`);
    expect(cli.stdout).toContain(`stream child-${childId} revision 5`);
  });
});
