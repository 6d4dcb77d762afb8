import { describe, expect, it } from 'vitest';
import { authoriseRecording } from '../../../src/domain/access/write-permissions.js';
import { foldChildRecord } from '../../../src/domain/child-record/evolve.js';
import type { ChildEventData, ChildEventType } from '../../../src/domain/child-record/events.js';
import { NotFound, NotPermitted } from '../../../src/domain/errors.js';
import type { Actor } from '../../../src/ledger/envelope.js';
import { actor, ids, la, parent, registeredChild, school } from './access.fixtures.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const record = foldChildRecord(
  registeredChild()
    .add('ProfessionalInvolved', { involvementId: ids.involvement, organisation: 'RKE', service: 'health', description: 'Paediatrics' }, la, '2024-03-01')
    .add('ConsentGranted', { grantId: ids.grant, to: { organisation: 'IPSEA', role: 'advocate' }, scope: ['record'], expiresOn: '2025-12-31', purpose: 'Appeal' }, parent, '2025-01-10').events,
);
const nhs = actor('health_professional', 'RKE');
const advocate = actor('advocate', 'IPSEA');

function outcome<T extends ChildEventType>(who: Actor, type: T): 'allowed' | 'forbidden' | 'not_found' {
  try {
    authoriseRecording(record, who, type, {} as ChildEventData<T>, NOW);
    return 'allowed';
  } catch (error) {
    if (error instanceof NotFound) return 'not_found';
    if (error instanceof NotPermitted) return 'forbidden';
    throw error;
  }
}

describe('who may record what follows the law\'s roles', () => {
  it('only the LA issues, amends or ceases an EHC plan', () => {
    for (const type of ['DraftPlanIssued', 'FinalPlanIssued', 'PlanAmended', 'PlanCeased'] as const) {
      expect([outcome(la, type), outcome(school, type), outcome(parent, type), outcome(nhs, type), outcome(advocate, type)]).toEqual(['allowed', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    }
  });

  it('settings record SEN support cycles; settings, the LA and involved services record deliveries', () => {
    expect([outcome(school, 'SenSupportCyclePlanned'), outcome(la, 'SenSupportCyclePlanned'), outcome(parent, 'SenSupportCyclePlanned')]).toEqual(['allowed', 'forbidden', 'forbidden']);
    expect([outcome(school, 'ProvisionDelivered'), outcome(nhs, 'ProvisionDelivered'), outcome(parent, 'ProvisionDelivered')]).toEqual(['allowed', 'allowed', 'forbidden']);
  });

  it('parents record views and disputes; any party with access may report a shortfall', () => {
    expect(outcome(parent, 'ViewsRecorded')).toBe('allowed');
    for (const who of [la, school, parent, nhs, advocate]) expect(outcome(who, 'ShortfallReported')).toBe('allowed');
  });

  it('only the rights holder gives or withdraws consent', () => {
    expect([outcome(parent, 'ConsentGranted'), outcome(la, 'ConsentGranted'), outcome(school, 'ConsentRevoked'), outcome(advocate, 'ConsentRevoked')]).toEqual(['allowed', 'forbidden', 'forbidden', 'forbidden']);
  });

  it('someone with no relationship learns nothing: the child is not found, whatever they try to record', () => {
    for (const stranger of [actor('la_officer', '204'), actor('senco', '100009'), actor('parent_carer', 'family', ids.otherParent), actor('inspector', 'Ofsted'), actor('advocate', 'SOS!SEN')]) {
      for (const type of ['ViewsRecorded', 'PlanCeased', 'ShortfallReported', 'EntryCorrected'] as const) expect(outcome(stranger, type)).toBe('not_found');
    }
  });

  it('a child is registered by its own LA or the setting it is on roll at, never by a stranger to it', () => {
    const empty = foldChildRecord([]);
    const data = { childId: ids.child, displayName: 'C', dateOfBirth: '2015-01-01', laCode: '202', settingUrn: '100001' };
    expect(() => authoriseRecording(empty, la, 'ChildRegistered', data, NOW)).not.toThrow();
    expect(() => authoriseRecording(empty, school, 'ChildRegistered', data, NOW)).not.toThrow();
    expect(() => authoriseRecording(empty, actor('la_officer', '204'), 'ChildRegistered', data, NOW)).toThrow(NotPermitted);
    expect(() => authoriseRecording(empty, parent, 'ChildRegistered', data, NOW)).toThrow(NotPermitted);
  });
});
