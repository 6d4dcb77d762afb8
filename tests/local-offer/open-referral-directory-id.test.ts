/**
 * The Local Offer keeps a service's directory identifier (Open Referral UK) where it is not a UUID the
 * ledger can use as the serviceId, and one directory entry is one service: the write path refuses listing
 * the same directory id twice, naming the field, even after the first service was withdrawn.
 */
import { describe, expect, it } from 'vitest';
import { recordLocalOfferEntry } from '../../src/application/record-local-offer-entry.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { TestClock } from '../support/test-app.js';
import { serviceTerms } from './local-offer.fixtures.js';
import { LA, laOfficer } from './local-offer-specification.js';

const trace = { correlationId: 'corr-1', causationId: 'req-1' };
const [first, second] = ['b0000000-0000-4000-8000-0000000000b1', 'b0000000-0000-4000-8000-0000000000b2'];

function ledger() {
  const clock = new TestClock(new Date('2025-01-15T10:00:00Z'));
  const store = createMemoryStore(clock.now);
  return { store, deps: { store, clock: clock.now } };
}

describe("a Local Offer service's directory id", () => {
  it('is kept exactly as the directory spells it', async () => {
    const { deps } = ledger();
    const recorded = await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: first, directoryId: ' FSD/0042 ' }), trace);
    expect(recorded.entries[0]!.data).toMatchObject({ serviceId: first, directoryId: ' FSD/0042 ' });
  });

  it('is refused when the Local Offer already lists a service under it, naming directoryId, and nothing is recorded', async () => {
    const { deps, store } = ledger();
    await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: first, directoryId: 'FSD/0042' }), trace);
    const attempt = recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: second, directoryId: 'FSD/0042' }), trace);
    await expect(attempt).rejects.toMatchObject({ name: 'RuleViolation', rule: 'duplicate-directory-id', field: 'directoryId' });
    await expect(attempt).rejects.toThrow(`this Local Offer already lists service ${first} with directory id FSD/0042`);
    expect(await store.headPosition()).toBe(1);
  });

  it('stays taken after the service is withdrawn: a returning service is listed again under a new directory id', async () => {
    const { deps } = ledger();
    await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: first, directoryId: 'FSD/0042' }), trace);
    await recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceWithdrawn', { serviceId: first, reason: 'Contract ended' }, trace);
    const attempt = recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: second, directoryId: 'FSD/0042' }), trace);
    await expect(attempt).rejects.toMatchObject({ rule: 'duplicate-directory-id', field: 'directoryId' });
    await expect(recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: second, directoryId: 'FSD/0043' }), trace)).resolves.toBeDefined();
  });

  it('is optional, and an empty one is refused naming the field', async () => {
    const { deps } = ledger();
    await expect(recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: first }), trace)).resolves.toBeDefined();
    await expect(recordLocalOfferEntry(deps, LA, laOfficer, 'LocalOfferServiceListed', serviceTerms({ serviceId: second, directoryId: '  ' }), trace)).rejects.toMatchObject({
      rule: 'invalid-data',
      field: 'directoryId',
    });
  });
});
