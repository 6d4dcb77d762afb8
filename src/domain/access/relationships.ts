import type { Actor } from '../../ledger/envelope.js';
import { englandDateOf, type IsoDate } from '../calendar/iso-date.js';
import type { ChildEventData } from '../child-record/events.js';
import { rightsHolderOn } from '../participation/rights-holder.js';
import { SETTING_ROLES, type Role } from '../roles.js';
import { settingsStillToSend, type AccessFacts } from './access-facts.js';
import { ALL_READS, type ReadKind } from './read-kinds.js';

/**
 * The legitimate relationships through which someone reads or writes a child's record. Tokens say who the
 * actor is (role, organisation, subject); the ledger says how they relate to the child.
 */
export type RelationshipKind =
  | 'rights_holder'
  | 'setting'
  | 'receiving_setting'
  | 'sending_setting'
  | 'local_authority'
  | 'privacy_officer'
  | 'professional'
  | 'consent';

export interface Relationship {
  kind: RelationshipKind;
  reads: readonly ReadKind[];
  /** Why, in words a reviewer of the access log understands (no personal data). */
  basis: string;
}

const SETTING_READS: readonly ReadKind[] = ['record', 'audit_trail', 'handover_pack'];
const LA_READS: readonly ReadKind[] = ['record', 'audit_trail', 'handover_pack', 'evidence_export'];
/** The LA's privacy officer reads who looked at the record, and exports the whole record only to answer a subject access request. */
const PRIVACY_OFFICER_READS: readonly ReadKind[] = ['access_log', 'subject_access'];
const PROFESSIONAL_READS: readonly ReadKind[] = ['record', 'audit_trail'];

/** Which service's professionals a token's role stands for. */
const SERVICE_OF_ROLE: Partial<Record<Role, ChildEventData<'ProfessionalInvolved'>['service']>> = {
  health_professional: 'health',
  social_worker: 'social_care',
  educational_psychologist: 'educational_psychology',
};

const isSettingStaff = (actor: Actor) => SETTING_ROLES.includes(actor.role as Role);

/**
 * Who holds the rights on a date: the parent until the end of compulsory school age, then the young person
 * unless a capacity assessment found otherwise (src/domain/participation/rights-holder.ts).
 */
function rightsHolderRelationship(record: AccessFacts, actor: Actor, on: IsoDate): Relationship | null {
  const dateOfBirth = record.profile?.dateOfBirth;
  if (!dateOfBirth) return null;
  const holder = rightsHolderOn(dateOfBirth, on, record.capacityAssessments.map((a) => ({ on: a.on, hasCapacity: a.hasCapacity, decisionScope: a.decisionScope })));
  if (actor.role === 'parent_carer' && holder === 'parent_carer') {
    const parent = record.parentCarers.find((p) => p.personId === actor.id && p.parentalResponsibility);
    return parent ? { kind: 'rights_holder', reads: ALL_READS, basis: 'parent with parental responsibility' } : null;
  }
  if (actor.role === 'young_person' && holder === 'young_person' && record.youngPerson?.personId === actor.id) {
    return { kind: 'rights_holder', reads: ALL_READS, basis: 'the young person (rights passed at the end of compulsory school age)' };
  }
  return null;
}

/** The child's LA, or the LA a plan is being transferred to, from the transfer out (SEND Regs 2014 reg 15). */
function localAuthorityOf(record: AccessFacts, organisation: string): string | null {
  if (record.profile?.laCode === organisation) return 'officer of the child\'s local authority';
  const incoming = Object.values(record.laMoves).some((m) => m.transferredOut && !m.transferredIn && m.toLaCode === organisation);
  return incoming ? 'officer of the local authority the plan is being transferred to' : null;
}

/**
 * The relationships an actor stands in to the child on a date, from the record alone (not consent, which is
 * judged against the server's clock at each request). An erased record keeps only the LA that erased it, so
 * that the erasure itself can be shown.
 */
export function standingRelationships(record: AccessFacts, actor: Actor, on: IsoDate): Relationship[] {
  if (record.erased) {
    const erasingLa = record.erased.actor.organisation === actor.organisation;
    if (erasingLa && actor.role === 'la_officer') return [{ kind: 'local_authority', reads: ['record', 'audit_trail', 'evidence_export'], basis: 'the local authority that erased the record' }];
    if (erasingLa && actor.role === 'privacy_officer') return [{ kind: 'privacy_officer', reads: PRIVACY_OFFICER_READS, basis: 'privacy officer of the local authority that erased the record' }];
    return [];
  }
  const found: Relationship[] = [];
  const rightsHolder = rightsHolderRelationship(record, actor, on);
  if (rightsHolder) found.push(rightsHolder);
  if (isSettingStaff(actor)) {
    if (record.onRoll?.urn === actor.organisation) found.push({ kind: 'setting', reads: SETTING_READS, basis: 'staff of the setting the child is on roll at' });
    else if (Object.values(record.handovers).some((h) => !h.accepted && h.toSetting.urn === actor.organisation)) {
      found.push({ kind: 'receiving_setting', reads: ['record', 'handover_pack'], basis: 'staff of the setting a handover was issued to' });
    }
    // A school the pupil has left must still send the Common Transfer File and the SEN file (reg 9(3)): until it has, it reads and records those.
    if (record.onRoll?.urn !== actor.organisation && settingsStillToSend(record).includes(actor.organisation)) {
      found.push({ kind: 'sending_setting', reads: ['record'], basis: 'staff of a setting the child left that has still to send the transfer files' });
    }
  }
  if (actor.role === 'la_officer') {
    const basis = localAuthorityOf(record, actor.organisation);
    if (basis) found.push({ kind: 'local_authority', reads: LA_READS, basis });
  }
  if (actor.role === 'privacy_officer' && record.profile?.laCode === actor.organisation) {
    found.push({ kind: 'privacy_officer', reads: PRIVACY_OFFICER_READS, basis: 'privacy officer of the child\'s local authority' });
  }
  const service = SERVICE_OF_ROLE[actor.role as Role];
  if (service && Object.values(record.involvements).some((i) => !i.ended && i.organisation === actor.organisation && i.service === service)) {
    found.push({ kind: 'professional', reads: PROFESSIONAL_READS, basis: `${service.replace(/_/g, ' ')} professional recorded as involved` });
  }
  return found;
}

/** A consent grant from the rights holder that covers this actor today: not revoked, not expired. */
export function consentRelationship(record: AccessFacts, actor: Actor, now: Date): Relationship | null {
  if (record.erased) return null;
  const today = englandDateOf(now.toISOString());
  const grants = Object.values(record.consentGrants).filter(
    (g) =>
      !g.revoked &&
      g.expiresOn >= today &&
      g.to.role === actor.role &&
      g.to.organisation === actor.organisation &&
      (g.to.personId === undefined || g.to.personId === actor.id),
  );
  if (grants.length === 0) return null;
  const reads = [...new Set(grants.flatMap((g) => g.scope))];
  return { kind: 'consent', reads, basis: `consent of the rights holder (grant ${grants.map((g) => g.grantId).join(', ')})` };
}

/** Every relationship the actor has with the child now. */
export function currentRelationships(record: AccessFacts, actor: Actor, now: Date): Relationship[] {
  const consent = consentRelationship(record, actor, now);
  return [...standingRelationships(record, actor, englandDateOf(now.toISOString())), ...(consent ? [consent] : [])];
}
