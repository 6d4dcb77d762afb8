import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteAccessLog } from '../../src/access-log/sqlite-access-log.js';
import { tempDir } from '../support/temp-dir.js';
import { accessEntry, describeAccessLogContract } from './access-log-contract.js';

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
const file = () => {
  const dir = tempDir('access-log-');
  dirs.push(dir);
  return join(dir.path, 'access-log.sqlite');
};

describeAccessLogContract('sqlite', async () => {
  const path = file();
  const handles = [openSqliteAccessLog(path)];
  return {
    log: handles[0]!,
    another: async () => {
      const handle = openSqliteAccessLog(path);
      handles.push(handle);
      return handle;
    },
    cleanup: async () => {
      for (const handle of handles) await handle.close().catch(() => undefined);
    },
  };
});

describe('the SQLite access log', () => {
  it('refuses updates and deletes', async () => {
    const path = file();
    const log = openSqliteAccessLog(path);
    await log.append([accessEntry(randomUUID())]);
    await log.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE access_log SET entry = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an entry altered behind its back (the hash chain breaks at it)', async () => {
    const path = file();
    const log = openSqliteAccessLog(path);
    for (let i = 0; i < 5; i++) await log.append([accessEntry(randomUUID(), { purpose: `read ${i}` })]);
    await log.close();
    const db = new Database(path);
    db.exec('DROP TRIGGER access_log_no_update');
    const third = db.prepare('SELECT entry FROM access_log WHERE sequence = 3').pluck().get() as string;
    db.prepare('UPDATE access_log SET entry = ? WHERE sequence = 3').run(third.replace('read 2', 'read 9'));
    db.close();
    const reopened = openSqliteAccessLog(path);
    expect(await reopened.verify()).toEqual({ intact: false, entries: 3, firstBrokenSequence: 3, problem: expect.stringMatching(/does not match its hash/) });
    await reopened.close();
  });
});
