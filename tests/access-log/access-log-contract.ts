import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../src/access-log/access-entry.js';
import type { AccessLog } from '../../src/access-log/port.js';

export const accessEntry = (childId: string, overrides: Partial<AccessEntry> = {}): AccessEntry => ({
  accessId: randomUUID(),
  at: '2025-06-02T09:00:00.000Z',
  actor: { id: 'u1', role: 'la_officer', organisation: '202' },
  childId,
  read: ['auditTrail'],
  denied: [],
  outcome: 'permitted',
  purpose: 'Annual review preparation',
  basis: ["officer of the child's local authority"],
  requestId: randomUUID(),
  via: 'graphql',
  ...overrides,
});

export interface AccessLogFixture {
  log: AccessLog;
  /** Another handle on the same log (a reopen, or a second process's connection). */
  another(): Promise<AccessLog>;
  cleanup(): Promise<void>;
}

/** What every access log adapter must do; run by each adapter's test file. */
export function describeAccessLogContract(name: string, open: () => Promise<AccessLogFixture>): void {
  describe(`access log contract: ${name}`, () => {
    const fixtures: AccessLogFixture[] = [];
    const fresh = async () => {
      const fixture = await open();
      fixtures.push(fixture);
      return fixture;
    };
    afterEach(async () => {
      for (const fixture of fixtures.splice(0)) await fixture.cleanup();
    });

    it('keeps every entry of concurrent appends, exactly as given, newest first per child, durable for another handle', async () => {
      const { log, another } = await fresh();
      const child = randomUUID();
      const written = Array.from({ length: 40 }, (_, i) => accessEntry(i % 2 === 0 ? child : randomUUID(), { purpose: `read ${i}`, ...(i % 4 === 0 ? { outcome: 'denied', read: [], denied: ['child'], basis: [] } : {}) }));
      await Promise.all(written.map((entry) => log.append([entry])));
      await log.close();
      const reader = await another();
      const mine = await reader.forChild(child);
      expect(mine).toHaveLength(20);
      expect(mine.map((e) => e.sequence)).toEqual([...mine.map((e) => e.sequence)].sort((a, b) => b - a));
      const byId = new Map(written.map((e) => [e.accessId, e]));
      for (const e of mine) {
        const { sequence: _sequence, previousHash: _previousHash, hash: _hash, ...entry } = e;
        expect(entry).toEqual(byId.get(e.accessId));
      }
      expect(await reader.verify()).toEqual({ intact: true, entries: 40 });
      expect(await reader.forChild(child, { limit: 3 })).toHaveLength(3);
      expect(await reader.forChild(randomUUID())).toEqual([]);
    });

    it('two handles appending at once extend one unbroken chain', async () => {
      const { log, another } = await fresh();
      const second = await another();
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? log : second).append([accessEntry(randomUUID()), accessEntry(randomUUID())])));
      expect(await log.verify()).toEqual({ intact: true, entries: 60 });
    });
  });
}
