import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import { EVIDENCE_EXPORT_STREAM, exportEvidenceBundle, type ExportDependencies } from '../../src/integrity/evidence/export-bundle.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import type { JsonObject, LedgerEntry } from '../../src/ledger/envelope.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { memoryKeyStore, type ChildKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { encrypt } from '../../src/privacy/sealed-data.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const advocate = { id: 'advocate-1', displayName: 'Ava Advocate', role: 'advocate', organisation: 'IPSEA' };
const appeal = { reference: 'EH202/25/00123', hearingDate: '2026-03-10', appealType: 'sections_b_and_f' as const };

/** The demo on a memory store sealed as the server seals it (each child's entries under keys derived from its own). */
async function demoLedger() {
  const clock = createSimulatedClock();
  const keys = memoryKeyStore();
  const inner = createMemoryStore(clock.now);
  const store = encryptingStore(inner, keys);
  const demo = await loadDemo(store, clock);
  const deps: ExportDependencies = { store, clock: clock.now, signingKey: ephemeralSigningKey(), keys, lateThresholdDays: 14 };
  return { store, inner, keys, deps, demo, clock };
}

const exportFor = (deps: ExportDependencies, childId: string, upToRevision: number | null = null, purpose = `First-tier Tribunal appeal ${appeal.reference}`) =>
  exportEvidenceBundle(deps, { childId, actor: advocate, purpose, appeal, upToRevision });

const copy = (bundle: EvidenceBundle): EvidenceBundle => JSON.parse(JSON.stringify(bundle)) as EvidenceBundle;

describe('an evidence bundle discloses what each entry says, and proves it is what the ledger committed to', () => {
  let ledger: Awaited<ReturnType<typeof demoLedger>>;
  let childId: string;
  let bundle: EvidenceBundle;
  let trail: LedgerEntry[];

  beforeAll(async () => {
    ledger = await demoLedger();
    childId = ledger.demo.children[0]!.childId;
    trail = await ledger.store.readStream(`child-${childId}`);
    bundle = (await exportFor(ledger.deps, childId))!.bundle;
  });

  it('holds every entry with its own key, and the verifier opens each to exactly what the record says', async () => {
    expect(bundle.entries).toHaveLength(trail.length);
    const report = await verifyEvidenceBundle(bundle);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    // What the verifier read out of the sealed bytes is, entry for entry, what the ledger's own readers see.
    expect(report.verifiedEntries.map((e) => [e.eventId, e.type, canonicalJson(e.data)])).toEqual(trail.map((e) => [e.eventId, e.type, canonicalJson(e.data)]));
    // The stored bytes themselves still hold only ciphertext.
    const stored = JSON.parse(bundle.entries[1]!.canonical) as { data: Record<string, string> };
    expect(stored.data).toMatchObject({ $enc: 'aes-256-gcm', keyDerivation: 'hkdf-sha256/entry-key/1', keyCommitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(stored)).not.toContain(String(trail[1]!.data['description'] ?? trail[1]!.data['displayName'] ?? '§'));
  });

  it("an entry's key opens that entry and no other, and a key that is not the committed one is refused", async () => {
    const swapped = copy(bundle);
    swapped.entries[2]!.entryKey = bundle.entries[3]!.entryKey;
    const report = await verifyEvidenceBundle(swapped);
    expect(report.ok).toBe(false);
    expect(report.failures.find((f) => f.place.revision === 2)?.problem).toMatch(/not the key its hashed bytes commit to/);

    const random = copy(bundle);
    random.entries[4]!.entryKey = randomBytes(32).toString('base64');
    expect((await verifyEvidenceBundle(random)).failures.find((f) => f.place.revision === 4)?.problem).toMatch(/not the key its hashed bytes commit to/);

    const withheld = copy(bundle);
    delete withheld.entries[5]!.entryKey;
    expect((await verifyEvidenceBundle(withheld)).failures.find((f) => f.place.revision === 5)?.problem).toMatch(/not disclosed/);
  });

  it('the export is in the log before the head that proves it, and its manifest is the one recorded', async () => {
    const log = await ledger.store.readAll(1, 1_000_000);
    const exportEntry = log.find((e) => e.streamId === EVIDENCE_EXPORT_STREAM && e.data['exportId'] === bundle.manifest.exportId)!;
    expect(exportEntry.globalPosition).toBeLessThanOrEqual(bundle.treeHead.treeSize);
    expect(exportEntry.data).toMatchObject({ childId, appealReference: appeal.reference, version: 1, throughRevision: trail.length - 1 });
    expect(exportEntry.metadata.actor).toEqual(advocate);

    const repurposed = copy(bundle);
    repurposed.manifest.purpose = 'Something else';
    expect((await verifyEvidenceBundle(repurposed)).failures.map((f) => f.place.label)).toContain('the export record');
  });

  it('the readable bundle is drawn from the verified entries: another child\'s PDF in its place fails', async () => {
    const other = (await exportFor(ledger.deps, ledger.demo.children[1]!.childId))!.bundle;
    const swapped = copy(bundle);
    swapped.documents.tribunalBundlePdf = other.documents.tribunalBundlePdf;
    const report = await verifyEvidenceBundle(swapped);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([{ place: expect.objectContaining({ label: 'the tribunal bundle PDF' }), problem: expect.stringMatching(/altered or swapped/) }]);
  });

  it('a re-issued bundle for the same appeal is the next version and says what changed', async () => {
    ledger.clock.set(new Date(ledger.clock.now().getTime() + 86_400_000).toISOString());
    const second = (await exportEvidenceBundle(ledger.deps, { childId, actor: advocate, purpose: 'Re-issued for the hearing', appeal: { ...appeal, hearingDate: '2026-04-14' }, upToRevision: null }))!.bundle;
    expect(second.manifest.version).toBe(2);
    expect(second.manifest.previousVersion).toMatchObject({ exportId: bundle.manifest.exportId, version: 1 });
    expect(second.manifest.changes.join(' ')).toMatch(/No entries were added to the record since version 1/);
    expect(second.manifest.changes.join(' ')).toMatch(/hearing date changed from 10 March 2026 to 14 April 2026/);
    expect((await verifyEvidenceBundle(second)).ok).toBe(true);
  });

  it('the command line verifier shares the check: VERIFIED for the bundle, the failing entry named for a changed byte', async () => {
    const dir = tempDir();
    try {
      const good = join(dir.path, 'good.json');
      writeFileSync(good, JSON.stringify(bundle));
      const { stdout } = await run('node', ['--import', 'tsx', 'src/cli/verify-bundle.ts', good, '--save-pdf', join(dir.path, 'bundle.pdf')]);
      expect(stdout).toContain(`VERIFIED: all ${trail.length} entries`);

      const tampered = copy(bundle);
      const stored = JSON.parse(tampered.entries[6]!.canonical) as { data: { ct: string } };
      stored.data.ct = `${stored.data.ct[0] === 'A' ? 'B' : 'A'}${stored.data.ct.slice(1)}`;
      tampered.entries[6]!.canonical = canonicalJson(stored);
      const bad = join(dir.path, 'bad.json');
      writeFileSync(bad, JSON.stringify(tampered));
      const failed = await run('node', ['--import', 'tsx', 'src/cli/verify-bundle.ts', bad]).catch((e: { code: number; stdout: string }) => e);
      expect('code' in failed ? failed.code : 0).toBe(1);
      expect(failed.stdout).toMatch(/NOT VERIFIED/);
      expect(failed.stdout).toMatch(/entry 7 \([0-9a-f-]{36}\): its bytes do not match its hash/);
    } finally {
      dir.remove();
    }
  });
});

describe('what a bundle leaves out, it names', () => {
  it("an advocate whose access ended exports the record as it stood: the later entries are named as left out, and only the included entries' keys are in it", async () => {
    const { deps, demo, store } = await demoLedger();
    const childId = demo.children[0]!.childId;
    const trail = await store.readStream(`child-${childId}`);
    const upTo = 9;
    const { bundle } = (await exportFor(deps, childId, upTo))!;
    expect(bundle.entries).toHaveLength(upTo + 1);
    expect(bundle.manifest.omitted).toEqual([
      { fromRevision: upTo + 1, throughRevision: trail.length - 1, reason: 'outside_access', explanation: expect.stringMatching(/after Ava Advocate's access to the record ended/) },
    ]);
    expect((await verifyEvidenceBundle(bundle)).ok).toBe(true);

    const hidden = copy(bundle);
    hidden.manifest.omitted = [];
    expect((await verifyEvidenceBundle(hidden)).ok).toBe(false);
    const dropped = copy(bundle);
    dropped.entries.pop();
    expect((await verifyEvidenceBundle(dropped)).failures.some((f) => f.place.label === 'the manifest' && /dropped or added/.test(f.problem))).toBe(true);
  });

  it("after erasure nothing can be disclosed, yet every entry is still proved to exist, in order, and the bundle says why", async () => {
    const { deps, demo, store, keys } = await demoLedger();
    const childId = demo.children[2]!.childId;
    const before = (await exportFor(deps, childId))!.bundle;
    const { keyId } = await keys.keyFor(childId);
    const erasure = randomUUID();
    await store.append(`child-${childId}`, [{
      eventId: erasure,
      type: 'ChildRecordErased',
      schemaVersion: 1,
      data: { reason: 'retention_period_ended', retentionRule: 'date of birth + 31 years', keyId } as JsonObject,
      metadata: { actor: advocate, occurredAt: deps.clock().toISOString(), correlationId: erasure, causationId: erasure },
    }], 'any');
    await keys.destroy(childId);

    const after = (await exportFor(deps, childId, null, 'Audit after erasure'))!.bundle;
    expect(after.entries.every((e) => e.entryKey === undefined)).toBe(true);
    // Every entry but the erasure itself (kept in the clear) is named as erased.
    expect(after.manifest.undisclosed).toEqual(after.entries.slice(0, -1).map((_, revision) => ({ revision, reason: 'erased' })));
    const report = await verifyEvidenceBundle(after);
    expect(report.failures).toEqual([]);
    expect(report.verifiedEntries.filter((e) => e.type !== 'ChildRecordErased').every((e) => canonicalJson(e.data) === '{"$erased":true}')).toBe(true);
    // A bundle exported before the erasure still verifies: its proofs never needed the key.
    expect((await verifyEvidenceBundle(before)).ok).toBe(true);
  });

  it('an entry sealed before entries had their own keys is proved but not disclosed, and the bundle says why', async () => {
    const clock = createSimulatedClock();
    const keys: ChildKeyStore = memoryKeyStore();
    const inner: EventStore = createMemoryStore(clock.now);
    const store = encryptingStore(inner, keys);
    const demo = await loadDemo(store, clock);
    const childId = demo.children[3]!.childId;
    // As the ledger sealed entries before this release: under the child's key itself, with no commitment.
    const { keyId, key } = await keys.keyFor(childId);
    const eventId = randomUUID();
    const streamId = `child-${childId}`;
    const aad = Buffer.from(canonicalJson({ eventId, streamId }), 'utf8');
    const { iv, ct, tag } = encrypt(key, Buffer.from(canonicalJson({ viewsId: randomUUID() }), 'utf8'), aad);
    await inner.append(streamId, [{
      eventId,
      type: 'ViewsRecorded',
      schemaVersion: 1,
      data: { $enc: 'aes-256-gcm', keyId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: tag.toString('base64') },
      metadata: { actor: advocate, occurredAt: '2025-09-01T10:00:00.000Z', correlationId: eventId, causationId: eventId },
    }], 'any');
    const deps: ExportDependencies = { store, clock: clock.now, signingKey: ephemeralSigningKey(), keys, lateThresholdDays: 14 };
    const { bundle } = (await exportFor(deps, childId))!;
    const last = bundle.entries.length - 1;
    expect(bundle.manifest.undisclosed).toEqual([{ revision: last, reason: 'sealed_before_entry_keys' }]);
    expect((await verifyEvidenceBundle(bundle)).ok).toBe(true);
  });
});
