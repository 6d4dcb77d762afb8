import { describe, expect, it } from 'vitest';
import { readAccess } from '../../../src/domain/access/read-access.js';
import { actor, ids, la, parent, registeredChild, school, secondary } from './access.fixtures.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const reads = (access: ReturnType<typeof readAccess>) => (access ? [...access.reads].sort() : null);

describe('read access follows the relationships the ledger records', () => {
  it('given a registered child, the LA, the school on roll and the parent with parental responsibility read it; strangers do not', () => {
    const child = registeredChild();
    expect(reads(readAccess(child.events, la, NOW))).toEqual(['audit_trail', 'evidence_export', 'handover_pack', 'record']);
    expect(reads(readAccess(child.events, school, NOW))).toEqual(['audit_trail', 'handover_pack', 'record']);
    expect(reads(readAccess(child.events, parent, NOW))).toEqual(['access_log', 'audit_trail', 'evidence_export', 'handover_pack', 'record', 'subject_access']);
    for (const stranger of [actor('la_officer', '204'), actor('senco', '100009'), actor('parent_carer', 'family', ids.otherParent), actor('inspector', 'Ofsted'), actor('advocate', 'IPSEA'), actor('tribunal', 'SENDIST')]) {
      expect(readAccess(child.events, stranger, NOW)).toBeNull();
    }
  });

  it('a parent without parental responsibility has no access of their own', () => {
    const child = registeredChild().add('ParentCarerRecorded', { personId: ids.otherParent, displayName: 'Sam', relationship: 'Step-father', parentalResponsibility: false }, la, '2024-02-01');
    expect(readAccess(child.events, actor('parent_carer', 'family', ids.otherParent), NOW)).toBeNull();
  });

  it('the access log is read by the rights holder and the LA privacy officer only', () => {
    const child = registeredChild();
    expect(reads(readAccess(child.events, actor('privacy_officer', '202'), NOW))).toEqual(['access_log', 'subject_access']);
    expect(readAccess(child.events, actor('privacy_officer', '204'), NOW)).toBeNull();
    expect(readAccess(child.events, la, NOW)!.reads.has('access_log')).toBe(false);
    expect(readAccess(child.events, la, NOW)!.reads.has('subject_access')).toBe(false);
  });

  it('when the child moves school, the former setting reads the record as it stood when the child left (the signature for its handover included), and nothing after', () => {
    const child = registeredChild()
      .add('HandoverIssued', { handoverId: ids.handover, toSetting: { name: 'Fleet Hill', urn: '100002' }, cutAtRevision: 1, cutAtHash: 'a'.repeat(64), packHash: 'b'.repeat(64), openProvisionIds: [] }, school, '2025-03-01');
    // Before acceptance the receiving school reads the pack it is asked to sign for, not the audit trail.
    expect(reads(readAccess(child.events, secondary, NOW))).toEqual(['handover_pack', 'record']);
    child.add('HandoverAccepted', { handoverId: ids.handover, signatory: { name: 'Tom Reid', role: 'SENCo' }, acceptedProvisionIds: [], disputedProvisions: [] }, secondary, '2025-04-01');
    // The receiving school's signature answers the sending school's handover: it reads who signed and what was disputed.
    const signed = child.head;
    child.add('NeedsIdentified', { needId: ids.involvement, area: 'cognition_and_learning', rank: 'secondary', description: 'Dyslexia' }, secondary, '2025-05-01');
    const former = readAccess(child.events, school, NOW)!;
    expect(former.upToRevision).toBe(signed);
    expect([...former.reads].sort()).toEqual(['audit_trail', 'handover_pack', 'record']);
    expect(readAccess(child.events, secondary, NOW)!.upToRevision).toBeNull();
  });

  it('a plan transferred to another LA (reg 15): the new LA reads from the transfer out, the old LA its own period only', () => {
    const child = registeredChild()
      .add('LaMoveNotified', { moveId: ids.move, planId: ids.plan, toLaCode: '204', moveDate: '2025-04-22', learnedOn: '2025-04-01' }, la, '2025-04-01');
    const brent = actor('la_officer', '204');
    expect(readAccess(child.events, brent, NOW)).toBeNull();
    child.add('PlanTransferredOut', { moveId: ids.move, planId: ids.plan, toLaCode: '204' }, la, '2025-04-22');
    expect(readAccess(child.events, brent, NOW)!.upToRevision).toBeNull();
    const beforeTransferIn = child.head;
    child.add('PlanTransferredIn', { moveId: ids.move, planId: ids.plan, fromLaCode: '202' }, brent, '2025-04-23');
    expect(readAccess(child.events, la, NOW)!.upToRevision).toBe(beforeTransferIn);
    expect(readAccess(child.events, brent, NOW)!.upToRevision).toBeNull();
  });

  it('rights pass to the young person at the end of compulsory school age: the parent keeps the earlier record only', () => {
    // Born 2008-03-01: compulsory school age ends on the last Friday of June 2024 (the school year they turn 16).
    const child = registeredChild('2008-03-01')
      .add('YoungPersonRecorded', { personId: ids.youngPerson, displayName: 'Alex' }, la, '2024-03-01')
      .add('NeedsIdentified', { needId: ids.involvement, area: 'social_emotional_and_mental_health', rank: 'primary', description: 'Anxiety' }, la, '2024-06-01');
    const lastWhileParentHeldRights = child.head;
    child.add('ParentCarerRecorded', { personId: ids.otherParent, displayName: 'Sam', relationship: 'Step-father', parentalResponsibility: true }, la, '2024-09-10');
    const youngPerson = actor('young_person', 'self', ids.youngPerson);
    expect(reads(readAccess(child.events, youngPerson, NOW))).toEqual(['access_log', 'audit_trail', 'evidence_export', 'handover_pack', 'record', 'subject_access']);
    const parentNow = readAccess(child.events, parent, NOW)!;
    expect(parentNow.upToRevision).toBe(lastWhileParentHeldRights);
    // Before the rights passed the young person read nothing of their own (the parent acted).
    expect(readAccess(child.events.slice(0, lastWhileParentHeldRights + 1), youngPerson, new Date('2024-06-15T00:00:00Z'))).toBeNull();
  });

  it('a capacity assessment finding the young person lacks capacity keeps the parent as rights holder', () => {
    const child = registeredChild('2008-03-01')
      .add('YoungPersonRecorded', { personId: ids.youngPerson, displayName: 'Alex' }, la, '2024-03-01')
      .add('CapacityAssessed', { assessmentId: ids.grant, hasCapacity: false, decisionScope: 'EHC plan decisions', assessedBy: { name: 'Dr B', role: 'Psychiatrist' } }, la, '2024-07-15');
    expect(readAccess(child.events, parent, NOW)!.upToRevision).toBeNull();
    expect(readAccess(child.events, actor('young_person', 'self', ids.youngPerson), NOW)).toBeNull();
  });

  it('health, social care and EP professionals read while their service is involved, and the record up to the end of it after', () => {
    const nhs = actor('health_professional', 'RKE');
    const child = registeredChild();
    expect(readAccess(child.events, nhs, NOW)).toBeNull();
    child.add('ProfessionalInvolved', { involvementId: ids.involvement, organisation: 'RKE', service: 'health', description: 'Community paediatrics' }, la, '2024-03-01');
    expect(reads(readAccess(child.events, nhs, NOW))).toEqual(['audit_trail', 'record']);
    // The same organisation under another service's role is not involved.
    expect(readAccess(child.events, actor('social_worker', 'RKE'), NOW)).toBeNull();
    const lastInvolved = child.head;
    child.add('ProfessionalInvolvementEnded', { involvementId: ids.involvement, reason: 'Discharged' }, la, '2024-09-01');
    expect(readAccess(child.events, nhs, NOW)!.upToRevision).toBe(lastInvolved);
  });

  it('advocates and the tribunal read only through an unexpired, unrevoked consent grant, and only its scope', () => {
    const ipsea = actor('advocate', 'IPSEA', 'adv-1');
    const child = registeredChild()
      .add('ConsentGranted', { grantId: ids.grant, to: { organisation: 'IPSEA', role: 'advocate', personId: 'adv-1' }, scope: ['record', 'audit_trail'], expiresOn: '2025-12-31', purpose: 'Appeal' }, parent, '2025-01-10');
    expect(reads(readAccess(child.events, ipsea, NOW))).toEqual(['audit_trail', 'record']);
    // The grant names one person: a colleague at the same organisation has none.
    expect(readAccess(child.events, actor('advocate', 'IPSEA', 'adv-2'), NOW)).toBeNull();
    expect(readAccess(child.events, ipsea, new Date('2026-01-01T00:30:00Z'))).toBeNull();
    child.add('ConsentRevoked', { grantId: ids.grant, reason: 'Appeal withdrawn' }, parent, '2025-05-01');
    expect(readAccess(child.events, ipsea, NOW)).toBeNull();
  });

  it('an erased record is readable only by the LA that erased it (to show the erasure) and its privacy officer', () => {
    const child = registeredChild().add('ChildRecordErased', { reason: 'retention_period_ended', retentionRule: 'date of birth + 31 years', keyId: 'k1' }, la, '2025-05-01');
    // After the key is destroyed the earlier entries' data reads as erased.
    for (const e of child.events.slice(0, -1)) (e as { data: unknown }).data = { $erased: true };
    expect(reads(readAccess(child.events, la, NOW))).toEqual(['audit_trail', 'evidence_export', 'record']);
    expect(reads(readAccess(child.events, actor('privacy_officer', '202'), NOW))).toEqual(['access_log', 'subject_access']);
    expect(readAccess(child.events, school, NOW)).toBeNull();
    expect(readAccess(child.events, parent, NOW)).toBeNull();
  });
});
