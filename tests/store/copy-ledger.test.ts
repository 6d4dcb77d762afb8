import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCopyLedger } from '../../src/cli/copy-ledger.js';
import { inclusionProofFor } from '../../src/integrity/proofs.js';
import { readLogLeaves } from '../../src/integrity/log-leaves.js';
import { merkleRoot } from '../../src/integrity/merkle/index.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { latestTreeHead, publishTreeHead } from '../../src/integrity/tree-heads.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { CopyRefused, copyLedger } from '../../src/ledger-copy/copy-ledger.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { NO_STREAM, type EventStore } from '../../src/store/port.js';
import { SealedImportRefused } from '../../src/store/sealed-import.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { manualClock, proposed, proposedBatch } from './store-contract.js';

const tempDirs: string[] = [];
const openStores: EventStore[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-copy-'));
  tempDirs.push(dir);
  return dir;
}

function sqlite(file: string, clock?: () => Date): SqliteEventStore {
  const store = openSqliteStore(file, clock);
  openStores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of openStores.splice(0)) await store.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const treeHeadOf = async (store: EventStore) => {
  const { leaves } = await readLogLeaves(store);
  return { treeSize: leaves.length, rootHash: merkleRoot(leaves).toString('hex') };
};

/**
 * A ledger written through the real SQLite store: four streams, appends recorded days apart (so recorded
 * times differ from anything a copy's clock would stamp), a multi-event keyed command, and a signed tree head.
 */
async function buildSourceLedger(file: string) {
  const clock = manualClock('2024-09-02T08:15:00.000Z');
  const store = sqlite(file, clock);
  const [a, b, c] = [`child-${randomUUID()}`, `child-${randomUUID()}`, `local-offer-${randomUUID()}`];
  await store.append(a, [proposed({ type: 'ChildRegistered' })], NO_STREAM);
  clock.advance(3 * 86_400_000);
  await store.append(b, proposedBatch(2), NO_STREAM);
  clock.advance(41 * 60_000);
  await store.append(a, proposedBatch(3, 'command-7'), 0);
  clock.set('2025-01-20T16:02:33.127Z');
  await store.append(c, [proposed({ type: 'ServiceListed', data: { name: 'Speech and language therapy', note: 'Zoë €' } })], NO_STREAM);
  await publishTreeHead(store, ephemeralSigningKey(), clock);
  clock.advance(86_400_000);
  await store.append(b, [proposed()], 1);
  return { store, streams: { a, b, c }, clock };
}

describe('copyLedger: SQLite to SQLite and to memory', () => {
  it('makes a byte-identical copy in the same global order, with the same tree head, and proves it', async () => {
    const dir = tempDir();
    const { store: source } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    // The copy's own clock is far from every recorded time: a re-sealing copy would show it.
    const target = sqlite(path.join(dir, 'target.sqlite'), () => new Date('2031-12-31T23:59:59.000Z'));
    const progress: number[] = [];

    const report = await copyLedger(source, target, { batchSize: 3, onProgress: ({ copied }) => progress.push(copied) });

    const original = await source.readAll(1, 1000);
    const copy = await target.readAll(1, 1000);
    expect(copy).toEqual(original);
    expect(copy.map((e) => e.metadata.recordedAt)).toContain('2024-09-02T08:15:00.000Z');
    expect(copy.some((e) => e.canonical.includes('2031'))).toBe(false);
    expect(await target.streamHeads()).toEqual(await source.streamHeads());
    expect(await treeHeadOf(target)).toEqual(await treeHeadOf(source));
    expect(report).toEqual({
      copiedEntries: original.length,
      resumedAfter: 0,
      treeSize: original.length,
      rootHash: (await treeHeadOf(source)).rootHash,
      streams: 4,
      positionsKept: true,
    });
    expect(await verifyLedger(target)).toMatchObject({ ok: true, checkedEvents: original.length });
    expect(progress.at(-1)).toBe(original.length);
    expect(progress.length).toBeGreaterThan(2);
  });

  it('keeps proofs: inclusion proofs and the signed tree head are the same on the copy', async () => {
    const dir = tempDir();
    const { store: source } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const target = sqlite(path.join(dir, 'target.sqlite'));

    await copyLedger(source, target);

    const [first] = await source.readAll(1, 1);
    expect(await inclusionProofFor(target, first!.eventId)).toEqual(await inclusionProofFor(source, first!.eventId));
    const signed = await latestTreeHead(target);
    expect(signed).toEqual(await latestTreeHead(source));
    const { leaves } = await readLogLeaves(target, signed!.treeSize);
    expect(merkleRoot(leaves).toString('hex')).toBe(signed!.rootHash);
  });

  it('keeps idempotency keys working on the copy: a retried command is still deduplicated', async () => {
    const dir = tempDir();
    const { store: source, streams } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const target = sqlite(path.join(dir, 'target.sqlite'));
    await copyLedger(source, target);

    const retry = await target.append(streams.a, proposedBatch(3, 'command-7'), 0);

    expect(retry.deduplicated).toBe(true);
    expect(retry.entries).toEqual((await source.readStream(streams.a)).slice(1, 4));
    expect(await target.headPosition()).toBe(await source.headPosition());
  });

  it('copies into the memory store with the same entries and tree head', async () => {
    const { store: source, streams } = await buildSourceLedger(path.join(tempDir(), 'source.sqlite'));
    const target = createMemoryStore();

    await copyLedger(source, target, { batchSize: 2 });

    expect(await target.readAll(1, 1000)).toEqual(await source.readAll(1, 1000));
    expect(await treeHeadOf(target)).toEqual(await treeHeadOf(source));
    expect((await target.append(streams.a, proposedBatch(3, 'command-7'), 0)).deduplicated).toBe(true);
  });

  it('copies only what the source held when it started (a live source may keep growing)', async () => {
    const dir = tempDir();
    const { store: source, streams } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const before = await source.headPosition();
    const target = createMemoryStore();
    // The source grows at the first progress report, and the copy reads on only once that entry is committed.
    let growth: Promise<unknown> | undefined;
    const growing: typeof source = {
      ...source,
      readAll: async (from, limit) => {
        await growth;
        return source.readAll(from, limit);
      },
    };

    await copyLedger(growing, target, {
      batchSize: 2,
      onProgress: () => {
        growth ??= source.append(streams.c, [proposed()], 0);
      },
    });

    expect(await source.headPosition()).toBe(before + 1);
    expect(await target.headPosition()).toBe(before);
  });
});

describe('copyLedger: refusals', () => {
  it('refuses a tampered source, names the entry, and writes nothing', async () => {
    const dir = tempDir();
    const { store: source } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const victim = (await source.readAll(4, 1))[0]!; // a#1, the first event of the keyed command
    source.database.exec('DROP TRIGGER ledger_events_no_update');
    source.database
      .prepare('UPDATE ledger_events SET body = ? WHERE global_position = 4')
      .run(victim.canonical.replace('"step":0', '"step":9'));
    const target = sqlite(path.join(dir, 'target.sqlite'));

    const refusal = await copyLedger(source, target).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(CopyRefused);
    const message = (refusal as Error).message;
    expect(message).toContain('global position 4');
    expect(message).toContain(`event ${victim.eventId}`);
    expect(message).toContain(`stream ${victim.streamId} revision ${victim.streamRevision}`);
    expect(message).toMatch(/do not match its hash/);
    expect(await target.headPosition()).toBe(0);
  });

  it('refuses a non-empty target and leaves it as it was', async () => {
    const dir = tempDir();
    const { store: source } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const target = sqlite(path.join(dir, 'target.sqlite'));
    const { entries } = await target.append('child-already-here', [proposed()], NO_STREAM);

    await expect(copyLedger(source, target)).rejects.toThrow(/the target already holds 1 entries: copy into an empty store, or pass --resume/);

    expect(await target.readAll(1, 100)).toEqual(entries);
  });

  it('refuses to resume into a target that holds another ledger', async () => {
    const dir = tempDir();
    const { store: source } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const target = sqlite(path.join(dir, 'target.sqlite'));
    await target.append('child-elsewhere', proposedBatch(2), NO_STREAM);

    await expect(copyLedger(source, target, { resume: true })).rejects.toThrow(/are not the first 2 entries of this source/);
    expect(await target.headPosition()).toBe(2);
  });

  it('resumes an interrupted copy from the entries the target already holds', async () => {
    const dir = tempDir();
    const { store: source } = await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const target = sqlite(path.join(dir, 'target.sqlite'));
    await target.importSealed(await source.readAll(1, 4)); // as far as an interrupted copy got

    const report = await copyLedger(source, target, { resume: true, batchSize: 2 });

    expect(report.resumedAfter).toBe(4);
    expect(report.copiedEntries).toBe((await source.headPosition()) - 4);
    expect(await target.readAll(1, 1000)).toEqual(await source.readAll(1, 1000));
  });

  it('refuses a target that cannot take sealed entries', async () => {
    const { store: source } = await buildSourceLedger(path.join(tempDir(), 'source.sqlite'));
    const { importSealed: _dropped, ...appendOnly } = createMemoryStore();

    await expect(copyLedger(source, appendOnly)).rejects.toThrow(/cannot take sealed entries/);
  });
});

describe('importSealed (the capability a copy relies on)', () => {
  const stores = {
    SQLite: () => sqlite(path.join(tempDir(), 'ledger.sqlite')),
    memory: () => createMemoryStore(),
  };

  for (const [name, open] of Object.entries(stores)) {
    it(`${name}: refuses an entry that does not continue its stream's chain, storing nothing of the batch`, async () => {
      const { store: source, streams } = await buildSourceLedger(path.join(tempDir(), 'source.sqlite'));
      const all = await source.readAll(1, 100);
      const target = open();
      const skipped = all.filter((e) => !(e.streamId === streams.a && e.streamRevision === 1));

      const refusal = await target.importSealed(skipped).catch((error: unknown) => error);

      expect(refusal).toBeInstanceOf(SealedImportRefused);
      expect((refusal as SealedImportRefused).entry.streamRevision).toBe(2);
      expect((refusal as Error).message).toMatch(/next revision of its stream here is 1/);
      expect(await target.headPosition()).toBe(0);
    });

    it(`${name}: refuses an entry whose bytes were changed or that names another stream`, async () => {
      const { store: source } = await buildSourceLedger(path.join(tempDir(), 'source.sqlite'));
      const [first] = await source.readAll(1, 1);
      const target = open();
      const forged: LedgerEntry = { ...first!, canonical: first!.canonical.replace('Oak Primary', 'Elm Primary') };
      const misfiled: LedgerEntry = { ...first!, streamId: 'child-someone-else' };

      await expect(target.importSealed([forged])).rejects.toThrow(/do not match its hash/);
      await expect(target.importSealed([misfiled])).rejects.toThrow(/name another entry/);
      expect(await target.headPosition()).toBe(0);
    });
  }
});

describe('npm run copy-ledger', () => {
  it('copies sqlite:<path> to sqlite:<path>, carries the key file alongside, and prints the tree head', async () => {
    const sourceDir = tempDir();
    const targetDir = path.join(tempDir(), 'copy');
    const { store: source } = await buildSourceLedger(path.join(sourceDir, 'ledger.sqlite'));
    const keys = openSqliteStore(path.join(sourceDir, 'keys.sqlite')); // any SQLite file stands in for the key file here
    await keys.close();
    fs.writeFileSync(path.join(sourceDir, 'dev-master-key'), 'not-a-real-key\n', { mode: 0o600 });
    const lines: string[] = [];
    const errors: string[] = [];

    const code = await runCopyLedger([`sqlite:${path.join(sourceDir, 'ledger.sqlite')}`, `sqlite:${path.join(targetDir, 'ledger.sqlite')}`], {
      out: (line) => lines.push(line),
      err: (line) => errors.push(line),
    });

    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const { rootHash, treeSize } = await treeHeadOf(source);
    expect(lines.join('\n')).toContain(`tree head (size ${treeSize}, root ${rootHash}) is the source's`);
    expect(fs.existsSync(path.join(targetDir, 'keys.sqlite'))).toBe(true);
    expect(fs.readFileSync(path.join(targetDir, 'dev-master-key'), 'utf8')).toBe('not-a-real-key\n');
    expect(fs.statSync(path.join(targetDir, 'dev-master-key')).mode & 0o077).toBe(0);
    const copy = sqlite(path.join(targetDir, 'ledger.sqlite'));
    expect(await copy.readAll(1, 1000)).toEqual(await source.readAll(1, 1000));
  });

  it('exits 1 with the reason when the target is not empty, and 2 on a bad location', async () => {
    const dir = tempDir();
    await buildSourceLedger(path.join(dir, 'source.sqlite'));
    const target = sqlite(path.join(dir, 'target.sqlite'));
    await target.append('child-x', [proposed()], NO_STREAM);
    const errors: string[] = [];
    const output = { out: () => {}, err: (line: string) => errors.push(line) };

    expect(await runCopyLedger([`sqlite:${path.join(dir, 'source.sqlite')}`, `sqlite:${path.join(dir, 'target.sqlite')}`], output)).toBe(1);
    expect(errors.join('\n')).toMatch(/Copy refused: the target already holds 1 entries/);
    expect(await runCopyLedger(['mysql://somewhere', `sqlite:${path.join(dir, 'target.sqlite')}`], output)).toBe(2);
    expect(errors.join('\n')).toMatch(/use sqlite:<path>, postgres:\/\/\.\.\. or esdb:\/\/\.\.\./);
  });
});
