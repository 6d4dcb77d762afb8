import { generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLogLeaves } from '../../src/integrity/log-leaves.js';
import { ephemeralSigningKey, keyIdOf } from '../../src/integrity/signing-key.js';
import { publishTreeHead } from '../../src/integrity/tree-heads.js';
import type { SignedTreeHead } from '../../src/integrity/tree-head.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { askWitnesses } from '../../src/integrity/witness/ask-witnesses.js';
import { checkCosignatures, cosignatureBytes, type Cosignature, type WitnessPolicy } from '../../src/integrity/witness/cosignature.js';
import { cosignaturesFor, WITNESS_COSIGNATURE_STREAM } from '../../src/integrity/witness/kept-cosignatures.js';
import type { WitnessInfo } from '../../src/integrity/witness/witness-protocol.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { tempDir } from '../support/temp-dir.js';
import { appendNotes } from './ledger-fixtures.js';
import { startWitness, type WitnessProcess } from './witness-process.js';

const dir = tempDir('send-ledger-witness-');
const ledgerKey = ephemeralSigningKey();
const ledgerKeyFile = join(dir.path, 'ledger-key.pem');
writeFileSync(ledgerKeyFile, ledgerKey.publicKeyPem);
const witnessArgs = (name: string, dataDir: string) => ['--name', name, '--ledger-key', ledgerKeyFile, '--data-dir', join(dir.path, dataDir)];

const store = openSqliteStore(join(dir.path, 'ledger.sqlite'));
let forum: WitnessProcess;
let court: WitnessProcess;
let policy: WitnessPolicy;
/** Heads the honest ledger published, oldest first. */
const honest: SignedTreeHead[] = [];

/** Co-signatures in a fixed order: the ledger keeps them in the order the witnesses answered. */
const byKey = (cosignatures: Cosignature[]) => [...cosignatures].sort((a, b) => a.witnessKeyId.localeCompare(b.witnessKeyId));
const witnesses = () => [{ url: forum.url }, { url: court.url }];
const info = async (witness: WitnessProcess) => (await (await fetch(`${witness.url}/v1/witness`)).json()) as WitnessInfo;
const latest = async (witness: WitnessProcess) => fetch(`${witness.url}/v1/heads/${ledgerKey.keyId}/latest`);

beforeAll(async () => {
  [forum, court] = await Promise.all([
    startWitness(witnessArgs('Kentish Vale Parent Carer Forum witness', 'forum')),
    startWitness(witnessArgs('Family Court witness', 'court')),
  ]);
  const [a, b] = await Promise.all([info(forum), info(court)]);
  policy = { witnesses: [a, b].map(({ name, publicKeyPem }) => ({ name, publicKeyPem })), required: 2 };
}, 60_000);

afterAll(async () => {
  await Promise.all([forum?.stop(), court?.stop()]);
  await store.close();
  dir.remove();
});

describe('two witnesses on loopback co-sign an honest ledger', () => {
  it('each has its own key, named by its id', async () => {
    const [a, b] = await Promise.all([info(forum), info(court)]);
    expect(a.name).toBe('Kentish Vale Parent Carer Forum witness');
    expect(a.keyId).toBe(keyIdOf(a.publicKeyPem));
    expect(b.keyId).toBe(keyIdOf(b.publicKeyPem));
    expect(a.keyId).not.toBe(b.keyId);
    expect([a.keyId, b.keyId]).not.toContain(ledgerKey.keyId);
    expect((await latest(forum)).status).toBe(404);
  });

  it('the first head: both co-sign, both co-signatures verify under a policy needing both, and the ledger keeps them', async () => {
    await appendNotes(store, 5, 'honest');
    const head = await publishTreeHead(store, ledgerKey, () => new Date());
    honest.push(head);
    const answers = await askWitnesses({ store, witnesses: witnesses() }, head);
    expect(answers.refusals).toEqual([]);
    expect(answers.cosignatures).toHaveLength(2);
    expect(await checkCosignatures(head, answers.cosignatures, policy)).toMatchObject({ ok: true, problems: [] });
    expect(byKey(await cosignaturesFor(store, head))).toEqual(byKey(answers.cosignatures));
    expect(await (await latest(forum)).json()).toEqual({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp });
  });

  it('the log grows: both co-sign the next head, having checked the consistency proof from the head they last signed', async () => {
    await appendNotes(store, 7, 'honest');
    const head = await publishTreeHead(store, ledgerKey, () => new Date());
    expect(head.treeSize).toBeGreaterThan(honest[0]!.treeSize + 7);
    honest.push(head);
    const answers = await askWitnesses({ store, witnesses: witnesses() }, head);
    expect(answers.refusals).toEqual([]);
    expect((await checkCosignatures(head, answers.cosignatures, policy)).ok).toBe(true);
    // Each head keeps exactly its own co-signatures; they do not verify over another head.
    expect(byKey(await cosignaturesFor(store, head))).toEqual(byKey(answers.cosignatures));
    expect((await checkCosignatures(honest[0]!, answers.cosignatures, policy)).ok).toBe(false);
    for (const witness of [forum, court]) expect(((await (await latest(witness)).json()) as { treeSize: number }).treeSize).toBe(head.treeSize);
  });

  it('asking again about the same head gives the same co-signatures and keeps no second copy', async () => {
    const head = honest.at(-1)!;
    const before = (await store.readStream(WITNESS_COSIGNATURE_STREAM)).length;
    const answers = await askWitnesses({ store, witnesses: witnesses() }, head);
    expect(answers.refusals).toEqual([]);
    expect(byKey(answers.cosignatures)).toEqual(byKey(await cosignaturesFor(store, head)));
    expect((await store.readStream(WITNESS_COSIGNATURE_STREAM)).length).toBe(before);
  });

  it('a ledger that keeps co-signatures still verifies: chains, tree heads and their signatures', async () => {
    await publishTreeHead(store, ledgerKey, () => new Date());
    const report = await verifyLedger(store, { treeHeadKey: ledgerKey.publicKeyPem });
    expect(report.firstFault).toBeNull();
    expect(report.checkedTreeHeads).toBe(3);
    expect(report.treeSize).toBe((await readLogLeaves(store)).leaves.length);
  });
});

describe('a rewritten log is refused by both witnesses', () => {
  /** The same operator, the same signing key, another history. */
  async function forkOfSize(size: number) {
    const fork = createMemoryStore();
    await appendNotes(fork, size, `rewritten-${size}`);
    const head = await publishTreeHead(fork, ledgerKey, () => new Date());
    expect(head.treeSize).toBe(size);
    return { fork, head };
  }

  it.each([
    ['the same size as the last head they co-signed', 0],
    ['a larger log', 9],
    ['a shorter log (entries taken back)', -3],
  ])('a head of %s: both refuse, NOT_CONSISTENT, and nothing is kept', async (_, grow) => {
    const { fork, head } = await forkOfSize(honest.at(-1)!.treeSize + grow);
    const answers = await askWitnesses({ store: fork, witnesses: witnesses() }, head);
    expect(answers.cosignatures).toEqual([]);
    expect(answers.refusals.map((r) => [r.url, r.code])).toEqual([
      [forum.url, 'NOT_CONSISTENT'],
      [court.url, 'NOT_CONSISTENT'],
    ]);
    expect(answers.refusals[0]!.reason).toMatch(/^Kentish Vale Parent Carer Forum witness refused \(NOT_CONSISTENT\): /);
    expect(await fork.readStream(WITNESS_COSIGNATURE_STREAM)).toEqual([]);
    // Their memory is unmoved: the honest ledger's last head is still the last they co-signed.
    for (const witness of [forum, court]) expect(((await (await latest(witness)).json()) as { rootHash: string }).rootHash).toBe(honest.at(-1)!.rootHash);
  });

  it('a rewritten log presented with a consistency proof made from the honest log is still refused', async () => {
    const { head } = await forkOfSize(honest.at(-1)!.treeSize + 4);
    // The proof from the honest log is real, but it proves the honest root, not the fork's.
    const { consistencyProofBetween } = await import('../../src/integrity/proofs.js');
    const honestProof = (await consistencyProofBetween(store, honest.at(-1)!.treeSize, honest.at(-1)!.treeSize + 4))!;
    const response = await fetch(`${forum.url}/v1/cosign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ head, consistency: { fromSize: honestProof.oldSize, proof: honestProof.proof } }),
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_CONSISTENT');
  });

  it('a head signed by a key the witnesses do not know is refused by both: UNKNOWN_LEDGER_KEY', async () => {
    const stranger = createMemoryStore();
    await appendNotes(stranger, 3, 'stranger');
    const head = await publishTreeHead(stranger, ephemeralSigningKey(), () => new Date());
    const answers = await askWitnesses({ store: stranger, witnesses: witnesses() }, head);
    expect(answers.cosignatures).toEqual([]);
    expect(answers.refusals.map((r) => r.code)).toEqual(['UNKNOWN_LEDGER_KEY', 'UNKNOWN_LEDGER_KEY']);
  });

  it('a head whose signature was altered is refused: BAD_SIGNATURE', async () => {
    const head = honest.at(-1)!;
    const forged = { ...head, timestamp: new Date(Date.parse(head.timestamp) + 1000).toISOString() };
    const answers = await askWitnesses({ store, witnesses: witnesses() }, forged);
    expect(answers.refusals.map((r) => r.code)).toEqual(['BAD_SIGNATURE', 'BAD_SIGNATURE']);
  });

  it('of two conflicting heads sent at once, a witness co-signs one and refuses the other', async () => {
    await appendNotes(store, 2, 'honest');
    const next = await publishTreeHead(store, ledgerKey, () => new Date());
    const { consistencyProofBetween } = await import('../../src/integrity/proofs.js');
    const last = honest.at(-1)!;
    const proof = (await consistencyProofBetween(store, last.treeSize, next.treeSize))!;
    const { head: forked } = await forkOfSize(next.treeSize);
    const post = (head: SignedTreeHead, consistency: unknown) =>
      fetch(`${court.url}/v1/cosign`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ head, consistency }) }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? post(next, { fromSize: proof.oldSize, proof: proof.proof }) : post(forked, null))));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(((await (await latest(court)).json()) as { rootHash: string }).rootHash).toBe(next.rootHash);
    // The honest head goes on: the forum witness catches up with it through askWitnesses.
    honest.push(next);
    const answers = await askWitnesses({ store, witnesses: witnesses() }, next);
    expect(answers.refusals).toEqual([]);
    expect((await checkCosignatures(next, answers.cosignatures, policy)).ok).toBe(true);
  });
});

describe('a co-signature forged or missing fails a policy needing both witnesses', () => {
  it('signature bytes changed', async () => {
    const head = honest.at(-1)!;
    const kept = await cosignaturesFor(store, head);
    const bytes = Buffer.from(kept[0]!.signature, 'base64');
    bytes[0]! ^= 0x01;
    const forged: Cosignature[] = [{ ...kept[0]!, signature: bytes.toString('base64') }, kept[1]!];
    const check = await checkCosignatures(head, forged, policy);
    expect(check.ok).toBe(false);
    expect(check.satisfiedBy).toEqual([kept[1]!.witness]);
    expect(check.problems.join(' ')).toMatch(/forged or altered/);
  });

  it('signed by a key the policy does not name, under a listed witness name', async () => {
    const head = honest.at(-1)!;
    const kept = await cosignaturesFor(store, head);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const impostorKeyId = keyIdOf(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const cosignedAt = new Date().toISOString();
    const impostor: Cosignature = {
      witness: kept[0]!.witness,
      witnessKeyId: impostorKeyId,
      cosignedAt,
      signature: sign(null, cosignatureBytes(head, impostorKeyId, cosignedAt), privateKey).toString('base64'),
    };
    const check = await checkCosignatures(head, [impostor, kept[1]!], policy);
    expect(check.ok).toBe(false);
    expect(check.problems.join(' ')).toMatch(/a key the policy does not name/);
    // Nor may it claim a listed witness's key id.
    const claiming = { ...impostor, witnessKeyId: kept[0]!.witnessKeyId, signature: sign(null, cosignatureBytes(head, kept[0]!.witnessKeyId, cosignedAt), privateKey).toString('base64') };
    expect((await checkCosignatures(head, [claiming, kept[1]!], policy)).ok).toBe(false);
  });

  it('one missing, or the same witness twice', async () => {
    const head = honest.at(-1)!;
    const kept = await cosignaturesFor(store, head);
    expect(kept).toHaveLength(2);
    expect((await checkCosignatures(head, kept, policy)).ok).toBe(true);
    const missing = await checkCosignatures(head, [kept[0]!], policy);
    expect(missing.ok).toBe(false);
    expect(missing.problems.at(-1)).toMatch(/needs co-signatures from 2 witnesses/);
    expect((await checkCosignatures(head, [kept[0]!, kept[0]!], policy)).ok).toBe(false);
    expect((await checkCosignatures(head, [], policy)).ok).toBe(false);
  });
});

describe('a witness restarted on its data directory', () => {
  it('keeps its key and its memory: it still refuses the fork and still co-signs the honest log', async () => {
    const before = await info(forum);
    await forum.stop();
    forum = await startWitness(witnessArgs('Kentish Vale Parent Carer Forum witness', 'forum'));
    expect(await info(forum)).toEqual(before);
    expect(await (await latest(forum)).json()).toEqual({ treeSize: honest.at(-1)!.treeSize, rootHash: honest.at(-1)!.rootHash, timestamp: honest.at(-1)!.timestamp });

    const fork = createMemoryStore();
    await appendNotes(fork, honest.at(-1)!.treeSize + 5, 'rewritten-after-restart');
    const forked = await publishTreeHead(fork, ledgerKey, () => new Date());
    const refused = await askWitnesses({ store: fork, witnesses: [{ url: forum.url }] }, forked);
    expect(refused.refusals.map((r) => r.code)).toEqual(['NOT_CONSISTENT']);

    await appendNotes(store, 3, 'honest');
    const head = await publishTreeHead(store, ledgerKey, () => new Date());
    const answers = await askWitnesses({ store, witnesses: witnesses() }, head);
    expect(answers.refusals).toEqual([]);
    expect((await checkCosignatures(head, answers.cosignatures, policy)).ok).toBe(true);
    expect(forum.output()).toMatch(/NOT_CONSISTENT/);
  }, 60_000);
});

describe('a witness that cannot be reached', () => {
  it('is reported, never thrown, and the others still co-sign', async () => {
    const closed = await freePort();
    const head = await publishTreeHead(store, ledgerKey, () => new Date());
    const answers = await askWitnesses({ store, witnesses: [{ url: `http://127.0.0.1:${closed}` }, { url: court.url }], timeoutMs: 2000 }, head);
    expect(answers.cosignatures).toHaveLength(1);
    expect(answers.refusals).toEqual([{ url: `http://127.0.0.1:${closed}`, code: 'UNREACHABLE', reason: expect.stringMatching(/^could not reach the witness/) }]);
    const check = await checkCosignatures(head, await cosignaturesFor(store, head), policy);
    expect(check.ok).toBe(false);
    expect(check.satisfiedBy).toEqual(['Family Court witness']);
  });
});

/** A port nothing listens on (it was free a moment ago). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
