import { describe, expect, it } from 'vitest';
import { recordLocalOfferEntry } from '../../src/application/record-local-offer-entry.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import { ConcurrencyConflict } from '../../src/store/errors.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { TestClock } from '../support/test-app.js';
import { comment, ids, serviceTerms } from './local-offer.fixtures.js';
import { LA, laOfficer, parent } from './local-offer-specification.js';

const trace = { correlationId: 'corr-1', causationId: 'req-1' };

function ledger() {
  const clock = new TestClock(new Date('2025-01-15T10:00:00Z'));
  const store = createMemoryStore(clock.now);
  return { store, clock, deps: { store, clock: clock.now } };
}

describe('recordLocalOfferEntry', () => {
  it('appends to the LA\'s Local Offer stream with the envelope facts', async () => {
    const { deps } = ledger();
    const result = await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms(), { ...trace, occurredAt: '2024-09-02' });
    expect(result).toMatchObject({ laCode: LA, streamRevision: 0, deduplicated: false });
    expect(result.entries[0]).toMatchObject({
      streamId: 'local-offer-202',
      type: 'LocalOfferServiceListed',
      schemaVersion: 1,
      data: serviceTerms(),
      metadata: { actor: laOfficer, occurredAt: '2024-09-02T00:00:00.000Z', recordedAt: '2025-01-15T10:00:00.000Z', ...trace },
    });
  });

  it('checks the data against the entry type\'s schema, naming the field', async () => {
    const { deps, store } = ledger();
    const attempt = recordLocalOfferEntry(deps, LA, parent, 'LocalOfferCommentReceived', comment({ summary: 'Email me on pat@example.org' }), trace);
    await expect(attempt).rejects.toMatchObject({ name: 'RuleViolation', rule: 'invalid-data', field: 'summary' });
    await expect(attempt).rejects.toThrow(/summary: must be anonymised: remove the email address/);
    expect(await store.headPosition()).toBe(0);
  });

  it('refuses an LA code that is not a three-digit DfE code', async () => {
    const { deps } = ledger();
    await expect(recordLocalOfferEntry(deps, 'camden', laOfficer, 'LocalOfferServiceListed', serviceTerms(), trace)).rejects.toMatchObject({ rule: 'invalid-la-code', field: 'laCode' });
  });

  it('refuses a claimed time in the future', async () => {
    const { deps } = ledger();
    await expect(recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms(), { ...trace, occurredAt: '2025-02-01' }))
      .rejects.toMatchObject({ rule: 'occurred-in-future', field: 'options.occurredAt' });
  });

  it('passes the decider\'s refusals on and appends nothing', async () => {
    const { deps, store } = ledger();
    await expect(recordLocalOfferEntry(deps, LA, parent, 'LocalOfferServiceListed', serviceTerms(), trace)).rejects.toBeInstanceOf(NotPermitted);
    await expect(recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceWithdrawn', { serviceId: ids.service, reason: 'Gone' }, trace)).rejects.toBeInstanceOf(RuleViolation);
    expect(await store.headPosition()).toBe(0);
  });

  it('returns the original entries for a repeated idempotency key', async () => {
    const { deps, store } = ledger();
    const first = await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms(), { ...trace, idempotencyKey: 'list-salt' });
    const again = await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms(), { ...trace, idempotencyKey: 'list-salt' });
    expect(again.deduplicated).toBe(true);
    expect(again.entries.map((e) => e.eventId)).toEqual(first.entries.map((e) => e.eventId));
    expect(await store.headPosition()).toBe(1);
  });

  it('gives a caller\'s stale expected revision back as a conflict', async () => {
    const { deps } = ledger();
    await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms(), trace);
    await expect(recordLocalOfferEntry(deps, LA, parent, 'LocalOfferCommentReceived', comment(), { ...trace, expectedRevision: 5 })).rejects.toBeInstanceOf(ConcurrencyConflict);
    const ok = await recordLocalOfferEntry(deps, LA, parent, 'LocalOfferCommentReceived', comment(), { ...trace, expectedRevision: 0 });
    expect(ok.streamRevision).toBe(1);
  });

  it('retries a conflict on fresh state when the caller gave no expected revision', async () => {
    const { deps, store } = ledger();
    await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms(), trace);
    let conflicts = 0;
    const counting: EventStore = Object.create(store);
    counting.append = (...args) => store.append(...args).catch((error: unknown) => {
      if (error instanceof ConcurrencyConflict) conflicts++;
      throw error;
    });
    const comments = ['b0000000-0000-4000-8000-0000000000a1', 'b0000000-0000-4000-8000-0000000000a2', 'b0000000-0000-4000-8000-0000000000a3'];
    await Promise.all(comments.map((commentId) => recordLocalOfferEntry({ ...deps, store: counting }, LA, parent, 'LocalOfferCommentReceived', comment({ commentId }), trace)));
    const stream = await store.readStream('local-offer-202');
    expect(stream.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
    expect(conflicts, 'the writers raced and lost at least once').toBeGreaterThan(0);
  });

  it('keeps each LA\'s Local Offer in its own stream', async () => {
    const { deps, store } = ledger();
    await recordLocalOfferEntry(deps, '380', { ...laOfficer, organisation: '380' }, 'LocalOfferServiceListed', serviceTerms(), trace);
    await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms(), trace);
    expect((await store.streamHeads()).map((h) => h.streamId).sort()).toEqual(['local-offer-202', 'local-offer-380']);
  });
});
