import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../src/access-log/access-entry.js';
import { openSqliteAccessLog } from '../../src/access-log/sqlite-access-log.js';
import { tempDir } from '../support/temp-dir.js';

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
const file = () => {
  const dir = tempDir('access-log-');
  dirs.push(dir);
  return join(dir.path, 'access-log.sqlite');
};

const entry = (childId: string, overrides: Partial<AccessEntry> = {}): AccessEntry => ({
  accessId: randomUUID(),
  at: '2025-06-02T09:00:00.000Z',
  actor: { id: 'u1', role: 'la_officer', organisation: '202' },
  childId,
  read: ['auditTrail'],
  denied: [],
  outcome: 'permitted',
  purpose: 'Annual review preparation',
  basis: ["officer of the child's local authority"],
  requestId: randomUUID(),
  via: 'graphql',
  ...overrides,
});

describe('the SQLite access log', () => {
  it('keeps every entry of concurrent appends (one commit for the batch), durable across a reopen, newest first per child', async () => {
    const path = file();
    const log = openSqliteAccessLog(path);
    const child = randomUUID();
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([entry(i % 2 === 0 ? child : randomUUID(), { purpose: `read ${i}` })])));
    await log.close();
    const reopened = openSqliteAccessLog(path);
    const mine = await reopened.forChild(child);
    expect(mine).toHaveLength(25);
    expect(mine.map((e) => e.sequence)).toEqual([...mine.map((e) => e.sequence)].sort((a, b) => b - a));
    expect((await reopened.verify()).entries).toBe(50);
    expect((await reopened.verify()).intact).toBe(true);
    await reopened.close();
  });

  it('refuses updates and deletes', async () => {
    const path = file();
    const log = openSqliteAccessLog(path);
    await log.append([entry(randomUUID())]);
    await log.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE access_log SET entry = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an entry altered behind its back (the hash chain breaks at it)', async () => {
    const path = file();
    const log = openSqliteAccessLog(path);
    for (let i = 0; i < 5; i++) await log.append([entry(randomUUID(), { purpose: `read ${i}` })]);
    await log.close();
    const db = new Database(path);
    db.exec('DROP TRIGGER access_log_no_update');
    const third = db.prepare('SELECT entry FROM access_log WHERE sequence = 3').pluck().get() as string;
    db.prepare('UPDATE access_log SET entry = ? WHERE sequence = 3').run(third.replace('read 2', 'read 9'));
    db.close();
    const reopened = openSqliteAccessLog(path);
    expect(await reopened.verify()).toEqual({ intact: false, entries: 3, firstBrokenSequence: 3 });
    await reopened.close();
  });
});
