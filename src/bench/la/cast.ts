import type { Role } from '../../domain/roles.js';
import type { Actor } from '../../ledger/envelope.js';
import { CASEWORKERS, SETTINGS } from './model.js';

/**
 * Who works in the synthetic LA. Every name is invented and every code fictional: the LA's DfE code 999 and
 * the neighbours' 990-998 are not used by any English LA, and setting URNs are in 9xxxxx. Entities are
 * numbered, so entity i is the same at every scale (scale only changes how many there are).
 */
export const SYNTHETIC_LA_CODE = '999';
export const SYNTHETIC_LA_NAME = 'Synthetic Borough Council';
export const NEIGHBOUR_LA_CODES = ['990', '991', '992', '993', '994', '995', '996', '997', '998'] as const;

export type SettingKind = 'primary' | 'secondary' | 'special' | 'college' | 'earlyYears';

export interface Setting {
  kind: SettingKind;
  name: string;
  urn: string;
  senco: Actor;
  headteacher: Actor;
  /** Who delivers the setting's own provision. */
  staffRole: string;
}

export interface Service {
  key: 'salt' | 'ep' | 'specialistTeaching' | 'ot' | 'camhs' | 'socialCare';
  organisation: string;
  role: string;
  qualification: string;
  /** Who records its deliveries: its own professional (once recorded as involved with the child), or, null, the child's setting. */
  professional: Actor | null;
  /** The kind of involvement its professionals need to write about a child (src/domain/access/relationships.ts). */
  involvement: 'health' | 'social_care' | 'educational_psychology' | null;
  section: 'F' | 'G' | 'H2';
}

const actor = (role: Role, organisation: string, displayName: string): Actor => ({
  id: `${role}-${organisation}-${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
  displayName,
  role,
  organisation,
});

const GIVEN = ['Alex', 'Bea', 'Chris', 'Dana', 'Eli', 'Femi', 'Gita', 'Hal', 'Ines', 'Jo', 'Kai', 'Lina', 'Max', 'Nia', 'Omar', 'Pia', 'Ravi', 'Sara', 'Tom', 'Uma'];
const FAMILY = ['Adeyemi', 'Brook', 'Castell', 'Doyle', 'Evans', 'Fraser', 'Grant', 'Hussain', 'Ibe', 'Jones', 'Khan', 'Lowe', 'Mensah', 'Novak', 'Okafor', 'Patel', 'Quinn', 'Reid', 'Shah', 'Turner'];
/** A stable invented name for entity number n. */
export const personName = (n: number) => `${GIVEN[n % GIVEN.length]} ${FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length]}${n >= 400 ? ` ${Math.floor(n / 400) + 1}` : ''}`;

const PLACES = ['Ashfield', 'Brookside', 'Castlegate', 'Dunmore', 'Elmwood', 'Fairview', 'Greenhill', 'Hollybank', 'Ivydale', 'Juniper', 'Kingsway', 'Larkrise', 'Millbrook', 'Northgate', 'Oakleigh', 'Parkside', 'Queensmead', 'Riverside', 'Stonebridge', 'Thornfield'];
const KIND_NAME: Record<SettingKind, string> = {
  primary: 'Primary School',
  secondary: 'Academy',
  special: 'Special School',
  college: 'College',
  earlyYears: 'Nursery',
};
const KIND_URN_BASE: Record<SettingKind, number> = { primary: 910000, secondary: 920000, special: 930000, college: 940000, earlyYears: 950000 };

function setting(kind: SettingKind, n: number): Setting {
  const place = PLACES[n % PLACES.length]!;
  const name = `${place}${n >= PLACES.length ? ` ${Math.floor(n / PLACES.length) + 1}` : ''} ${KIND_NAME[kind]}`;
  const urn = String(KIND_URN_BASE[kind] + n);
  return {
    kind,
    name,
    urn,
    senco: actor('senco', urn, personName(n * 7 + 3)),
    headteacher: actor('headteacher', urn, personName(n * 7 + 5)),
    staffRole: kind === 'earlyYears' ? 'Early years practitioner' : 'Teaching assistant',
  };
}

export interface LaCast {
  laCode: string;
  caseworkers: Actor[];
  panelChair: { name: string; role: string };
  settings: Record<SettingKind, Setting[]>;
  services: Service[];
  educationalPsychologists: Actor[];
  /** Gives the medical advice for assessments (Regs 6(1)(c)). */
  paediatrician: Actor;
  /** Gives the social care advice. */
  socialWorker: Actor;
  neighbourOfficers: Record<string, Actor>;
}

const scaled = (count: number, scale: number, min: number) => Math.max(min, Math.round(count * scale));

export function laCast(scale: number): LaCast {
  const kinds = Object.keys(SETTINGS) as SettingKind[];
  const settings = Object.fromEntries(
    kinds.map((kind) => [kind, Array.from({ length: scaled(SETTINGS[kind], scale, 1) }, (_, n) => setting(kind, n))]),
  ) as Record<SettingKind, Setting[]>;
  const services: Service[] = [
    { key: 'salt', organisation: 'Synthetic Children\'s Speech and Language Therapy Service (NHS)', role: 'Speech and language therapist', qualification: 'HCPC-registered speech and language therapist', professional: actor('health_professional', 'synthetic-salt', 'Morgan Hale'), involvement: 'health', section: 'F' },
    { key: 'ep', organisation: 'Synthetic Educational Psychology Service', role: 'Educational psychologist', qualification: 'HCPC-registered practitioner psychologist', professional: actor('educational_psychologist', 'synthetic-ep', 'Dr Ruth Amadi'), involvement: 'educational_psychology', section: 'F' },
    { key: 'specialistTeaching', organisation: 'Synthetic Specialist Teaching Service', role: 'Specialist teacher', qualification: 'Level 7 SpLD qualification', professional: null, involvement: null, section: 'F' },
    { key: 'ot', organisation: 'Synthetic Children\'s Occupational Therapy (NHS)', role: 'Occupational therapist', qualification: 'HCPC-registered occupational therapist', professional: actor('health_professional', 'synthetic-ot', 'Priya Nair'), involvement: 'health', section: 'G' },
    { key: 'camhs', organisation: 'Synthetic CAMHS (NHS)', role: 'Clinical psychologist', qualification: 'HCPC-registered clinical psychologist', professional: actor('health_professional', 'synthetic-camhs', 'Dr Leo Hart'), involvement: 'health', section: 'G' },
    { key: 'socialCare', organisation: 'Synthetic Children\'s Social Care', role: 'Short breaks worker', qualification: 'Social Work England registered', professional: actor('social_worker', 'synthetic-social-care', 'Jess Moran'), involvement: 'social_care', section: 'H2' },
  ];
  return {
    laCode: '999',
    caseworkers: Array.from({ length: scaled(CASEWORKERS, scale, 2) }, (_, n) => actor('la_officer', '999', personName(n * 11 + 1))),
    panelChair: { name: personName(399), role: `Chair, SEN panel, ${SYNTHETIC_LA_NAME}` },
    settings,
    services,
    educationalPsychologists: Array.from({ length: scaled(8, scale, 1) }, (_, n) => actor('educational_psychologist', 'synthetic-ep', `Dr ${personName(n * 13 + 2)}`)),
    paediatrician: actor('health_professional', 'synthetic-paediatrics', 'Dr Amira Osei'),
    socialWorker: actor('social_worker', 'synthetic-social-care', 'Sam Whitfield'),
    neighbourOfficers: Object.fromEntries(NEIGHBOUR_LA_CODES.map((code, n) => [code, actor('la_officer', code, personName(n * 17 + 9))])),
  };
}
