/**
 * A ledger in memory with Camden's (202) Local Offer and children whose EHC plans promise its
 * services, written through the real command handlers and folded into the real read models.
 */
import { randomUUID } from 'node:crypto';
import { localOfferRegister } from '../../projections/local-offer-register.js';
import { promiseRegister } from '../../projections/promise-register.js';
import { recordChildEntry } from '../../src/application/record-child-entry.js';
import { recordLocalOfferEntry } from '../../src/application/record-local-offer-entry.js';
import type { ChildEventType } from '../../src/domain/child-record/events.js';
import type { LocalOfferEventData, LocalOfferEventType } from '../../src/domain/local-offer/events.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { rebuildProjection } from '../../src/read-models/rebuild.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { provisionLine } from '../support/ledger-client.js';
import { TestClock } from '../support/test-app.js';
import { serviceTerms } from './local-offer.fixtures.js';
import { LA, laOfficer, parent } from './local-offer-specification.js';

const trace = { correlationId: 'scenario', causationId: 'scenario' };
const senco: Actor = { id: 'senco-1', displayName: 'Sam Senco', role: 'senco', organisation: '100001' };

export interface PlannedChild { childId: string; planId: string; laCode: string }

export function scenario(today: string) {
  const clock = new TestClock(new Date(`${today}T12:00:00Z`));
  const store = createMemoryStore(clock.now);
  const deps = { store, clock: clock.now };
  const readModels = memoryReadModels();

  const offer = <T extends LocalOfferEventType>(type: T, data: LocalOfferEventData<T>, on: string, by: Actor = laOfficer, laCode = LA) =>
    recordLocalOfferEntry(deps, laCode, by, type, data, { ...trace, occurredAt: on });
  const child = (childId: string, type: ChildEventType, data: Record<string, unknown>, on: string, by: Actor = { ...laOfficer }) =>
    recordChildEntry(deps, childId, by, type, data as never, { ...trace, occurredAt: on });

  return {
    store,
    readModels,
    list: (serviceId: string, name: string, on: string) => offer('LocalOfferServiceListed', serviceTerms({ serviceId, name }), on),
    withdraw: (serviceId: string, on: string) => offer('LocalOfferServiceWithdrawn', { serviceId, reason: 'Contract ended' }, on),
    check: (serviceId: string, on: string, finding: LocalOfferEventData<'LocalOfferServiceChecked'>['finding'] = 'available_as_described') =>
      offer('LocalOfferServiceChecked', { checkId: randomUUID(), serviceId, checkedBy: { name: 'Casey Caseworker', role: 'Local Offer officer' }, finding, notes: 'Checked with the provider' }, on),
    async comment(on: string, about?: string): Promise<string> {
      const commentId = randomUUID();
      await offer('LocalOfferCommentReceived', { commentId, about, topic: 'gaps', summary: 'The waiting time is not published', channel: 'direct' }, on, parent);
      return commentId;
    },
    async respond(on: string, ...commentIds: string[]): Promise<string> {
      const responseId = randomUUID();
      await offer('LocalOfferResponsePublished', { responseId, commentIds, response: 'We now publish waiting times', actionsTaken: 'Listings updated' }, on);
      return responseId;
    },
    offer,
    /** A child of `laCode` with a final EHC plan issued on 2023-05-02. */
    async childWithPlan(laCode = LA): Promise<PlannedChild> {
      const [childId, requestId, planId] = [randomUUID(), randomUUID(), randomUUID()];
      const la = { ...laOfficer, organisation: laCode };
      await child(childId, 'ChildRegistered', { childId, displayName: 'Child (pseudonym)', dateOfBirth: '2015-03-01', laCode, settingUrn: '100001' }, '2023-01-02', la);
      await child(childId, 'AssessmentRequested', { requestId, requestedBy: 'parent_carer' }, '2023-01-09', la);
      await child(childId, 'DecisionToAssess', { requestId }, '2023-02-13', la);
      await child(childId, 'DraftPlanIssued', { planId, requestId }, '2023-04-03', la);
      await child(childId, 'FinalPlanIssued', { planId, namedSetting: { name: 'Hillside Primary School' } }, '2023-05-02', la);
      return { childId, planId, laCode };
    },
    /** Section F provision naming a Local Offer service. */
    async promise(to: PlannedChild, serviceId: string, startDate: string, extra: Record<string, unknown> = {}): Promise<string> {
      const provisionId = randomUUID();
      const la = { ...laOfficer, organisation: to.laCode };
      await child(to.childId, 'ProvisionPromised', { ...provisionLine(to.planId, { startDate, localOfferServiceId: serviceId, ...extra }), provisionId }, '2023-05-02', la);
      return provisionId;
    },
    deliver: (childId: string, provisionId: string, on: string) =>
      child(childId, 'ProvisionDelivered', { provisionId, sessions: 1, minutes: 45, deliveredBy: { name: 'A. Therapist', role: 'SALT' } }, on, senco),
    shortfall: (childId: string, provisionId: string, periodFrom: string, periodTo: string) =>
      child(childId, 'ShortfallReported', { provisionId, periodFrom, periodTo, sessionsMissed: 4, reason: 'Therapist vacancy' }, periodTo, senco),
    /** Fold the whole log into both registers, as `npm run rebuild` would. */
    async project() {
      await rebuildProjection(store, readModels, localOfferRegister);
      await rebuildProjection(store, readModels, promiseRegister);
      return { localOffer: readModels.reader(localOfferRegister.name), promises: readModels.reader(promiseRegister.name) };
    },
  };
}
