import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyDestroyed, memoryKeyStore, type ChildKeyStore } from '../../src/privacy/child-key-store.js';
import { loadMasterKey, parseMasterKey } from '../../src/privacy/master-key.js';
import { openSqliteKeyStore } from '../../src/privacy/sqlite-key-store.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

function sqliteKeys(file: string, masterKey?: Buffer): ChildKeyStore {
  const keys = openSqliteKeyStore(file, { masterKey });
  cleanups.push(() => keys.close());
  return keys;
}

/** The key file and its write-ahead log, as raw bytes. */
const bytesOf = (file: string) => Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));

const implementations: Array<[string, () => ChildKeyStore]> = [
  ['memory', memoryKeyStore],
  ['SQLite', () => sqliteKeys(path.join(dataDir(), 'keys.sqlite'))],
  ['SQLite with a master key', () => sqliteKeys(path.join(dataDir(), 'keys.sqlite'), randomBytes(32))],
];

describe.each(implementations)('child key store: %s', (_name, open) => {
  it('creates one random 32-byte key per child on first use and returns the same one after', async () => {
    const keys = open();
    const first = await keys.keyFor('child-a');
    const again = await keys.keyFor('child-a');
    const other = await keys.keyFor('child-b');

    expect(first.key).toHaveLength(32);
    expect(again).toEqual(first);
    expect(other.keyId).not.toBe(first.keyId);
    expect(other.key.equals(first.key)).toBe(false);
    expect(await keys.find(first.keyId)).toEqual(first.key);
    expect(await keys.find('no-such-key')).toBeNull();
  });

  it('destroys a key for good: find gives null, keyFor refuses, others are untouched; destroying again is harmless', async () => {
    const keys = open();
    const a = await keys.keyFor('child-a');
    const b = await keys.keyFor('child-b');

    await keys.destroy('child-a');
    await keys.destroy('child-a');

    expect(await keys.find(a.keyId)).toBeNull();
    expect(await keys.isDestroyed('child-a')).toBe(true);
    await expect(keys.keyFor('child-a')).rejects.toBeInstanceOf(KeyDestroyed);
    expect(await keys.find(b.keyId)).toEqual(b.key);
    expect(await keys.isDestroyed('child-b')).toBe(false);
  });

  it('marks a child with no key yet as destroyed, so no key can be made for it later', async () => {
    const keys = open();
    await keys.destroy('child-never-keyed');
    await expect(keys.keyFor('child-never-keyed')).rejects.toBeInstanceOf(KeyDestroyed);
  });
});

describe('SQLite key store: the file', () => {
  it('is owner-only (0600), WAL included, and keeps keys across reopen', async () => {
    const file = path.join(dataDir(), 'keys.sqlite');
    const keys = sqliteKeys(file);
    const key = await keys.keyFor('child-a');

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    if (fs.existsSync(`${file}-wal`)) expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    await keys.close();
    expect(await sqliteKeys(file).find(key.keyId)).toEqual(key.key);
  });

  it('no longer holds the bytes of a destroyed key, in the file or its write-ahead log', async () => {
    const file = path.join(dataDir(), 'keys.sqlite');
    const keys = sqliteKeys(file);
    const doomed = await keys.keyFor('child-a');
    const kept = await keys.keyFor('child-b');
    for (let i = 0; i < 50; i++) await keys.keyFor(`child-filler-${i}`);
    // The search finds a live key: it would find a lingering one.
    expect(bytesOf(file).includes(doomed.key)).toBe(true);

    await keys.destroy('child-a');

    expect(bytesOf(file).includes(doomed.key)).toBe(false);
    expect(bytesOf(file).includes(kept.key)).toBe(true);
    await keys.close();
    expect(bytesOf(file).includes(doomed.key)).toBe(false);
  });

  it('with a master key stores keys only wrapped, and cannot be read without it', async () => {
    const file = path.join(dataDir(), 'keys.sqlite');
    const masterKey = randomBytes(32);
    const keys = sqliteKeys(file, masterKey);
    const key = await keys.keyFor('child-a');
    await keys.close();

    expect(bytesOf(file).includes(key.key)).toBe(false);
    expect(await sqliteKeys(file, masterKey).find(key.keyId)).toEqual(key.key);
    await expect(sqliteKeys(file, randomBytes(32)).find(key.keyId)).rejects.toThrow();
  });
});

describe('SQLite key store: the keys it holds in memory', () => {
  it('sees a key destroyed by another connection to the same file: keyFor refuses and find gives null', async () => {
    const file = path.join(dataDir(), 'keys.sqlite');
    const server = sqliteKeys(file, randomBytes(32).fill(7));
    const a = await server.keyFor('child-a');
    const b = await server.keyFor('child-b');
    expect(await server.find(a.keyId)).toEqual(a.key);

    const eraser = sqliteKeys(file, Buffer.alloc(32, 7));
    await eraser.destroy('child-a');
    await new Promise((resolve) => setTimeout(resolve, 150)); // a held key is checked against the file every 100 ms

    expect(await server.find(a.keyId)).toBeNull();
    await expect(server.keyFor('child-a')).rejects.toBeInstanceOf(KeyDestroyed);
    expect(await server.keyFor('child-b')).toEqual(b);
  });

  it('keeps at most heldKeys children, and a key it let go of is read back from the file', async () => {
    const file = path.join(dataDir(), 'keys.sqlite');
    const keys = openSqliteKeyStore(file, { heldKeys: 2 });
    cleanups.push(() => keys.close());
    const made = [];
    for (const child of ['child-a', 'child-b', 'child-c', 'child-d']) made.push(await keys.keyFor(child));
    for (const [i, child] of ['child-a', 'child-b', 'child-c', 'child-d'].entries()) {
      expect(await keys.keyFor(child)).toEqual(made[i]);
      expect(await keys.find(made[i]!.keyId)).toEqual(made[i]!.key);
    }
    await keys.destroy('child-b');
    expect(await keys.find(made[1]!.keyId)).toBeNull();
  });
});

describe('master key', () => {
  it('is generated once in the data directory in development, owner-only, and read back after', () => {
    const dir = dataDir();
    const key = loadMasterKey(undefined, 'development', dir);

    expect(key).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'dev-master-key')).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(undefined, 'development', dir)).toEqual(key);
  });

  it('comes from SEND_LEDGER_MASTER_KEY when set, and production refuses to run without it', () => {
    const key = randomBytes(32);
    expect(loadMasterKey(key.toString('base64'), 'production', dataDir())).toEqual(key);
    expect(() => loadMasterKey(undefined, 'production', dataDir())).toThrow(/SEND_LEDGER_MASTER_KEY/);
    expect(() => parseMasterKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
