import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresAccessLog } from '../../src/access-log/postgres-access-log.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { accessEntry, describeAccessLogContract } from './access-log-contract.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('access_log');
});
afterAll(async () => {
  await database.drop();
});

describeAccessLogContract('postgres', async () => {
  // Each case gets a clean table: the contract counts entries from zero.
  const admin = new pg.Pool({ connectionString: database.url, max: 1 });
  await admin.query('DROP TABLE IF EXISTS access_log');
  await admin.end();
  const pools = [new pg.Pool({ connectionString: database.url, max: 4 })];
  return {
    log: await openPostgresAccessLog(pools[0]!),
    another: async () => {
      const pool = new pg.Pool({ connectionString: database.url, max: 4 });
      pools.push(pool);
      return openPostgresAccessLog(pool);
    },
    cleanup: async () => {
      for (const pool of pools) await pool.end();
    },
  };
});

describe('the PostgreSQL access log', () => {
  it('refuses updates, deletes and truncation, and detects an entry altered behind its back', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      await pool.query('DROP TABLE IF EXISTS access_log');
      const log = await openPostgresAccessLog(pool);
      for (let i = 0; i < 5; i++) await log.append([accessEntry(randomUUID(), { purpose: `read ${i}` })]);
      await expect(pool.query("UPDATE access_log SET entry = '{}'")).rejects.toThrow(/append-only/);
      await expect(pool.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
      await expect(pool.query('TRUNCATE access_log')).rejects.toThrow(/append-only/);
      await pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_no_change');
      await pool.query("UPDATE access_log SET entry = replace(entry, 'read 2', 'read 9') WHERE sequence = 3");
      expect(await log.verify()).toEqual({ intact: false, entries: 3, firstBrokenSequence: 3, problem: expect.stringMatching(/does not match its hash/) });
    } finally {
      await pool.end();
    }
  });
});
