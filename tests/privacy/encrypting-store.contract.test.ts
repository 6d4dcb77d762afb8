import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { chainHash } from '../../src/ledger/event-hash.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { openSqliteKeyStore } from '../../src/privacy/sqlite-key-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { NO_STREAM } from '../../src/store/port.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { describeEventStoreContract, expectedBody, manualClock, proposed, type OpenStore } from '../store/store-contract.js';

/**
 * The one contract test that cannot hold for this decorator, by design: it asserts the canonical bytes are
 * canonicalJson of the body with the *plain* data, and that they contain "Zoë". Here they hold the
 * ciphertext. Its counterpart for sealed data is the test below.
 */
const PLAINTEXT_BYTES_TEST = 'hashes canonicalJson of exactly the body built from the proposed event and the store clock';

const memory: OpenStore = async (clock) => {
  const store = encryptingStore(createMemoryStore(clock), memoryKeyStore());
  return { store, cleanup: () => store.close() };
};

const sqlite: OpenStore = async (clock) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-privacy-contract-'));
  const keys = openSqliteKeyStore(path.join(dir, 'keys.sqlite'));
  const store = encryptingStore(openSqliteStore(path.join(dir, 'ledger.sqlite'), clock), keys);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await keys.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

for (const [name, open] of [['encrypting over memory', memory], ['encrypting over SQLite', sqlite]] as const) {
  describe(name, () => {
    beforeEach((context) => {
      context.skip(context.task.name === PLAINTEXT_BYTES_TEST, 'plain data in the canonical bytes: replaced by the sealed-data test');
    });

    describeEventStoreContract(name, open);

    it('hashes canonicalJson of the body with the sealed data, and reads the plain data back', async () => {
      const fixture = await open(manualClock());
      try {
        const stream = 'child-7f1c1d52-35a1-4bd4-9a3f-3c1f2f1f0a01';
        const event = proposed({ data: { zeta: 'Zoë', alpha: [3, 1], nested: { b: true, a: null }, euro: '€' } });

        const [appended] = (await fixture.store.append(stream, [event], NO_STREAM)).entries;
        const [read] = await fixture.store.readStream(stream);

        const stored = JSON.parse(read!.canonical) as { data: Record<string, unknown> };
        expect(stored.data).toMatchObject({ $enc: 'aes-256-gcm', keyId: expect.any(String), iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) });
        const sealedBody = { ...expectedBody(stream, 0, event, '2025-03-03T09:00:00.000Z'), data: stored.data };
        expect(read!.canonical).toBe(canonicalJson(sealedBody));
        expect(read!.hash).toBe(chainHash(read!.previousHash, canonicalJson(sealedBody)));
        expect(read!.canonical).not.toContain('Zoë');
        expect(read!.data).toEqual(event.data);
        expect(appended).toEqual(read);
      } finally {
        await fixture.cleanup();
      }
    });
  });
}
