import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCorrections } from '../../src/domain/child-record/corrections.js';
import { childRecordDecider, foldChildRecord } from '../../src/domain/child-record/decider.js';
import type { ChildEvent } from '../../src/domain/child-record/events.js';
import { entryInForce, initialChildRecord } from '../../src/domain/child-record/state.js';
import {
  afterCeasing, childRegisteredData, days, draftIssued, finalIssued, ids, laAuthority, promisedF, promisedSenSupport, registered,
  untilDraft, untilFinal, withSectionF,
} from './child-record.fixtures.js';
import { afterCommands, asCommand, at, laOfficer, recorded, senco } from './decider-specification.js';

const varied = (changes: object, reason: string, on: string) =>
  recorded('ProvisionVaried', { provisionId: ids.provision, changes, reason, authority: laAuthority }, { on, by: laOfficer });
const delivered = (sessions: number, minutes: number, on: string, provisionId: string = ids.provision) =>
  recorded('ProvisionDelivered', { provisionId, sessions, minutes, deliveredBy: { name: 'Tess Therapist', role: 'SALT' } }, { on, by: senco });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('child record: fold', () => {
  it('folds nothing to the initial record', () => {
    expect(foldChildRecord([])).toEqual(initialChildRecord());
    expect(childRecordDecider.initialState()).toEqual(initialChildRecord());
  });

  it('registration sets the child id, the profile (without the id) and who registered', () => {
    const record = foldChildRecord([registered]);
    const { childId: _childId, ...profile } = childRegisteredData;
    expect(record.childId).toBe(ids.child);
    expect(record.profile).toEqual(profile);
    expect(record.registered).toEqual({ eventId: registered.eventId, on: registered.occurredAt, actor: laOfficer });
  });

  describe('provision', () => {
    it('variations accumulate in order, and the terms are the latest', () => {
      const longer = varied({ minutesPerSession: 60 }, 'EP advice: longer sessions', '2025-06-10');
      const moreOften = varied({ frequency: { sessions: 2, per: 'week' } }, 'Annual review', '2025-09-15');
      const line = foldChildRecord([...withSectionF, longer, moreOften]).provisions[ids.provision];
      expect(line).toMatchObject({
        minutesPerSession: 60,
        frequency: { sessions: 2, per: 'week' },
        groupSize: 1,
        startDate: days.provisionStarts,
        status: 'active',
      });
      expect(line?.variations).toEqual([
        { eventId: longer.eventId, on: at('2025-06-10'), actor: laOfficer, reason: 'EP advice: longer sessions', authority: laAuthority },
        { eventId: moreOften.eventId, on: at('2025-09-15'), actor: laOfficer, reason: 'Annual review', authority: laAuthority },
      ]);
      expect(line?.promised).toMatchObject({ eventId: promisedF.eventId, authority: laAuthority });
    });

    it('a later variation of the same term overrides an earlier one', () => {
      const line = foldChildRecord([
        ...withSectionF,
        varied({ minutesPerSession: 60 }, 'a', '2025-06-10'),
        varied({ minutesPerSession: 30 }, 'b', '2025-06-11'),
      ]).provisions[ids.provision];
      expect(line?.minutesPerSession).toBe(30);
      expect(line?.variations).toHaveLength(2);
    });

    it('deliveries sum sessions and minutes per provision line', () => {
      const record = foldChildRecord([
        ...withSectionF,
        promisedSenSupport,
        delivered(1, 45, '2025-06-02'),
        delivered(2, 90, '2025-06-09'),
        delivered(3, 60, '2025-01-27', ids.senSupportProvision),
        delivered(1, 40, '2025-06-16'),
      ]);
      expect(record.provisions[ids.provision]?.deliveries).toEqual({ sessions: 4, minutes: 175 });
      expect(record.provisions[ids.senSupportProvision]?.deliveries).toEqual({ sessions: 3, minutes: 60 });
    });

    it('property: delivered totals are the sums of the recorded deliveries', () => {
      fc.assert(
        fc.property(fc.array(fc.record({ sessions: fc.integer({ min: 1, max: 100 }), minutes: fc.integer({ min: 1, max: 10_000 }) }), { maxLength: 30 }), (deliveries) => {
          const events = deliveries.map((d) => delivered(d.sessions, d.minutes, '2025-06-02'));
          const totals = foldChildRecord([...withSectionF, ...events]).provisions[ids.provision]?.deliveries;
          expect(totals).toEqual({
            sessions: deliveries.reduce((sum, d) => sum + d.sessions, 0),
            minutes: deliveries.reduce((sum, d) => sum + d.minutes, 0),
          });
        }),
      );
    });

    it('withdrawal marks the line withdrawn and keeps its history', () => {
      const withdrawn = recorded('ProvisionWithdrawn', { provisionId: ids.provision, reason: 'Replaced', authority: laAuthority }, { on: '2025-07-01', by: laOfficer });
      const line = foldChildRecord([...withSectionF, delivered(1, 45, '2025-06-02'), withdrawn]).provisions[ids.provision];
      expect(line).toMatchObject({ status: 'withdrawn', withdrawn: { eventId: withdrawn.eventId, reason: 'Replaced' }, deliveries: { sessions: 1, minutes: 45 } });
    });
  });

  describe('plan status', () => {
    it('moves draft -> final -> ceased, keeping each step', () => {
      const draft = foldChildRecord(untilDraft).plans[ids.plan];
      expect(draft).toMatchObject({ status: 'draft', requestId: ids.request, draftIssued: { eventId: draftIssued.eventId, on: at(days.draft) } });
      expect(draft?.finalIssued).toBeUndefined();

      const final = foldChildRecord(untilFinal).plans[ids.plan];
      expect(final).toMatchObject({
        status: 'final',
        draftIssued: { eventId: draftIssued.eventId },
        finalIssued: { eventId: finalIssued.eventId, on: at(days.final), namedSetting: { name: 'Hillside Primary School', urn: '123456' } },
      });

      const ceased = foldChildRecord(afterCeasing).plans[ids.plan];
      expect(ceased).toMatchObject({ status: 'ceased', ceased: { on: at(days.ceased), reason: 'needs_met' }, finalIssued: { eventId: finalIssued.eventId } });
    });

    it('the draft links the plan to its assessment request', () => {
      expect(foldChildRecord(untilDraft).assessmentRequests[ids.request]?.planId).toBe(ids.plan);
    });

    it('amendments and reviews accumulate on the plan', () => {
      const amended = recorded('PlanAmended', { planId: ids.plan, summary: 'Add OT', reason: 'Review' }, { on: '2026-06-01', by: laOfficer });
      const reviewed = recorded('AnnualReviewHeld', { planId: ids.plan, decision: 'amend', summary: 'OT needed' }, { on: '2026-05-10', by: laOfficer });
      const plan = foldChildRecord([...untilFinal, reviewed, amended]).plans[ids.plan];
      expect(plan?.reviews.map((r) => [r.eventId, r.decision])).toEqual([[reviewed.eventId, 'amend']]);
      expect(plan?.amendments.map((a) => [a.eventId, a.summary])).toEqual([[amended.eventId, 'Add OT']]);
    });
  });

  describe('entries and purity', () => {
    it('indexes every entry in force by event id, but not the corrections themselves', () => {
      const fix = recorded('EntryCorrected', { supersedesEventId: promisedF.eventId, reason: 'r', correctedOccurredAt: at('2025-05-17'), retracted: false }, { on: '2025-07-01', by: laOfficer });
      const record = foldChildRecord([...withSectionF, fix]);
      expect(withSectionF.every((e) => entryInForce(record, e.eventId)?.eventId === e.eventId)).toBe(true);
      expect(entryInForce(record, promisedF.eventId)?.type).toBe('ProvisionPromised');
    });

    it('neither the fold nor applyCorrections mutates the events it is given', () => {
      const fix = recorded('EntryCorrected', { supersedesEventId: promisedF.eventId, reason: 'r', correctedData: { ...promisedF.data, minutesPerSession: 30 }, retracted: false }, { on: '2025-07-01', by: laOfficer });
      const history = deepFreeze(structuredClone([...afterCeasing, fix]));
      expect(() => foldChildRecord(history)).not.toThrow();
      expect(() => applyCorrections(history)).not.toThrow();
      expect(history.find((e) => e.eventId === promisedF.eventId)?.data).toMatchObject({ minutesPerSession: 45 });
    });

    it('the fixture histories replay through the decider, event for event', () => {
      // Guards the specs: a refusal they expect must come from the rule under test, not from a fixture the decider would refuse.
      const replayed: ChildEvent[] = afterCommands([], ...afterCeasing.map(asCommand));
      expect(replayed.map((e) => [e.type, e.data])).toEqual(afterCeasing.map((e) => [e.type, e.data]));
    });
  });
});
