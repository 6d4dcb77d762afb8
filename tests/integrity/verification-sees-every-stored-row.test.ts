import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadDemo } from '../../src/cli/load-demo.js';
import { parseConfig } from '../../src/config/config.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import { loadSigningKey } from '../../src/integrity/signing-key.js';
import { record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';
import { SqliteForger } from './ledger-forgery.js';

/**
 * Issue 13, on the embedded SQLite store: a demo ledger with signed tree heads, copied and corrupted the way
 * someone with file access and no keys would (triggers dropped, rows written with better-sqlite3, every hash
 * recomputed), then judged through the public surface: `npm run verify`, the verifyLedger query, auditTrail.
 */

const run = promisify(execFile);
const VERIFY = `{ verifyLedger { ok checkedEvents checkedTreeHeads treeSize rootHash
  firstFault { globalPosition lastGlobalPosition eventId streamId streamRevision problem }
  accessLog { intact entries firstBrokenSequence problem } } }`;
const TRAIL = 'query($id: ID!) { auditTrail(childId: $id) { entries { nodes { eventId type } } } }';
const INCLUSION = 'query($id: ID!) { inclusionProof(eventId: $id) { leafIndex treeSize } }';

interface Verification {
  ok: boolean;
  checkedEvents: number;
  checkedTreeHeads: number;
  treeSize: number;
  rootHash: string;
  firstFault: { globalPosition: number; lastGlobalPosition: number | null; eventId: string | null; streamId: string | null; streamRevision: number | null; problem: string } | null;
  accessLog: { intact: boolean; entries: number; firstBrokenSequence: number | null; problem: string | null };
}

const template = tempDir('verify-template-');
const copies: Array<{ remove: () => void }> = [];
afterAll(() => {
  template.remove();
  for (const copy of copies) copy.remove();
});

const configFor = (dir: string) => parseConfig({ SEND_LEDGER_DATA_DIR: dir, NODE_ENV: 'test' });

/** The service on a data directory, through the same configured store the server opens. */
async function serviceOn(dir: string): Promise<{ t: TestApp; la: string }> {
  const store = await openConfiguredStore(configFor(dir));
  const t = await startTestApp({ store, keys: store.keys, accessLog: store.accessLog, signingKey: loadSigningKey(dir) });
  return { t, la: await t.token('la_officer', '202') };
}

async function npmRunVerify(dir: string): Promise<{ code: number; stdout: string }> {
  const outcome = await run('npx', ['tsx', 'src/cli/verify-ledger.ts'], { env: { ...process.env, SEND_LEDGER_DATA_DIR: dir } }).catch(
    (error: { code: number; stdout: string }) => error,
  );
  return { code: 'code' in outcome ? outcome.code : 0, stdout: outcome.stdout };
}

/** A copy of the template data directory, changed behind the ledger's back. */
function corrupted<T>(attack: (forger: SqliteForger) => T): { dir: string; result: T } {
  const copy = tempDir('verify-attack-');
  copies.push(copy);
  cpSync(template.path, copy.path, { recursive: true });
  const forger = new SqliteForger(join(copy.path, 'ledger.sqlite'));
  try {
    return { dir: copy.path, result: attack(forger) };
  } finally {
    forger.close();
  }
}

async function verifiedThroughApi(dir: string): Promise<Verification> {
  const { t, la } = await serviceOn(dir);
  try {
    return (await t.gql<{ verifyLedger: Verification }>(VERIFY, {}, la)).data.verifyLedger;
  } finally {
    await t.close();
  }
}

// The ledger as the template holds it: the demo, then heads and registrations through the API.
let demoChild: string;
let otherDemoChild: string;
let firstHeadSize: number;
let secondHeadSize: number;
let needsOfChildQ: { position: number; streamId: string };
let registrationOfChildR: number;

beforeAll(async () => {
  const quiet = { out: () => {}, err: (line: string) => console.error(line) };
  expect(await runLoadDemo(configFor(template.path), quiet)).toBe(0);
  const { t, la } = await serviceOn(template.path);
  try {
    const publish = async () => (await t.gql<{ publishTreeHead: { treeSize: number } }>('mutation { publishTreeHead { treeSize } }', {}, la)).data.publishTreeHead.treeSize;
    const heads = await t.store.streamHeads();
    const children = heads.filter((h) => h.streamId.startsWith('child-')).map((h) => h.streamId.slice('child-'.length));
    demoChild = children[0]!;
    otherDemoChild = children[1]!;
    // Reads, so the read-access log holds entries to verify.
    await t.gql(TRAIL, { id: demoChild }, la);
    await t.gql(TRAIL, { id: otherDemoChild }, la);
    firstHeadSize = await publish();
    const childQ = (await registerChild(t, la, { displayName: 'Child Q (pseudonym)' })).childId;
    const needs = await record(t, la, 'identifyNeeds', childQ, { area: 'communication_and_interaction', rank: 'primary', description: 'Speech sound disorder' });
    needsOfChildQ = { position: needs.entries[0]!.globalPosition, streamId: `child-${childQ}` };
    registrationOfChildR = (await registerChild(t, la, { displayName: 'Child R (pseudonym)' })).entries[0]!.globalPosition;
    secondHeadSize = await publish();
    await registerChild(t, la, { displayName: 'Child S (pseudonym)' });
    await publish();
  } finally {
    await t.close();
  }
  expect(registrationOfChildR).toBe(needsOfChildQ.position + 1);
  expect(secondHeadSize).toBe(registrationOfChildR);
}, 120_000);

describe('the demo ledger with its signed tree heads', () => {
  it('verifies through npm run verify and verifyLedger alike, ledger and read-access log', async () => {
    const cli = await npmRunVerify(template.path);
    expect(cli.code, cli.stdout).toBe(0);
    expect(cli.stdout).toMatch(/Ledger intact: \d+ entries in \d+ streams verified/);
    expect(cli.stdout).toMatch(/Checked against 3 signed tree heads kept in the ledger, signatures verified with key [0-9a-f]{64}/);
    expect(cli.stdout).toMatch(/Read-access log intact: [1-9]\d* entries verified/);

    const api = await verifiedThroughApi(template.path);
    expect(api).toMatchObject({ ok: true, checkedTreeHeads: 3, firstFault: null, accessLog: { intact: true } });
    expect(cli.stdout).toContain(`size ${api.treeSize}, root ${api.rootHash}`);
  }, 60_000);
});

describe('an entry stored outside global positions 1..N, correctly chained to its stream', () => {
  it.each([0, -7])('at position %i: npm run verify and verifyLedger name it, auditTrail and proofs never show it', async (position) => {
    const streamId = `child-${demoChild}`;
    const { dir, result: forged } = corrupted((forger) =>
      forger.forgeNext(streamId, {
        type: 'LegalHoldPlaced',
        data: { holdId: randomUUID(), reason: 'Hold placed by no one', placedBy: { name: 'Sam Forger', role: 'LA officer' } },
        globalPosition: position,
        moveHead: false,
      }),
    );

    const cli = await npmRunVerify(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`First broken entry: global position ${position}, stream ${streamId} revision ${forged.streamRevision}, event ${forged.eventId}`);
    expect(cli.stdout).toMatch(/outside the log/);

    const { t, la } = await serviceOn(dir);
    try {
      const verification = (await t.gql<{ verifyLedger: Verification }>(VERIFY, {}, la)).data.verifyLedger;
      expect(verification.ok).toBe(false);
      expect(verification.firstFault).toMatchObject({ globalPosition: position, eventId: forged.eventId, streamId, streamRevision: forged.streamRevision });

      const trail = await t.gql<{ auditTrail: unknown }>(TRAIL, { id: demoChild }, la);
      expect(trail.data.auditTrail).toBeNull();
      // Said as what it is, without naming the entry (it names a child's stream): the operator's verify does that.
      expect(trail.errors?.[0]?.extensions?.['code']).toBe('LEDGER_CORRUPT');
      expect(trail.errors?.[0]?.message).toMatch(/failed an integrity check/);
      expect(JSON.stringify(trail)).not.toContain(forged.eventId);
      // Other records read as before.
      expect((await t.gql<{ auditTrail: { entries: { nodes: unknown[] } } }>(TRAIL, { id: otherDemoChild }, la)).data.auditTrail.entries.nodes.length).toBeGreaterThan(0);
      // No proof covers it: it is not in the log.
      expect((await t.gql<{ inclusionProof: unknown }>(INCLUSION, { id: forged.eventId }, la)).data.inclusionProof).toBeNull();
    } finally {
      await t.close();
    }
  }, 60_000);

  it('past the end, leaving positions empty: npm run verify names the first empty position', async () => {
    const streamId = `child-${demoChild}`;
    const { dir, result: last } = corrupted((forger) => {
      const end = forger.lastPosition();
      forger.forgeNext(streamId, { type: 'LegalHoldPlaced', data: { holdId: randomUUID(), reason: 'Hold', placedBy: { name: 'Sam Forger', role: 'LA officer' } }, globalPosition: end + 3, moveHead: true });
      return end;
    });

    const cli = await npmRunVerify(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`First broken entry: global position ${last + 1}`);
    expect(cli.stdout).toContain(`nothing is stored at this position, yet the log goes on at position ${last + 3}`);
  }, 60_000);
});

describe('an unencrypted payload on a child stream, chained and filed under a moved stream head (no key needed to forge it)', () => {
  it('is refused by auditTrail and named by npm run verify and verifyLedger', async () => {
    const streamId = `child-${demoChild}`;
    const { dir, result: forged } = corrupted((forger) =>
      forger.forgeNext(streamId, {
        type: 'NeedsIdentified',
        data: { needId: randomUUID(), area: 'social_emotional_and_mental_health', rank: 'primary', description: 'Written by someone without the key' },
        globalPosition: forger.lastPosition() + 1,
        moveHead: true,
      }),
    );

    const cli = await npmRunVerify(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`stream ${streamId} revision ${forged.streamRevision}, event ${forged.eventId}`);
    expect(cli.stdout).toMatch(/its data is not encrypted/);

    const { t, la } = await serviceOn(dir);
    try {
      const verification = (await t.gql<{ verifyLedger: Verification }>(VERIFY, {}, la)).data.verifyLedger;
      expect(verification.firstFault).toMatchObject({ eventId: forged.eventId, streamId, problem: expect.stringMatching(/not encrypted/) });
      const trail = await t.gql<{ auditTrail: unknown }>(TRAIL, { id: demoChild }, la);
      expect(trail.data.auditTrail).toBeNull();
      expect(JSON.stringify(trail)).not.toContain('Written by someone without the key');
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('the log checked against every signed tree head the ledger keeps', () => {
  it('catches two adjacent entries of different streams swapped in the global log, between the heads that bracket them', async () => {
    const { dir } = corrupted((forger) => forger.swap(needsOfChildQ.position, registrationOfChildR));

    const cli = await npmRunVerify(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`Broken between global positions ${firstHeadSize + 1} and ${secondHeadSize}`);
    expect(cli.stdout).toMatch(new RegExp(`the first ${secondHeadSize} entries of the log do not hash to the root the tree head signed`));
    expect(cli.stdout).toMatch(new RegExp(`while the first ${firstHeadSize} still hash to the root of the head of that size`));

    const verification = await verifiedThroughApi(dir);
    expect(verification.firstFault).toMatchObject({ globalPosition: firstHeadSize + 1, lastGlobalPosition: secondHeadSize });
    expect(verification.checkedEvents).toBe(secondHeadSize);
  }, 60_000);

  it("catches a stream's tail deleted with the heads table edited to match and the positions closed up", async () => {
    const { dir, result: removedAt } = corrupted((forger) => forger.removeTail(needsOfChildQ.streamId, { closeGap: true }));
    expect(removedAt).toBe(needsOfChildQ.position);

    const cli = await npmRunVerify(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`Broken between global positions ${firstHeadSize + 1} and ${secondHeadSize}`);

    const verification = await verifiedThroughApi(dir);
    expect(verification.firstFault).toMatchObject({ globalPosition: firstHeadSize + 1, lastGlobalPosition: secondHeadSize });
  }, 60_000);

  it("names the position a stream's deleted tail leaves empty when the gap is left open", async () => {
    const { dir } = corrupted((forger) => forger.removeTail(needsOfChildQ.streamId, { closeGap: false }));

    const cli = await npmRunVerify(dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`First broken entry: global position ${needsOfChildQ.position}`);
    expect(cli.stdout).toContain('nothing is stored at this position');
  }, 60_000);
});

describe('the read-access log', () => {
  it('is verified by npm run verify and verifyLedger: an altered entry fails both, naming its sequence', async () => {
    const copy = tempDir('verify-attack-');
    copies.push(copy);
    cpSync(template.path, copy.path, { recursive: true });
    const db = new Database(join(copy.path, 'access-log.sqlite'));
    db.exec('DROP TRIGGER access_log_no_update');
    db.prepare("UPDATE access_log SET entry = replace(entry, '\"purpose\":\"', '\"purpose\":\"not ') WHERE sequence = 2").run();
    db.close();

    const cli = await npmRunVerify(copy.path);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/Ledger intact/);
    expect(cli.stdout).toContain('READ-ACCESS LOG BROKEN after 1 intact entries');
    expect(cli.stdout).toContain('First broken entry: sequence 2');

    const verification = await verifiedThroughApi(copy.path);
    expect(verification).toMatchObject({ ok: false, firstFault: null, accessLog: { intact: false, firstBrokenSequence: 2, problem: expect.stringMatching(/altered/) } });
  }, 60_000);
});
