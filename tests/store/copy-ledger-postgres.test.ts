import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLogLeaves } from '../../src/integrity/log-leaves.js';
import { merkleRoot } from '../../src/integrity/merkle/index.js';
import { inclusionProofFor } from '../../src/integrity/proofs.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { verifyTreeHead } from '../../src/integrity/tree-head.js';
import { latestTreeHead, publishTreeHead } from '../../src/integrity/tree-heads.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { copyLedger } from '../../src/ledger-copy/copy-ledger.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { NO_STREAM, type EventStore } from '../../src/store/port.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { manualClock, proposed, proposedBatch } from './store-contract.js';

const treeHeadOf = async (store: EventStore) => {
  const { leaves } = await readLogLeaves(store);
  return { treeSize: leaves.length, rootHash: merkleRoot(leaves).toString('hex') };
};

/** The "done when": a ledger copied from SQLite into PostgreSQL verifies there with the same tree head. */
describe('copyLedger: SQLite to PostgreSQL', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase('copy_ledger');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-copy-pg-'));
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every byte, position and proof; the signed tree head verifies against the copy; keyed commands stay deduplicated', async () => {
    const clock = manualClock('2024-09-02T08:15:00.000Z');
    const source = openSqliteStore(path.join(dir, 'ledger.sqlite'), clock);
    const signingKey = ephemeralSigningKey();
    const children = Array.from({ length: 12 }, () => `child-${randomUUID()}`);
    for (const [i, child] of children.entries()) {
      await source.append(child, [proposed({ type: 'ChildRegistered' })], NO_STREAM);
      await source.append(child, proposedBatch(3, `command-${i}`), 0);
      clock.advance(3_600_000);
    }
    await publishTreeHead(source, signingKey, clock);
    const target = await openPostgresStore(database.url, () => new Date('2031-12-31T23:59:59.000Z'));
    try {
      const report = await copyLedger(source, target, { batchSize: 7 });

      expect(await target.readAll(1, 10_000)).toEqual(await source.readAll(1, 10_000));
      expect(await treeHeadOf(target)).toEqual(await treeHeadOf(source));
      expect(report).toMatchObject({ copiedEntries: 12 * 4 + 1, positionsKept: true });
      expect(await verifyLedger(target)).toMatchObject({ ok: true, checkedEvents: 12 * 4 + 1 });
      const signed = (await latestTreeHead(target))!;
      expect(verifyTreeHead(signed, signingKey.publicKeyPem)).toBe(true);
      const firstChildEntry = (await source.readStream(children[0]!))[0]!;
      expect(await inclusionProofFor(target, firstChildEntry.eventId, signed.treeSize)).toEqual(await inclusionProofFor(source, firstChildEntry.eventId, signed.treeSize));
      // The idempotency keys travelled: a retried command finds its entries in the copy.
      expect((await target.append(children[3]!, proposedBatch(3, 'command-3'), 0)).deduplicated).toBe(true);
    } finally {
      await source.close();
      await target.close();
    }
  });
});
