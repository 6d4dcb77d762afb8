import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { consistencyProofBetween } from '../../src/integrity/proofs.js';
import { ephemeralSigningKey, type SigningKey } from '../../src/integrity/signing-key.js';
import { publishTreeHead } from '../../src/integrity/tree-heads.js';
import { signTreeHead, type SignedTreeHead } from '../../src/integrity/tree-head.js';
import { checkCosignatures, type Cosignature } from '../../src/integrity/witness/cosignature.js';
import type { WitnessRefusal } from '../../src/integrity/witness/witness-protocol.js';
import { EMPTY_ROOT_HEX } from '../../src/integrity/merkle/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { openCosignedHeads, type CosignedHeads } from '../../src/witness/cosigned-heads.js';
import { createWitness } from '../../src/witness/witness.js';
import { buildWitnessApp } from '../../src/witness/witness-app.js';
import { loadWitnessKey, WITNESS_KEY_FILE } from '../../src/witness/witness-key.js';
import { tempDir } from '../support/temp-dir.js';
import { appendNotes } from './ledger-fixtures.js';

const dir = tempDir('send-ledger-witness-app-');
afterAll(() => dir.remove());

let serial = 0;
let now = new Date('2025-01-17T09:30:00.000Z');
const ledgerKey = ephemeralSigningKey();

/** A witness app on a fresh data directory, its clock the test's `now`. */
function witnessApp(keys: SigningKey[] = [ledgerKey]) {
  const dataDir = join(dir.path, `witness-${++serial}`);
  const key = loadWitnessKey(dataDir);
  const heads = openCosignedHeads(join(dataDir, 'cosigned-heads.sqlite'));
  const witness = createWitness({ name: 'Test witness', key, heads, ledgerKeys: new Map(keys.map((k) => [k.keyId, k.publicKeyPem])), clock: () => now });
  return { app: buildWitnessApp({ witness }), heads, key, dataDir };
}

type App = ReturnType<typeof witnessApp>['app'];
const cosign = (app: App, payload: unknown) => app.inject({ method: 'POST', url: '/v1/cosign', payload: payload as object });
const policyOf = (key: { publicKeyPem: string }) => ({ witnesses: [{ name: 'Test witness', publicKeyPem: key.publicKeyPem }], required: 1 });
const clock = () => now;
const tick = () => (now = new Date(now.getTime() + 1000));

async function grow(store: EventStore, count: number): Promise<SignedTreeHead> {
  await appendNotes(store, count, 'test');
  tick();
  return publishTreeHead(store, ledgerKey, clock);
}

async function proofFor(store: EventStore, from: SignedTreeHead, to: SignedTreeHead) {
  const proof = (await consistencyProofBetween(store, from.treeSize, to.treeSize))!;
  return { fromSize: proof.oldSize, proof: proof.proof };
}

describe('POST /v1/cosign', () => {
  let app: App;
  let heads: CosignedHeads;
  let key: ReturnType<typeof loadWitnessKey>;
  let store: EventStore;
  beforeEach(() => {
    now = new Date('2025-01-17T09:30:00.000Z');
    ({ app, heads, key } = witnessApp());
    store = createMemoryStore(clock);
    return async () => {
      await app.close();
      heads.close();
    };
  });

  it('co-signs exactly cosignatureBytes(head, its key id, cosignedAt), in the witness’s name, at its clock', async () => {
    const head = await grow(store, 3);
    const response = await cosign(app, { head, consistency: null });
    expect(response.statusCode).toBe(200);
    const cosignature = response.json<Cosignature>();
    expect(cosignature).toMatchObject({ witness: 'Test witness', witnessKeyId: key.keyId, cosignedAt: now.toISOString() });
    expect((await checkCosignatures(head, [cosignature], policyOf(key))).ok).toBe(true);
  });

  it('the same head again: the same co-signature, nothing new remembered; a later head of the same log: a new one', async () => {
    const head = await grow(store, 3);
    const first = (await cosign(app, { head, consistency: null })).json<Cosignature>();
    tick();
    expect((await cosign(app, { head, consistency: null })).json()).toEqual(first);
    // Same size, same root, signed later: the log did not move, the head is fresher.
    const fresher = signTreeHead({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: now.toISOString() }, ledgerKey.privateKey, ledgerKey.keyId);
    const again = (await cosign(app, { head: fresher, consistency: null })).json<Cosignature>();
    expect(again.cosignedAt).not.toBe(first.cosignedAt);
    expect(heads.latest(ledgerKey.keyId)?.timestamp).toBe(fresher.timestamp);
  });

  it('a larger head needs the consistency proof from its last head, starting at that head’s size', async () => {
    const first = await grow(store, 3);
    expect((await cosign(app, { head: first, consistency: null })).statusCode).toBe(200);
    const second = await grow(store, 5);
    const proof = await proofFor(store, first, second);

    const none = await cosign(app, { head: second, consistency: null });
    expect(none.statusCode).toBe(409);
    expect(none.json<WitnessRefusal>().error).toMatchObject({ code: 'NOT_CONSISTENT', message: expect.stringMatching(/no consistency proof/) });

    const fromElsewhere = (await consistencyProofBetween(store, first.treeSize - 1, second.treeSize))!;
    const wrongStart = await cosign(app, { head: second, consistency: { fromSize: fromElsewhere.oldSize, proof: fromElsewhere.proof } });
    expect(wrongStart.json<WitnessRefusal>().error).toMatchObject({ code: 'NOT_CONSISTENT', message: expect.stringMatching(/starts from a log of 2 entries, not from the last head this witness co-signed for this ledger \(3 entries, /) });

    const tampered = { ...proof, proof: proof.proof.map((h, i) => (i === 0 ? `${h.slice(0, -1)}${h.endsWith('0') ? '1' : '0'}` : h)) };
    expect((await cosign(app, { head: second, consistency: tampered })).json<WitnessRefusal>().error.code).toBe('NOT_CONSISTENT');

    expect((await cosign(app, { head: second, consistency: proof })).statusCode).toBe(200);
    expect(heads.latest(ledgerKey.keyId)).toMatchObject({ treeSize: second.treeSize, rootHash: second.rootHash, ledgerSignature: second.signature });
  });

  it('refuses a head dated before the last it co-signed, and one dated well ahead of its clock', async () => {
    const first = await grow(store, 3);
    const second = await grow(store, 2);
    expect((await cosign(app, { head: second, consistency: null })).statusCode).toBe(200);
    const backdated = signTreeHead({ treeSize: second.treeSize, rootHash: second.rootHash, timestamp: first.timestamp }, ledgerKey.privateKey, ledgerKey.keyId);
    const refused = (await cosign(app, { head: backdated, consistency: null })).json<WitnessRefusal>().error;
    expect(refused.code).toBe('NOT_CONSISTENT');
    // People read these: UK dates in words.
    expect(refused.message).toContain('17 January 2025 at 09:30:01 UTC');

    const ahead = signTreeHead({ treeSize: second.treeSize, rootHash: second.rootHash, timestamp: new Date(now.getTime() + 10 * 60_000).toISOString() }, ledgerKey.privateKey, ledgerKey.keyId);
    const future = await cosign(app, { head: ahead, consistency: null });
    expect(future.statusCode).toBe(400);
    expect(future.json<WitnessRefusal>().error.code).toBe('BAD_INPUT');
  });

  it('the first head of an empty log, then any head: every log extends the empty one', async () => {
    tick();
    const empty = await publishTreeHead(store, ledgerKey, clock);
    expect(empty).toMatchObject({ treeSize: 0, rootHash: EMPTY_ROOT_HEX });
    expect((await cosign(app, { head: empty, consistency: null })).statusCode).toBe(200);
    const next = await grow(store, 4);
    expect((await cosign(app, { head: next, consistency: null })).statusCode).toBe(200);
  });

  it('keeps one history per ledger key: two ledgers witnessed side by side do not constrain each other', async () => {
    const otherKey = ephemeralSigningKey();
    const both = witnessApp([ledgerKey, otherKey]);
    const other = createMemoryStore(clock);
    const mine = await grow(store, 6);
    await appendNotes(other, 2, 'other');
    const theirs = await publishTreeHead(other, otherKey, clock);
    expect((await cosign(both.app, { head: mine, consistency: null })).statusCode).toBe(200);
    expect((await cosign(both.app, { head: theirs, consistency: null })).statusCode).toBe(200);
    expect((await both.app.inject(`/v1/heads/${otherKey.keyId}/latest`)).json()).toEqual({ treeSize: 2, rootHash: theirs.rootHash, timestamp: theirs.timestamp });
    await both.app.close();
    both.heads.close();
  });

  it('anything malformed is a 4xx BAD_INPUT in the refusal shape, never a 5xx, and nothing is remembered', async () => {
    const head = await grow(store, 2);
    const cases: Array<[string, unknown]> = [
      ['no body', undefined],
      ['an array', []],
      ['no consistency field', { head }],
      ['a size that is not a whole number', { head: { ...head, treeSize: 2.5 }, consistency: null }],
      ['a negative size', { head: { ...head, treeSize: -1 }, consistency: null }],
      ['an upper-case root', { head: { ...head, rootHash: head.rootHash.toUpperCase() }, consistency: null }],
      ['a local time', { head: { ...head, timestamp: '2025-01-17T09:30:00' }, consistency: null }],
      ['a date that does not exist', { head: { ...head, timestamp: '2025-02-30T09:30:00.000Z' }, consistency: null }],
      ['an extra field', { head: { ...head, note: 'x' }, consistency: null }],
      ['a proof element that is not a hash', { head, consistency: { fromSize: 1, proof: ['zz'] } }],
    ];
    for (const [what, payload] of cases) {
      const response = await app.inject({ method: 'POST', url: '/v1/cosign', ...(payload === undefined ? {} : { payload: payload as object }) });
      expect(response.statusCode, what).toBe(400);
      expect(response.json<WitnessRefusal>().error.code, what).toBe('BAD_INPUT');
    }
    const notJson = await app.inject({ method: 'POST', url: '/v1/cosign', headers: { 'content-type': 'application/json' }, payload: '{"head":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<WitnessRefusal>().error.code).toBe('BAD_INPUT');
    const huge = await app.inject({ method: 'POST', url: '/v1/cosign', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ pad: 'x'.repeat(100_000) }) });
    expect(huge.statusCode).toBe(413);
    expect((await app.inject('/v1/nothing')).json<WitnessRefusal>().error.code).toBe('NOT_FOUND');
    expect(heads.latest(ledgerKey.keyId)).toBeNull();

    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ head: fc.jsonValue(), consistency: fc.jsonValue() }), fc.record({ head: fc.constant(head), consistency: fc.jsonValue() })), async (body) => {
        const response = await app.inject({ method: 'POST', url: '/v1/cosign', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode !== 200) expect(response.json<WitnessRefusal>().error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the witness’s own key and memory', () => {
  it('its key is made once, owner-only, and read back the same', () => {
    const dataDir = join(dir.path, 'key-once');
    const key = loadWitnessKey(dataDir);
    expect(statSync(join(dataDir, WITNESS_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadWitnessKey(dataDir).keyId).toBe(key.keyId);
  });

  it('what it co-signed cannot be changed or removed in its store', () => {
    const file = join(dir.path, 'append-only.sqlite');
    const heads = openCosignedHeads(file);
    heads.append({ ledgerKeyId: 'a'.repeat(64), treeSize: 3, rootHash: 'b'.repeat(64), timestamp: now.toISOString(), ledgerSignature: 's', witnessKeyId: 'c'.repeat(64), cosignedAt: now.toISOString(), signature: 't' });
    heads.close();
    const db = new Database(file);
    expect(() => db.prepare('UPDATE cosigned_heads SET tree_size = 4').run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM cosigned_heads').run()).toThrow(/never removed/);
    db.close();
    const reopened = openCosignedHeads(file);
    expect(reopened.latest('a'.repeat(64))?.treeSize).toBe(3);
    reopened.close();
  });
});
