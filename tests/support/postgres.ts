import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** Connection string of the new database (superuser of the embedded cluster). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

const identifier = (label: string) => label.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);

async function asAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database on the run's one embedded PostgreSQL (started by postgres-global-setup.ts):
 * one per test file, so the files run in parallel without seeing each other's events.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `${identifier(label)}_${randomBytes(5).toString('hex')}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      break;
    } catch (error) {
      // Two files creating databases at the same instant can briefly contend for the template.
      if (attempt >= 5 || !/being accessed by other users/.test(String(error))) throw error;
      await delay(100 * attempt);
    }
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => asAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export interface TestSchema {
  /** Connection string whose search_path is the new schema: a store opened on it starts empty. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh schema inside a test database, for tests that each need an empty ledger (cheaper than a database). */
export async function createTestSchema(databaseUrl: string, label = 'ledger'): Promise<TestSchema> {
  const schema = `${identifier(label)}_${randomBytes(5).toString('hex')}`;
  await asAdmin(databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () => asAdmin(databaseUrl, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => undefined),
  };
}
