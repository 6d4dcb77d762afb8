import { englandDateOf } from '../domain/calendar/iso-date.js';
import { foldChildRecord, toChildEvent } from '../domain/child-record/decider.js';
import type { ChildRecord } from '../domain/child-record/state.js';
import { CONSENT_SCOPES } from '../domain/child-record/vocabulary.js';
import type { ReadAccess } from '../domain/access/read-access.js';
import type { Actor } from '../ledger/envelope.js';
import { childrenVisibleTo, readChildRecord, type ChildRecordsDependencies, type Reader } from './child-records.js';

export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** One consent grant that lets the reader in today. */
export interface CaseGrant {
  grantId: string;
  scope: ConsentScope[];
  expiresOn: string;
  purpose: string;
  /** Who gave the consent (the rights holder), and the day it was recorded. */
  grantedBy: { displayName: string; role: string };
  grantedOn: string;
  /** Granted to this person by name, or to anyone of the reader's role at their organisation. */
  toPersonByName: boolean;
}

/** A child whose family gave the reader (an advocate, the tribunal) consent to read the record. */
export interface Case {
  childId: string;
  name: string;
  dateOfBirth: string | undefined;
  setting: string | undefined;
  /** The grants in force today, soonest to expire first. */
  grants: CaseGrant[];
  /** What the grants together allow. */
  access: ReadAccess;
}

const WHAT = 'cases';

/**
 * The grants of this record in force for the actor today: not revoked, not expired, to their role and
 * organisation, and to them by name or to anyone there. The same test as the gateway's consent relationship
 * (src/domain/access/relationships.ts consentRelationship), kept beside it here to name each grant.
 */
function grantsInForce(record: ChildRecord, actor: Actor, now: Date): CaseGrant[] {
  const today = englandDateOf(now.toISOString());
  return Object.values(record.consentGrants)
    .filter(
      (g) =>
        !g.revoked &&
        g.expiresOn >= today &&
        g.to.role === actor.role &&
        g.to.organisation === actor.organisation &&
        (g.to.personId === undefined || g.to.personId === actor.id),
    )
    .map((g) => ({
      grantId: g.grantId,
      scope: [...g.scope],
      expiresOn: g.expiresOn,
      purpose: g.purpose,
      grantedBy: { displayName: g.granted.actor.displayName, role: g.granted.actor.role },
      grantedOn: g.granted.on,
      toPersonByName: g.to.personId !== undefined,
    }))
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
}

/**
 * The reader's cases: every child whose rights holder has given them consent that is in force now, with each
 * grant's scope and expiry. Each child comes through the gateway (the read is in the child's access log as
 * "cases"); a child the reader reads on another footing only (none, for an advocate) is not a case.
 */
export async function casesOf(deps: ChildRecordsDependencies, reader: Reader): Promise<Case[]> {
  const byConsent = new Map<string, ReadAccess>();
  for (const kind of CONSENT_SCOPES) {
    for (const { childId, access } of await childrenVisibleTo(deps, reader, {}, kind)) {
      if (access.relationships.some((r) => r.kind === 'consent')) byConsent.set(childId, access);
    }
  }
  const cases: Case[] = [];
  for (const [childId, access] of byConsent) {
    // Read with a kind the grants allow: a grant need not include the record itself.
    const kind = access.reads.has('record') ? 'record' : [...access.reads][0]!;
    const read = await readChildRecord(deps, reader, childId, kind, WHAT);
    if (!read) continue;
    const record = foldChildRecord(read.entries.map(toChildEvent));
    const grants = grantsInForce(record, reader.actor, deps.clock());
    if (grants.length === 0) continue;
    cases.push({
      childId,
      name: record.profile?.displayName ?? 'Child',
      dateOfBirth: record.profile?.dateOfBirth,
      setting: record.onRoll?.name ?? undefined,
      grants,
      access: read.access,
    });
  }
  return cases.sort((a, b) => a.name.localeCompare(b.name));
}
