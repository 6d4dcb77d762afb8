import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config.js';
import { ledgerLocation, openConfiguredStore } from '../../src/config/open-store.js';
import { NO_STREAM } from '../../src/store/port.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';
import { proposed } from './store-contract.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('parseConfig accepted the configuration');
}

describe('store settings', () => {
  it('defaults to the embedded SQLite store and needs no URL for it', () => {
    const config = parseConfig({});
    expect(config.SEND_LEDGER_STORE).toBe('sqlite');
    expect(ledgerLocation(config)).toBe(join('./data', 'ledger.sqlite'));
  });

  it('refuses an unknown store, listing the choices', () => {
    expect(problemsOf({ SEND_LEDGER_STORE: 'mysql' })).toEqual([expect.stringMatching(/^SEND_LEDGER_STORE: .*sqlite.*postgres.*eventstoredb/)]);
  });

  it('requires DATABASE_URL for postgres and EVENTSTOREDB_URL for eventstoredb, with an example of each', () => {
    expect(problemsOf({ SEND_LEDGER_STORE: 'postgres' })).toEqual([expect.stringMatching(/^DATABASE_URL: SEND_LEDGER_STORE=postgres needs DATABASE_URL, e\.g\. postgres:\/\//)]);
    expect(problemsOf({ SEND_LEDGER_STORE: 'eventstoredb' })).toEqual([expect.stringMatching(/^EVENTSTOREDB_URL: .*esdb:\/\//)]);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL without echoing it (it may hold a password)', () => {
    const problems = problemsOf({ SEND_LEDGER_STORE: 'postgres', DATABASE_URL: 'mysql://admin:hunter2@db/ledger' });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL: must be a PostgreSQL connection string/)]);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });

  it('names a server store without its credentials', () => {
    const config = parseConfig({ SEND_LEDGER_STORE: 'postgres', DATABASE_URL: 'postgres://ledger:hunter2@db.internal:5432/send_ledger?sslmode=require' });
    expect(ledgerLocation(config)).toBe('PostgreSQL at postgres://db.internal:5432/send_ledger');
  });
});

describe('openConfiguredStore with SEND_LEDGER_STORE=postgres', () => {
  let database: TestDatabase;
  const dir = tempDir();
  beforeAll(async () => {
    database = await createTestDatabase('configured');
  });
  afterAll(async () => {
    await database.drop();
    dir.remove();
  });

  it('opens the PostgreSQL ledger and read models, with child payloads encrypted under keys kept in the data directory', async () => {
    const config = parseConfig({ NODE_ENV: 'test', SEND_LEDGER_STORE: 'postgres', DATABASE_URL: database.url, SEND_LEDGER_DATA_DIR: dir.path });
    const ledger = await openConfiguredStore(config);
    try {
      const childId = '0b9d2f4e-6a7c-4e55-9a41-3c2d1e0f9a8b';
      const { entries } = await ledger.append(`child-${childId}`, [proposed({ data: { note: 'MARKER-IN-PLAIN-TEXT' } })], NO_STREAM);

      // Readers get the plain data back; the database holds only ciphertext.
      expect(entries[0]!.data).toEqual({ note: 'MARKER-IN-PLAIN-TEXT' });
      expect((await ledger.readAll(1, 10))[0]!.data).toEqual({ note: 'MARKER-IN-PLAIN-TEXT' });
      const raw = new pg.Client({ connectionString: database.url });
      await raw.connect();
      try {
        const { rows } = await raw.query<{ body: Buffer }>('SELECT body FROM ledger_events');
        expect(rows).toHaveLength(1);
        expect(rows[0]!.body.toString('utf8')).not.toContain('MARKER-IN-PLAIN-TEXT');
      } finally {
        await raw.end();
      }
      expect(existsSync(join(dir.path, 'keys.sqlite'))).toBe(true);
      expect(existsSync(join(dir.path, 'ledger.sqlite'))).toBe(false);

      // The read models are in the same database.
      const projection = { name: 'configured-check', version: 1, apply: () => {} };
      await ledger.readModels.commit(projection, entries);
      expect(await ledger.readModels.checkpoint(projection.name)).toEqual({ version: 1, position: 1 });
      expect(await ledger.keys.find((entries[0]!.canonical.match(/"keyId":"([^"]+)"/) ?? [])[1] ?? '')).not.toBeNull();
    } finally {
      await ledger.close();
    }
  });
});
