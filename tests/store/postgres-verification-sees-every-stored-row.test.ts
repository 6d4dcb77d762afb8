import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadDemo } from '../../src/cli/load-demo.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import { loadSigningKey } from '../../src/integrity/signing-key.js';
import { forgedEntry, type ForgeOptions, type ForgedEntry } from '../integrity/ledger-forgery.js';
import { record, registerChild } from '../support/ledger-client.js';
import { createTestDatabase, createTestSchema, type TestDatabase, type TestSchema } from '../support/postgres.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Issue 13 on PostgreSQL: the demo ledger with signed tree heads, each attack on a ledger of its own, changed by
 * someone with the table owner's rights (triggers dropped, every hash recomputed), then judged by
 * `npm run verify`, the verifyLedger query and auditTrail.
 */

const run = promisify(execFile);
const VERIFY = `{ verifyLedger { ok checkedTreeHeads firstFault { globalPosition lastGlobalPosition eventId streamId streamRevision problem }
  accessLog { intact firstBrokenSequence problem } } }`;
const TRAIL = 'query($id: ID!) { auditTrail(childId: $id) { entries { nodes { eventId type } } } }';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('verify_rows');
});
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await database.drop();
});

interface Ledger {
  config: Config;
  pool: pg.Pool;
  demoChild: string;
  firstHeadSize: number;
  secondHeadSize: number;
  needsOfChildQ: { position: number; streamId: string };
  registrationOfChildR: number;
}

async function serviceOn(config: Config): Promise<{ t: TestApp; la: string }> {
  const store = await openConfiguredStore(config);
  const t = await startTestApp({ store, keys: store.keys, accessLog: store.accessLog, signingKey: loadSigningKey(config.SEND_LEDGER_DATA_DIR) });
  return { t, la: await t.token('la_officer', '202') };
}

/** The demo in a schema of its own, then tree heads with registrations between them, through the API. */
async function demoLedger(): Promise<Ledger> {
  const schema: TestSchema = await createTestSchema(database.url, 'verify');
  const dir = tempDir('verify-pg-');
  const pool = new pg.Pool({ connectionString: schema.url, max: 2 });
  cleanups.push(async () => {
    await pool.end();
    await schema.drop();
    dir.remove();
  });
  const config = parseConfig({ SEND_LEDGER_STORE: 'postgres', DATABASE_URL: schema.url, SEND_LEDGER_DATA_DIR: dir.path, NODE_ENV: 'test' });
  expect(await runLoadDemo(config, { out: () => {}, err: (line) => console.error(line) })).toBe(0);
  const { t, la } = await serviceOn(config);
  try {
    const publish = async () => (await t.gql<{ publishTreeHead: { treeSize: number } }>('mutation { publishTreeHead { treeSize } }', {}, la)).data.publishTreeHead.treeSize;
    const demoChild = (await t.store.streamHeads()).find((h) => h.streamId.startsWith('child-'))!.streamId.slice('child-'.length);
    await t.gql(TRAIL, { id: demoChild }, la);
    await t.gql(TRAIL, { id: demoChild }, la);
    const firstHeadSize = await publish();
    const childQ = (await registerChild(t, la, { displayName: 'Child Q (pseudonym)' })).childId;
    const needs = await record(t, la, 'identifyNeeds', childQ, { area: 'communication_and_interaction', rank: 'primary', description: 'Speech sound disorder' });
    const registrationOfChildR = (await registerChild(t, la, { displayName: 'Child R (pseudonym)' })).entries[0]!.globalPosition;
    const secondHeadSize = await publish();
    await registerChild(t, la, { displayName: 'Child S (pseudonym)' });
    await publish();
    return { config, pool, demoChild, firstHeadSize, secondHeadSize, needsOfChildQ: { position: needs.entries[0]!.globalPosition, streamId: `child-${childQ}` }, registrationOfChildR };
  } finally {
    await t.close();
  }
}

/** What the table owner can do behind the ledger's back. */
async function withoutTriggers(pool: pg.Pool): Promise<void> {
  await pool.query('DROP TRIGGER IF EXISTS ledger_events_append_only ON ledger_events; DROP TRIGGER IF EXISTS ledger_log_forward_only ON ledger_log');
}

async function forgeNext(pool: pg.Pool, streamId: string, options: ForgeOptions & { moveLogHead: boolean }): Promise<ForgedEntry> {
  await withoutTriggers(pool);
  const { rows } = await pool.query<{ revision: string; hash: string }>('SELECT revision, hash FROM ledger_streams WHERE stream_id = $1', [streamId]);
  const forged = forgedEntry(streamId, { revision: Number(rows[0]!.revision), hash: rows[0]!.hash }, options);
  await pool.query(
    'INSERT INTO ledger_events (global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [options.globalPosition, forged.eventId, streamId, forged.streamRevision, options.type, forged.previousHash, forged.hash, Buffer.from(forged.canonical, 'utf8')],
  );
  if (options.moveHead) await pool.query('UPDATE ledger_streams SET revision = $1, hash = $2 WHERE stream_id = $3', [forged.streamRevision, forged.hash, streamId]);
  if (options.moveLogHead) await pool.query('UPDATE ledger_log SET head = $1', [options.globalPosition]);
  return forged;
}

const logHead = async (pool: pg.Pool) => Number((await pool.query<{ head: string }>('SELECT head FROM ledger_log')).rows[0]!.head);

async function npmRunVerify(config: Config): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, SEND_LEDGER_STORE: 'postgres', DATABASE_URL: config.DATABASE_URL!, SEND_LEDGER_DATA_DIR: config.SEND_LEDGER_DATA_DIR };
  const outcome = await run('npx', ['tsx', 'src/cli/verify-ledger.ts'], { env }).catch((error: { code: number; stdout: string }) => error);
  return { code: 'code' in outcome ? outcome.code : 0, stdout: outcome.stdout };
}

type Verification = { ok: boolean; checkedTreeHeads: number; firstFault: Record<string, unknown> | null; accessLog: Record<string, unknown> };

async function throughApi(config: Config, childId?: string): Promise<{ verification: Verification; trail: { data: { auditTrail: unknown }; errors?: unknown[] } | null }> {
  const { t, la } = await serviceOn(config);
  try {
    const verification = (await t.gql<{ verifyLedger: Verification }>(VERIFY, {}, la)).data.verifyLedger;
    const trail = childId ? await t.gql<{ auditTrail: unknown }>(TRAIL, { id: childId }, la) : null;
    return { verification, trail };
  } finally {
    await t.close();
  }
}

describe('verification on PostgreSQL sees every stored row', () => {
  it('verifies the demo ledger and its read-access log, against its 3 signed tree heads', async () => {
    const ledger = await demoLedger();

    const cli = await npmRunVerify(ledger.config);
    expect(cli.code, cli.stdout).toBe(0);
    expect(cli.stdout).toMatch(/Checked against 3 signed tree heads kept in the ledger, signatures verified/);
    expect(cli.stdout).toMatch(/Read-access log intact: 2 entries verified \(table access_log/);
    expect((await throughApi(ledger.config)).verification).toMatchObject({ ok: true, checkedTreeHeads: 3, firstFault: null });
  }, 120_000);

  it('names an entry stored at global position 0, in its stream but not in the log, and auditTrail never shows it', async () => {
    const ledger = await demoLedger();
    const streamId = `child-${ledger.demoChild}`;
    const forged = await forgeNext(ledger.pool, streamId, {
      type: 'LegalHoldPlaced',
      data: { holdId: randomUUID(), reason: 'Hold placed by no one', placedBy: { name: 'Sam Forger', role: 'LA officer' } },
      globalPosition: 0,
      moveHead: false,
      moveLogHead: false,
    });

    const cli = await npmRunVerify(ledger.config);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`First broken entry: global position 0, stream ${streamId} revision ${forged.streamRevision}, event ${forged.eventId}`);

    const { verification, trail } = await throughApi(ledger.config, ledger.demoChild);
    expect(verification.firstFault).toMatchObject({ globalPosition: 0, eventId: forged.eventId, problem: expect.stringMatching(/outside the log/) });
    expect(trail!.data.auditTrail).toBeNull();
    expect(JSON.stringify(trail)).not.toContain(forged.eventId);
  }, 120_000);

  it('names an entry stored past the log head, its stream head moved to it, and auditTrail never shows it', async () => {
    const ledger = await demoLedger();
    const streamId = `child-${ledger.demoChild}`;
    const head = await logHead(ledger.pool);
    const forged = await forgeNext(ledger.pool, streamId, {
      type: 'LegalHoldPlaced',
      data: { holdId: randomUUID(), reason: 'Hold placed by no one', placedBy: { name: 'Sam Forger', role: 'LA officer' } },
      globalPosition: head + 1,
      moveHead: true,
      moveLogHead: false,
    });

    const cli = await npmRunVerify(ledger.config);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`First broken entry: global position ${head + 1}, stream ${streamId} revision ${forged.streamRevision}, event ${forged.eventId}`);
    expect(cli.stdout).toContain(`outside the log (positions 1 to ${head})`);

    const { trail } = await throughApi(ledger.config, ledger.demoChild);
    expect(trail!.data.auditTrail).toBeNull();
    expect(JSON.stringify(trail)).not.toContain(forged.eventId);
  }, 120_000);

  it('refuses and names an unencrypted payload on a child stream, however well it is filed', async () => {
    const ledger = await demoLedger();
    const streamId = `child-${ledger.demoChild}`;
    const forged = await forgeNext(ledger.pool, streamId, {
      type: 'NeedsIdentified',
      data: { needId: randomUUID(), area: 'sensory_and_or_physical', rank: 'secondary', description: 'Written by someone without the key' },
      globalPosition: (await logHead(ledger.pool)) + 1,
      moveHead: true,
      moveLogHead: true,
    });

    const cli = await npmRunVerify(ledger.config);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`event ${forged.eventId}`);
    expect(cli.stdout).toMatch(/its data is not encrypted/);

    const { verification, trail } = await throughApi(ledger.config, ledger.demoChild);
    expect(verification.firstFault).toMatchObject({ eventId: forged.eventId, streamId });
    expect(trail!.data.auditTrail).toBeNull();
    expect(JSON.stringify(trail)).not.toContain('Written by someone without the key');
  }, 120_000);

  it('catches two adjacent entries of different streams swapped in the log, between the signed heads that bracket them', async () => {
    const ledger = await demoLedger();
    expect(ledger.registrationOfChildR).toBe(ledger.needsOfChildQ.position + 1);
    await withoutTriggers(ledger.pool);
    const move = (from: number, to: number) => ledger.pool.query('UPDATE ledger_events SET global_position = $1 WHERE global_position = $2', [to, from]);
    await move(ledger.needsOfChildQ.position, -1);
    await move(ledger.registrationOfChildR, ledger.needsOfChildQ.position);
    await move(-1, ledger.registrationOfChildR);

    const cli = await npmRunVerify(ledger.config);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`Broken between global positions ${ledger.firstHeadSize + 1} and ${ledger.secondHeadSize}`);
    expect((await throughApi(ledger.config)).verification.firstFault).toMatchObject({
      globalPosition: ledger.firstHeadSize + 1,
      lastGlobalPosition: ledger.secondHeadSize,
    });
  }, 120_000);

  it("catches a stream's tail deleted with its head, the positions and the log head edited to match", async () => {
    const ledger = await demoLedger();
    await withoutTriggers(ledger.pool);
    const { pool, needsOfChildQ } = ledger;
    const { rows } = await pool.query<{ previous_hash: string }>('SELECT previous_hash FROM ledger_events WHERE global_position = $1', [needsOfChildQ.position]);
    await pool.query('DELETE FROM ledger_events WHERE global_position = $1', [needsOfChildQ.position]);
    await pool.query('DELETE FROM ledger_idempotency WHERE first_position = $1', [needsOfChildQ.position]);
    await pool.query('UPDATE ledger_streams SET revision = revision - 1, hash = $1 WHERE stream_id = $2', [rows[0]!.previous_hash, needsOfChildQ.streamId]);
    await pool.query('UPDATE ledger_events SET global_position = global_position + 1000000000 WHERE global_position > $1', [needsOfChildQ.position]);
    await pool.query('UPDATE ledger_events SET global_position = global_position - 1000000001 WHERE global_position > 1000000000');
    await pool.query('UPDATE ledger_idempotency SET first_position = first_position - 1, last_position = last_position - 1 WHERE first_position > $1', [needsOfChildQ.position]);
    await pool.query('UPDATE ledger_log SET head = head - 1');

    const cli = await npmRunVerify(ledger.config);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`Broken between global positions ${ledger.firstHeadSize + 1} and ${ledger.secondHeadSize}`);
  }, 120_000);

  it('names the first altered entry of the read-access log in npm run verify and verifyLedger', async () => {
    const ledger = await demoLedger();
    await ledger.pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_no_change');
    await ledger.pool.query(`UPDATE access_log SET entry = replace(entry, '"purpose":"', '"purpose":"not ') WHERE sequence = 2`);

    const cli = await npmRunVerify(ledger.config);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/Ledger intact/);
    expect(cli.stdout).toContain('READ-ACCESS LOG BROKEN after 1 intact entries');
    expect(cli.stdout).toContain('First broken entry: sequence 2');
    expect((await throughApi(ledger.config)).verification).toMatchObject({ ok: false, firstFault: null, accessLog: { intact: false, firstBrokenSequence: 2 } });
  }, 120_000);
});
