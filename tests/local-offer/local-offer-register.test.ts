import { describe, expect, it } from 'vitest';
import { COMMENTS, RESPONSES, SERVICES, documentKey, laTag, localOfferRegister } from '../../projections/local-offer-register.js';
import type { ListedService, PublishedResponse, ReceivedComment } from '../../src/domain/local-offer/state.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import type { ReadModelStore } from '../../src/read-models/read-model-store.js';
import { serviceTerms } from './local-offer.fixtures.js';
import { laOfficer, parent } from './local-offer-specification.js';
import { scenario } from './ledger-scenario.js';

const SALT = 'a0000000-0000-4000-8000-000000000001';

async function camdenAndBarnet() {
  const s = scenario('2025-09-01');
  await s.list(SALT, 'Speech and language therapy', '2024-09-02');
  await s.offer('LocalOfferServiceUpdated', { serviceId: SALT, changes: { ageRange: { from: 2, to: 19 } }, reason: 'Provider changed' }, '2024-10-01');
  await s.check(SALT, '2025-01-10', 'available_with_changes');
  const comment = await s.comment('2024-11-01', SALT);
  const response = await s.respond('2025-01-20', comment);
  // Barnet (302) happens to use the same service id: its documents must stay apart.
  await s.offer('LocalOfferServiceListed', serviceTerms({ serviceId: SALT, name: 'Barnet SALT' }), '2024-09-03', { ...laOfficer, organisation: '302' }, '302');
  const child = await s.childWithPlan();
  await s.promise(child, SALT, '2024-09-02');
  return { s, comment, response };
}

async function snapshot(readModels: ReadModelStore) {
  const reader = readModels.reader(localOfferRegister.name);
  return { services: await reader.list(SERVICES), comments: await reader.list(COMMENTS), responses: await reader.list(RESPONSES) };
}

describe('the Local Offer register', () => {
  it('keeps each service with its listing, updates, checks and terms in force', async () => {
    const { s } = await camdenAndBarnet();
    const { localOffer } = await s.project();
    const service = await localOffer.get<ListedService>(SERVICES, documentKey('202', SALT));
    expect(service).toMatchObject({
      serviceId: SALT,
      status: 'listed',
      terms: { name: 'Speech and language therapy', ageRange: { from: 2, to: 19 } },
      listed: { on: '2024-09-02T00:00:00.000Z', actor: laOfficer },
      updates: [{ reason: 'Provider changed', changes: { ageRange: { from: 2, to: 19 } } }],
      checks: [{ finding: 'available_with_changes', on: '2025-01-10T00:00:00.000Z' }],
    });
  });

  it('keeps comments with their answer, and responses, without who sent the comment', async () => {
    const { s, comment, response } = await camdenAndBarnet();
    const { localOffer } = await s.project();
    const kept = await localOffer.get<ReceivedComment>(COMMENTS, documentKey('202', comment));
    expect(kept).toMatchObject({ commentId: comment, topic: 'gaps', about: SALT, received: { on: '2024-11-01T00:00:00.000Z' }, answered: { responseId: response, on: '2025-01-20T00:00:00.000Z' } });
    expect(JSON.stringify(kept)).not.toContain(parent.id);
    expect(await localOffer.get<PublishedResponse>(RESPONSES, documentKey('202', response))).toMatchObject({ commentIds: [comment], published: { on: '2025-01-20T00:00:00.000Z' } });
  });

  it('tags documents by LA, and keeps LAs apart even when their ids collide', async () => {
    const { s } = await camdenAndBarnet();
    const { localOffer } = await s.project();
    expect((await localOffer.list<ListedService>(SERVICES, laTag('202'))).map((d) => d.terms.name)).toEqual(['Speech and language therapy']);
    expect((await localOffer.list<ListedService>(SERVICES, laTag('302'))).map((d) => d.terms.name)).toEqual(['Barnet SALT']);
    expect(await localOffer.list(COMMENTS, laTag('302'))).toEqual([]);
  });

  it('folded entry by entry, with batches handed over twice, equals a rebuild', async () => {
    const { s } = await camdenAndBarnet();
    const incremental = memoryReadModels();
    const all = await s.store.readAll(1, 1000);
    for (let i = 0; i < all.length; i++) {
      await incremental.commit(localOfferRegister, [all[i]!]);
      await incremental.commit(localOfferRegister, all.slice(0, i + 1));
    }
    await s.project();
    expect(await snapshot(incremental)).toEqual(await snapshot(s.readModels));
  });
});
