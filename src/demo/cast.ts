import { uuidFromName } from '../ledger/deterministic-id.js';
/**
 * Who appears in the demo. Every name is invented: children and families appear only as
 * pseudonyms, and the staff, schools and URNs are fictional (a URN may coincide with a real
 * establishment's; nothing here describes it). The local authority is Camden, DfE code 202.
 *
 * Actor ids follow `npm run token`'s pattern (`<role>-<org>-<name>`), so a token minted with
 * `--role la_officer --org 202 --name "Sam Okafor"` acts as the same caseworker as the demo. Parents' ids are
 * the personIds their records name (their sign-in identity), so they read their own child's record.
 */
import type { Role } from '../domain/roles.js';
import type { Actor } from '../ledger/envelope.js';

export const LA_CODE = '202';
export const LA_NAME = 'London Borough of Camden';

/** A parent signs in as the person the record names (their personId is their token's subject). */
const parent = (key: string, displayName: string): Actor => ({
  id: uuidFromName('send-ledger-demo', 'person', key),
  displayName,
  role: 'parent_carer',
  organisation: 'family',
});

const actor = (role: Role, organisation: string, displayName: string): Actor => ({
  id: `${role}-${organisation}-${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
  displayName,
  role,
  organisation,
});

export const settings = {
  kentishVale: { name: 'Kentish Vale Primary School', urn: '100934' },
  primroseRow: { name: 'Primrose Row Primary School', urn: '100951' },
  fleetHill: { name: 'Fleet Hill School', urn: '100052' },
} as const;

/** Local Offer service ids: stable, so provision lines can name the service the offer lists. */
export const localOfferServiceIds = {
  salt: uuidFromName('send-ledger-demo', 'local-offer', 'salt'),
  educationalPsychology: uuidFromName('send-ledger-demo', 'local-offer', 'educational-psychology'),
  specialistTeaching: uuidFromName('send-ledger-demo', 'local-offer', 'specialist-teaching'),
  sensoryCircuits: uuidFromName('send-ledger-demo', 'local-offer', 'sensory-circuits'),
} as const;

export const services = {
  salt: "Camden Children's Speech and Language Therapy Service",
  educationalPsychology: 'Camden Educational Psychology Service',
  specialistTeaching: 'Camden Specialist Teaching Service (SpLD)',
  paediatrics: 'North Camden Community Paediatrics (NHS)',
  occupationalTherapy: "Camden Children's Occupational Therapy Service (NHS)",
} as const;

export const cast = {
  /** LA SEN caseworkers: the only role that decides, issues, amends or ceases plans. */
  caseworker: actor('la_officer', LA_CODE, 'Sam Okafor'),
  caseworker2: actor('la_officer', LA_CODE, 'Leila Haddad'),
  kentishValeSenco: actor('senco', settings.kentishVale.urn, 'Helen Marsh'),
  kentishValeHead: actor('headteacher', settings.kentishVale.urn, 'David Osei'),
  primroseRowSenco: actor('senco', settings.primroseRow.urn, 'Tom Rees'),
  fleetHillSenco: actor('senco', settings.fleetHill.urn, 'Rachel Kim'),
  educationalPsychologist: actor('educational_psychologist', services.educationalPsychology, 'Dr Nadia Farouk'),
  paediatrician: actor('health_professional', services.paediatrics, 'Dr Amira Shah'),
  /** The LA's privacy officer: reads who has looked at a child's record. */
  privacyOfficer: actor('privacy_officer', LA_CODE, 'Ruth Adeyemi'),
  /** An independent advocate, reading the records families have granted consent to. */
  advocate: actor('advocate', 'Camden SENDIASS', 'Jordan Achebe'),
  parentA: parent('parent-a', 'Parent A (pseudonym)'),
  parentB: parent('parent-b', 'Parent B (pseudonym)'),
  parentC: parent('parent-c', 'Parent C (pseudonym)'),
  parentD: parent('parent-d', 'Parent D (pseudonym)'),
} as const;

/** People named as delivering provision or signing, who do not themselves write to the ledger. */
export const people = {
  panelChair: { name: 'Marcus Bell', role: `Chair, SEN panel, ${LA_NAME}` },
  kentishValeTa: { name: 'Lena Brooks', role: 'Teaching assistant' },
  primroseRowTa: { name: 'Aisha Rahman', role: 'Teaching assistant' },
  primroseRowElsa: { name: 'Bea Lawson', role: 'Emotional literacy support assistant' },
  therapist: { name: "Niamh O'Connor", role: 'Speech and language therapist' },
  specialistTeacher: { name: 'Grace Mensah', role: 'Specialist teacher (SpLD)' },
} as const;

/** The SEN panel decision behind a plan's provision: a named decision-maker and the panel reference. */
export const panelAuthority = (reference: string) => ({ ...people.panelChair, reference });

/** A school's own SEN support: the SENCo decides it under the graduated approach. */
export const sencoAuthority = (senco: Actor, settingName: string) => ({ name: senco.displayName, role: `SENCo, ${settingName}` });
