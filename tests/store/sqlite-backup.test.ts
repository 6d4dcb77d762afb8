import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runBackup } from '../../src/cli/backup.js';
import { runRestore } from '../../src/cli/restore.js';
import { parseConfig } from '../../src/config/config.js';
import { openConfiguredStore, type ConfiguredLedger } from '../../src/config/open-store.js';
import { readLogLeaves } from '../../src/integrity/log-leaves.js';
import { merkleRoot } from '../../src/integrity/merkle/index.js';
import { loadSigningKey } from '../../src/integrity/signing-key.js';
import { publishTreeHead } from '../../src/integrity/tree-heads.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { MANIFEST_FILE, backupDataDir, readManifest } from '../../src/ledger-copy/data-dir-backup.js';
import { RestoreRefused, restoreDataDir } from '../../src/ledger-copy/data-dir-restore.js';
import { ANY, NO_STREAM, type EventStore } from '../../src/store/port.js';
import { backupSqliteDatabase } from '../../src/store/sqlite-backup.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { proposed } from './store-contract.js';
import { accessEntry } from '../access-log/access-log-contract.js';

const tempDirs: string[] = [];
const openStores: EventStore[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-backup-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const store of openStores.splice(0)) await store.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The service's own view of a data directory: encrypted child payloads, keys.sqlite, a generated master key. */
async function service(dataDir: string): Promise<ConfiguredLedger> {
  const store = await openConfiguredStore(parseConfig({ SEND_LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test' }));
  openStores.push(store);
  return store;
}

function rawLedger(file: string): SqliteEventStore {
  const store = openSqliteStore(file);
  openStores.push(store);
  return store;
}

const children = Array.from({ length: 12 }, () => `child-${randomUUID()}`);
const note = (i: number) => ({ note: `Needs support with speech, session plan ${i}: ${'detail '.repeat(40)}` });

/** Enough entries over enough children that the ledger spans many pages, so a stepped backup takes many steps. */
async function seed(store: EventStore, count: number): Promise<Set<string>> {
  const acknowledged = new Set<string>();
  for (let i = 0; i < count; i++) {
    const { entries } = await store.append(children[i % children.length]!, [proposed({ data: note(i) })], ANY);
    for (const entry of entries) acknowledged.add(entry.eventId);
  }
  return acknowledged;
}

/** Appends until stopped, yielding to the event loop between appends (a service taking requests). */
function keepAppending(store: EventStore) {
  let stopped = false;
  const acknowledged: string[] = [];
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const { entries } = await store.append(children[i % children.length]!, [proposed({ data: note(1000 + i) })], ANY);
      acknowledged.push(...entries.map((e) => e.eventId));
      await yieldToLoop();
    }
  })();
  return {
    acknowledged,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

async function expectRestoredLedger(dataDir: string, acknowledgedBefore: Set<string>) {
  const restored = rawLedger(path.join(dataDir, 'ledger.sqlite'));
  const verification = await verifyLedger(restored);
  expect(verification.ok, verification.firstFault?.problem).toBe(true);
  const ids = new Set((await restored.readAll(1, 100_000)).map((e) => e.eventId));
  const missing = [...acknowledgedBefore].filter((id) => !ids.has(id));
  expect(missing).toEqual([]);
  return restored;
}

describe('online backup of the SQLite ledger while the service writes', () => {
  it('backs up from its own connection while another connection keeps appending; the restore verifies and holds every entry acknowledged before', async () => {
    const dataDir = tempDir();
    const live = await service(dataDir);
    const acknowledgedBefore = await seed(live, 300);
    await publishTreeHead(live, loadSigningKey(dataDir), () => new Date());
    const writer = keepAppending(live);
    await yieldToLoop();

    const backupDir = path.join(tempDir(), 'backup');
    const manifest = await backupDataDir(dataDir, backupDir);
    const duringOrAfter = writer.acknowledged.length;
    await writer.stop();

    expect(duringOrAfter).toBeGreaterThan(0);
    expect(manifest.check.verification.ok).toBe(true);
    expect(manifest.check.signedHead).toEqual({ treeSize: 300, matchesLog: true, signatureValid: true });
    expect(manifest.files.map((f) => f.name).sort()).toEqual(['access-log.sqlite', 'dev-master-key', 'keys.sqlite', 'ledger.sqlite', 'tree-head-signing-key.pem']);
    for (const name of ['ledger.sqlite', 'keys.sqlite', 'access-log.sqlite', 'dev-master-key', MANIFEST_FILE]) {
      expect(fs.statSync(path.join(backupDir, name)).mode & 0o077, name).toBe(0);
    }
    // The backup is the live ledger as of one moment: a prefix of the log the service went on writing.
    const { leaves } = await readLogLeaves(live, manifest.treeSize);
    expect(merkleRoot(leaves).toString('hex')).toBe(manifest.rootHash);
    expect(manifest.treeSize).toBeLessThan(await live.headPosition());

    const restoredDir = tempDir();
    const report = await restoreDataDir(backupDir, restoredDir);
    expect(report).toMatchObject({ treeSize: manifest.treeSize, rootHash: manifest.rootHash, movedAside: [] });
    await expectRestoredLedger(restoredDir, acknowledgedBefore);

    // The keys and master key came along: the restored service reads the children's payloads in clear.
    const restoredService = await service(restoredDir);
    const [first] = await restoredService.readStream(children[0]!);
    expect(first!.data).toEqual(note(0));
  });

  it('backs up in steps through the connection the service writes on, its writes carried into the backup as they happen', async () => {
    const dataDir = tempDir();
    const live = rawLedger(path.join(dataDir, 'ledger.sqlite'));
    // Through the service's encryption (keys kept in memory here): a backup is checked as a service's ledger.
    const sealing = encryptingStore(live, memoryKeyStore());
    const acknowledgedBefore = await seed(sealing, 400);
    const writer = keepAppending(sealing);
    let steps = 0;
    let appendsWhileCopying = 0;
    const backupDir = path.join(tempDir(), 'backup');

    const manifest = await backupDataDir(dataDir, backupDir, {
      ledger: live.database,
      pagesPerStep: 4,
      onProgress: () => {
        steps++;
        appendsWhileCopying = writer.acknowledged.length;
      },
    });
    await writer.stop();

    expect(steps).toBeGreaterThan(10);
    expect(appendsWhileCopying).toBeGreaterThan(5);
    expect(manifest.treeSize).toBeGreaterThanOrEqual(400 + appendsWhileCopying);
    const restoredDir = tempDir();
    await restoreDataDir(backupDir, restoredDir);
    const restored = await expectRestoredLedger(restoredDir, acknowledgedBefore);
    const liveLeaves = (await readLogLeaves(live, manifest.treeSize)).leaves;
    expect(merkleRoot(liveLeaves).toString('hex')).toBe((await readManifest(backupDir)).rootHash);
    expect((await restored.readAll(1, 100_000)).length).toBe(manifest.treeSize);
  });

  it('never overwrites: a backup into an existing file or a non-empty directory is refused', async () => {
    const dataDir = tempDir();
    const live = rawLedger(path.join(dataDir, 'ledger.sqlite'));
    await seed(live, 3);
    const occupied = tempDir();
    fs.writeFileSync(path.join(occupied, 'ledger.sqlite'), 'something else');

    await expect(backupSqliteDatabase(live.database, path.join(occupied, 'ledger.sqlite'))).rejects.toThrow(/already exists/);
    await expect(backupDataDir(dataDir, occupied)).rejects.toThrow(/is not empty/);
    expect(fs.readFileSync(path.join(occupied, 'ledger.sqlite'), 'utf8')).toBe('something else');
  });
});

describe('restore', () => {
  async function backupOf(entries: number) {
    const dataDir = tempDir();
    const live = await service(dataDir);
    await seed(live, entries);
    const backupDir = path.join(tempDir(), 'backup');
    const manifest = await backupDataDir(dataDir, backupDir);
    return { backupDir, manifest };
  }

  it('refuses to replace a data directory whose ledger holds entries, unless forced; forced, it moves the old files aside', async () => {
    const { backupDir, manifest } = await backupOf(5);
    const dataDir = tempDir();
    const current = rawLedger(path.join(dataDir, 'ledger.sqlite'));
    await current.append('child-current', [proposed()], NO_STREAM);
    await current.close();

    await expect(restoreDataDir(backupDir, dataDir)).rejects.toThrow(/already holds a ledger of 1 entries; restore will not replace it/);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);

    const report = await restoreDataDir(backupDir, dataDir, { force: true, clock: () => new Date('2025-06-01T10:00:00.000Z') });

    expect(report.movedAside).toContain('ledger.sqlite.before-restore-2025-06-01T10-00-00-000Z');
    const kept = rawLedger(path.join(dataDir, 'ledger.sqlite.before-restore-2025-06-01T10-00-00-000Z'));
    expect((await kept.readStream('child-current')).length).toBe(1);
    const restored = rawLedger(path.join(dataDir, 'ledger.sqlite'));
    expect(await restored.headPosition()).toBe(manifest.treeSize);
    expect(await restored.readStream('child-current')).toEqual([]);
  });

  it('refuses a damaged backup before touching the data directory', async () => {
    const { backupDir } = await backupOf(5);
    const file = path.join(backupDir, 'ledger.sqlite');
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    fs.writeFileSync(file, bytes);
    const dataDir = tempDir();

    await expect(restoreDataDir(backupDir, dataDir)).rejects.toThrow(RestoreRefused);
    await expect(restoreDataDir(backupDir, dataDir)).rejects.toThrow(/ledger\.sqlite is not the file that was backed up/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('npm run backup / npm run restore', () => {
  it('backs up a data directory and restores it into another, printing the verified tree head', async () => {
    const dataDir = tempDir();
    const live = await service(dataDir);
    await seed(live, 20);
    const backupDir = path.join(tempDir(), 'backup');
    const restoredDir = path.join(tempDir(), 'restored');
    const lines: string[] = [];
    const errors: string[] = [];
    const output = { out: (line: string) => lines.push(line), err: (line: string) => errors.push(line) };
    const noConfig = () => {
      throw new Error('the data directory was given');
    };

    expect(await runBackup([backupDir, '--data-dir', dataDir], noConfig, output)).toBe(0);
    expect(await runRestore([backupDir, '--data-dir', restoredDir], noConfig, output)).toBe(0);
    expect(await runRestore([backupDir, '--data-dir', restoredDir], noConfig, output)).toBe(1);

    const { rootHash } = readManifest(backupDir);
    expect(lines.join('\n')).toContain(`tree head size 20, root ${rootHash}`);
    expect(lines.join('\n')).toContain(`its tree head (size 20, root ${rootHash}) is the backup's`);
    expect(errors.join('\n')).toMatch(/Restore refused: .* already holds a ledger of 20 entries/);
    expect(await runBackup([], noConfig, output)).toBe(2);
  });

  it('backs up the read-access log with the ledger, verified as the live log\'s first entries, and restore brings it back verified', async () => {
    const dataDir = tempDir();
    const live = await service(dataDir);
    await seed(live, 5);
    const child = randomUUID();
    await live.accessLog.append([accessEntry(child, { purpose: 'read 1' }), accessEntry(child, { purpose: 'read 2' }), accessEntry(randomUUID())]);
    const backupDir = path.join(tempDir(), 'backup');
    const restoredDir = path.join(tempDir(), 'restored');
    const lines: string[] = [];
    const output = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    const noConfig = () => {
      throw new Error('the data directory was given');
    };

    expect(await runBackup([backupDir, '--data-dir', dataDir], noConfig, output)).toBe(0);
    expect(readManifest(backupDir)).toMatchObject({ accessLogEntries: 3, files: expect.arrayContaining([expect.objectContaining({ name: 'access-log.sqlite' })]) });
    expect(await runRestore([backupDir, '--data-dir', restoredDir], noConfig, output)).toBe(0);

    expect(lines.join('\n')).toContain("The read-access log verifies: 3 entries, the live log's first 3.");
    expect(lines.join('\n')).toContain('The restored read-access log verifies: 3 entries, as backed up.');
    const restored = await service(restoredDir);
    expect((await restored.accessLog.forChild(child)).map((e) => e.purpose)).toEqual(['read 2', 'read 1']);
    expect(await restored.accessLog.verify()).toEqual({ intact: true, entries: 3 });
  });

  it('does not report a backup good when its read-access log does not verify, and names the entry', async () => {
    const dataDir = tempDir();
    const live = await service(dataDir);
    await seed(live, 3);
    await live.accessLog.append([accessEntry(randomUUID(), { purpose: 'read 1' }), accessEntry(randomUUID(), { purpose: 'read 2' })]);
    const db = new Database(path.join(dataDir, 'access-log.sqlite'));
    db.exec('DROP TRIGGER access_log_no_update');
    db.prepare("UPDATE access_log SET entry = replace(entry, 'read 2', 'read 9') WHERE sequence = 2").run();
    db.close();
    const errors: string[] = [];
    const output = { out: () => {}, err: (line: string) => errors.push(line) };

    expect(await runBackup([path.join(tempDir(), 'backup'), '--data-dir', dataDir], () => dataDir, output)).toBe(1);
    expect(errors.join('\n')).toMatch(/BACKUP FAILED: the backup's read-access log does not verify: sequence 2: its stored entry does not match its hash/);
  });
});
