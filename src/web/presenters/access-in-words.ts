import type { AccessEntry } from '../../access-log/access-entry.js';
import type { IsoDate } from '../../domain/calendar/iso-date.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES, type Role } from '../../domain/roles.js';
import { longDate, ukDateTime } from './dates.js';
import { personWithRole, roleName } from './roles.js';

/**
 * The access log and the consent grants as a family reads them: who looked, at what, why and how; and who may
 * look, at what, until when. People by name and role, organisations by name, never ids.
 */

export interface Tag {
  text: string;
  colour: string;
}

/** What the page knows to name people and organisations: the child's schools and LA, and names seen in the record or log. */
export interface Naming {
  readerId: string;
  laCode: string | undefined;
  settings: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
}

export function namingFor(record: ChildRecord, readerId: string, people: Iterable<{ id: string; displayName?: string | undefined }>): Naming {
  const settings = new Map<string, string>();
  for (const setting of record.settingHistory) if (setting.urn && setting.name) settings.set(setting.urn, setting.name);
  if (record.onRoll?.urn && record.onRoll.name) settings.set(record.onRoll.urn, record.onRoll.name);
  const names = new Map<string, string>();
  for (const person of people) if (person.displayName) names.set(person.id, person.displayName);
  return { readerId, laCode: record.profile?.laCode, settings, names };
}

/** An organisation as the family knows it: the school by name, "the child's local authority", the service's name. */
export function organisationInWords(actor: { role: string; organisation: string }, naming: Naming): string | null {
  const role = actor.role as Role;
  if (role === 'parent_carer' || role === 'young_person') return null;
  if (LOCAL_AUTHORITY_ROLES.includes(role) || role === 'privacy_officer') {
    return actor.organisation === naming.laCode ? "the child's local authority" : 'another local authority';
  }
  if (SETTING_ROLES.includes(role)) return naming.settings.get(actor.organisation) ?? 'a school or college';
  return actor.organisation;
}

/** Pages by their route, as a family names what they show. */
const PAGES: Array<[RegExp, string]> = [
  [/^\/children\/:childId$/, 'the record'],
  [/^\/children\/:childId\/(record|entries|timeline)/, 'the record'],
  [/^\/children\/:childId\/promises/, 'what was promised'],
  [/^\/children\/:childId\/deadlines/, 'the deadlines'],
  [/^\/children\/:childId\/views\/new/, 'the form to record views'],
  [/^\/children\/:childId\/views/, 'the views recorded'],
  [/^\/children\/:childId\/access\/grants\/[^/]+\/revoke/, 'the form to take back access'],
  [/^\/children\/:childId\/access\/grant/, 'the form to give access'],
  [/^\/children\/:childId\/access/, 'who has looked at the record and who may'],
  [/^\/children\/:childId\/evidence/, 'an evidence bundle'],
  [/^\/children\/:childId\/trail/, 'the full trail'],
  [/^\/children\/:childId\/handover/, 'a handover pack'],
  [/^\/children\/:childId\/sen-support/, 'the SEN support plans and reviews'],
  [/^\/children\/:childId\/transition/, 'the transition plans and handovers'],
  [/^\/children\/:childId\/case/, 'the case'],
  [/^\/children\/:childId\/decisions/, 'the form to record a decision'],
  [/^\/children\/:childId\/provision-in-place/, 'whether the plan’s provision is in place'],
  [/^\/children\/:childId\/provision/, 'what was promised'],
  [/^\/cases/, 'their list of cases'],
  [/^\/caseload/, "the school's caseload"],
  [/^\/desk/, "the caseworker's desk"],
  [/^\/sessions/, 'the session register'],
  [/^\/handovers/, 'the list of handovers'],
  [/^\/accountability/, "the local authority's figures"],
  [/^\/privacy/, "the privacy officer's list of reads"],
  [/^\/$/, 'their list of children'],
];

/** Reads by their name in the log (GraphQL fields, exports), as a family names them. */
const READS: Record<string, string> = {
  child: 'the record',
  record: 'the record',
  auditTrail: 'the full trail',
  promises: 'what was promised',
  promiseGroups: 'what was promised',
  deadlines: 'the deadlines',
  accessLog: 'who has looked at the record',
  participation: 'whether the family’s views were heard',
  rightsHolder: 'who holds the family’s rights',
  handoverPack: 'a handover pack',
  'handover-pack-pdf': 'a handover pack',
  'evidence-bundle': 'an evidence bundle',
  localOfferAccountability: 'the Local Offer figures',
  home: 'their list of children',
  'sen-support-pdf': 'the SEN support history (PDF)',
  'session-register': 'the session register',
  'provision-in-place': 'whether the plan’s provision is in place',
  shortfall: 'what was promised',
  'subject-access-export': 'a subject access export',
};

const VIA: Record<AccessEntry['via'], string> = {
  web: 'A web page of this service',
  graphql: 'The API (another computer system)',
  'evidence-bundle': 'An evidence export',
  'handover-pack-pdf': 'A handover pack PDF',
  'command-line': 'The command line (a system administrator)',
};

const OUTCOMES: Record<AccessEntry['outcome'], Tag> = {
  permitted: { text: 'Allowed', colour: 'green' },
  denied: { text: 'Refused', colour: 'red' },
  partly_denied: { text: 'Partly refused', colour: 'orange' },
};

const listed = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));
const unique = (items: string[]) => [...new Set(items)];
const readInWords = (read: string) => READS[read] ?? 'part of the record';
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface AccessEntryInWords {
  when: string;
  who: string;
  /** Their organisation, where it is not already in the name. */
  organisation: string | null;
  what: string;
  refused: string | null;
  purpose: string;
  how: string;
  outcome: Tag;
  /** For the details element: the request, so a privacy officer can match it with the server's records. */
  requestId: string;
  sequence: number | null;
}

export function accessEntryInWords(entry: AccessEntry & { sequence?: number }, naming: Naming): AccessEntryInWords {
  const page = entry.via === 'web' && entry.route ? PAGES.find(([pattern]) => pattern.test(entry.route!))?.[1] : undefined;
  const read = unique(entry.read.map(readInWords));
  const denied = unique(entry.denied.map(readInWords));
  const what = page ?? (read.length ? listed(read) : denied.length ? listed(denied) : 'the record');
  return {
    when: ukDateTime(entry.at),
    who: entry.actor.id === naming.readerId ? 'You' : entry.actor.displayName ? personWithRole({ displayName: entry.actor.displayName, role: entry.actor.role }) : capital(`a ${roleName(entry.actor.role)}`),
    organisation: organisationInWords(entry.actor, naming),
    what: capital(what),
    refused: entry.outcome === 'permitted' ? null : `Refused: ${listed(denied.length ? denied : ['the record'])}`,
    purpose: capital(entry.purpose),
    how: VIA[entry.via] ?? 'Another way',
    outcome: OUTCOMES[entry.outcome] ?? { text: 'Not known', colour: 'grey' },
    requestId: entry.requestId,
    sequence: entry.sequence ?? null,
  };
}

/** What a consent grant may cover, in words. */
export const SCOPE_WORDS: Record<string, string> = {
  record: 'The record: decisions, the plan, what was promised and delivered, deadlines and views',
  audit_trail: 'The full trail: every entry, who recorded it and when, and every correction',
  handover_pack: 'Handover packs between schools',
  evidence_export: 'Evidence bundles for a tribunal, which they can download',
};

export type Grant = ChildRecord['consentGrants'][string];

export interface GrantInWords {
  grantId: string;
  organisation: string;
  to: string;
  person: string;
  scope: string[];
  expires: string;
  purpose: string;
  granted: string;
  revoked: string | null;
  status: Tag;
  active: boolean;
  eventId: string;
}

export function grantInWords(grant: Grant, today: IsoDate, naming: Naming): GrantInWords {
  const revoked = grant.revoked;
  const expired = grant.expiresOn < today;
  const personName = grant.to.personId ? naming.names.get(grant.to.personId) : undefined;
  const by = (actor: { id: string; displayName: string; role: string }) => (actor.id === naming.readerId ? 'You' : personWithRole(actor));
  return {
    grantId: grant.grantId,
    organisation: grant.to.organisation,
    to: `${grant.to.organisation} (${roleName(grant.to.role)})`,
    person: grant.to.personId
      ? personName
        ? `Only ${personName}`
        : `Only one named person at ${grant.to.organisation}`
      : `Anyone working as ${grant.to.role === 'tribunal' ? 'the tribunal' : `an ${roleName(grant.to.role)}`} at ${grant.to.organisation}`,
    scope: grant.scope.map((scope) => SCOPE_WORDS[scope] ?? 'Part of the record'),
    expires: `${expired ? 'Ended' : 'Until the end of'} ${longDate(grant.expiresOn)}`,
    purpose: grant.purpose,
    granted: `${by(grant.granted.actor)}, on ${longDate(grant.granted.on)}`,
    revoked: revoked ? `${by(revoked.actor)}, on ${longDate(revoked.on)}${revoked.reason ? `. Reason given: ${revoked.reason}` : ''}` : null,
    status: revoked ? { text: 'Revoked', colour: 'red' } : expired ? { text: 'Expired', colour: 'grey' } : { text: 'Active', colour: 'green' },
    active: !revoked && !expired,
    eventId: grant.granted.eventId,
  };
}
