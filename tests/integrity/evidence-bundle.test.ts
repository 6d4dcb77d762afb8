import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import { EVIDENCE_EXPORT_STREAM, exportEvidenceBundle } from '../../src/integrity/evidence/export-bundle.js';
import { verifyBundle } from '../../src/integrity/evidence/verify-bundle.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const exporter = { id: 'advocate-1', displayName: 'Ava Advocate', role: 'advocate', organisation: 'IPSEA' };

describe('evidence bundles for a tribunal', () => {
  const dir = tempDir();
  const key = ephemeralSigningKey();
  let store: EventStore;
  let childId: string;
  let bundle: EvidenceBundle;

  beforeAll(async () => {
    const clock = createSimulatedClock();
    store = createMemoryStore(clock.now);
    const demo = await loadDemo(store, clock);
    childId = demo.children[0]!.childId;
    bundle = (await exportEvidenceBundle({ store, clock: clock.now, signingKey: key, lateThresholdDays: 14 }, childId, exporter, 'First-tier Tribunal appeal SE202/25/00123'))!;
  });
  afterAll(() => dir.remove());

  it('the demo child\'s bundle holds every entry of its trail, proved into one signed head, and verifies offline', async () => {
    const trail = await store.readStream(`child-${childId}`);
    expect(bundle.entries.map((e) => e.eventId)).toEqual(trail.map((e) => e.eventId));
    // The head covers the log as it stood: every entry before the head's own entry and the export record.
    const log = await store.readAll(1, 100_000);
    expect(log.slice(-2).map((e) => e.type)).toEqual(['TreeHeadSigned', 'EvidenceBundleExported']);
    expect(bundle.treeHead.treeSize).toBe(log.length - 2);
    expect(Buffer.from(bundle.chronologyPdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(verifyBundle(bundle)).toMatchObject({ ok: true, entriesChecked: trail.length, failures: [] });

    const file = join(dir.path, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const { stdout } = await run('npx', ['tsx', 'src/cli/verify-bundle.ts', file]);
    expect(stdout).toContain(`VERIFIED: all ${trail.length} entries`);
  });

  it('the same bundle with one changed byte fails, naming the entry', async () => {
    const target = bundle.entries[7]!;
    const text = JSON.stringify(bundle);
    const at = text.indexOf(JSON.stringify(target.canonical).slice(1, -1)) + 40;
    const tampered = `${text.slice(0, at)}${text[at] === 'a' ? 'b' : 'a'}${text.slice(at + 1)}`;
    const file = join(dir.path, 'tampered.json');
    writeFileSync(file, tampered);
    const failed = await run('npx', ['tsx', 'src/cli/verify-bundle.ts', file]).catch((e: { code: number; stdout: string }) => e);
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain(`entry ${target.eventId} (revision ${target.streamRevision}`);
    expect(failed.stdout).toMatch(/altered|inclusion proof/);
    expect(readFileSync(file, 'utf8')).not.toBe(text);
  });

  it('flipping any single byte of any entry, deleting, inserting or reordering entries is detected and located', () => {
    const copy = (): EvidenceBundle => JSON.parse(JSON.stringify(bundle)) as EvidenceBundle;
    bundle.entries.forEach((entry, i) => {
      const flipped = copy();
      const at = (i * 37) % entry.canonical.length;
      const bytes = Buffer.from(entry.canonical, 'utf8');
      bytes[at] = bytes[at]! ^ 0x01;
      flipped.entries[i]!.canonical = bytes.toString('utf8');
      const report = verifyBundle(flipped);
      expect(report.ok, `byte ${at} of entry ${i}`).toBe(false);
      expect(report.failures.some((f) => f.entry?.eventId === entry.eventId)).toBe(true);
    });
    const deleted = copy();
    deleted.entries.splice(3, 1);
    expect(verifyBundle(deleted).failures[0]!.problem).toMatch(/revision 4 found where revision 3 was expected/);
    const reordered = copy();
    [reordered.entries[2]!.canonical, reordered.entries[3]!.canonical] = [reordered.entries[3]!.canonical, reordered.entries[2]!.canonical];
    expect(verifyBundle(reordered).failures.map((f) => f.entry?.streamRevision)).toEqual(expect.arrayContaining([2, 3]));
    const inserted = copy();
    inserted.entries.splice(5, 0, { ...inserted.entries[5]!, eventId: randomUUID() });
    expect(verifyBundle(inserted).ok).toBe(false);
    const resigned = copy();
    resigned.treeHead.treeSize += 1;
    expect(verifyBundle(resigned).failures.some((f) => f.entry === null && /signature/.test(f.problem))).toBe(true);
  });

  it('records each export in the ledger: who, which child, when, for what purpose', async () => {
    const exports = await store.readStream(EVIDENCE_EXPORT_STREAM);
    expect(exports.at(-1)).toMatchObject({
      type: 'EvidenceBundleExported',
      data: { exportId: bundle.exportId, childId, purpose: 'First-tier Tribunal appeal SE202/25/00123', treeSize: bundle.treeHead.treeSize, entries: bundle.entries.length },
      metadata: { actor: exporter },
    });
  });
});

describe('a saved tree head catches a server that rewrote history', () => {
  const key = ephemeralSigningKey();

  async function fill(store: EventStore, events: Array<{ stream: string; text: string }>) {
    for (const { stream, text } of events) {
      const id = randomUUID();
      await store.append(stream, [{ eventId: id, type: 'Noted', schemaVersion: 1, data: { text }, metadata: { actor: exporter, occurredAt: '2025-01-01T00:00:00.000Z', correlationId: id, causationId: id } }], 'any');
    }
  }

  it('an honest log proves consistency with the saved head; a rewritten one cannot, though its own chains verify', async () => {
    const { publishTreeHead } = await import('../../src/integrity/tree-heads.js');
    const { consistencyProofBetween } = await import('../../src/integrity/proofs.js');
    const { verifyConsistency } = await import('../../src/integrity/merkle/index.js');
    const { verifyLedger } = await import('../../src/integrity/verify-ledger.js');
    const { verifyTreeHead } = await import('../../src/integrity/tree-head.js');
    const history = Array.from({ length: 12 }, (_, i) => ({ stream: `child-${i % 3}`, text: `entry ${i}` }));
    const clock = () => new Date('2025-02-01T00:00:00Z');

    const honest = createMemoryStore(clock);
    await fill(honest, history);
    const saved = await publishTreeHead(honest, key, clock);
    expect(verifyTreeHead(saved, key.publicKeyPem)).toBe(true);
    await fill(honest, [{ stream: 'child-1', text: 'later entry' }]);

    // The same history with entry 4 quietly rewritten and every later hash recomputed, then extended.
    const rewritten = createMemoryStore(clock);
    await fill(rewritten, history.map((e, i) => (i === 4 ? { ...e, text: 'rewritten' } : e)));
    await publishTreeHead(rewritten, key, clock);
    await fill(rewritten, [{ stream: 'child-1', text: 'later entry' }]);
    expect((await verifyLedger(rewritten)).ok).toBe(true);

    const size = (s: EventStore) => s.readAll(1, 1000).then((all: LedgerEntry[]) => all.length);
    const check = async (store: EventStore) => {
      const proof = (await consistencyProofBetween(store, saved.treeSize, await size(store)))!;
      return verifyConsistency(saved.treeSize, proof.newSize, Buffer.from(saved.rootHash, 'hex'), Buffer.from(proof.newRootHash, 'hex'), proof.proof.map((h) => Buffer.from(h, 'hex')));
    };
    expect(await check(honest)).toBe(true);
    expect(await check(rewritten)).toBe(false);
  });
});
