import type { ChildEventData } from '../child-record/events.js';
import type { ChildRecord } from '../child-record/state.js';

/**
 * What access to a child's record turns on (relationships.ts), and nothing else of the record: who holds the
 * rights and from when, where the child is on roll, handovers and LA moves under way, professionals involved,
 * consent grants, the erasure. A list over an LA judges thousands of children from these, kept per revision,
 * instead of reading and folding every record; a ChildRecord is itself a set of access facts.
 */
export interface AccessFacts {
  erased: { actor: { organisation: string } } | null;
  profile: { dateOfBirth?: string; laCode?: string } | null;
  capacityAssessments: ReadonlyArray<{ on: string; hasCapacity: boolean; decisionScope: string }>;
  parentCarers: ReadonlyArray<{ personId: string; parentalResponsibility: boolean }>;
  youngPerson: { personId: string } | null;
  onRoll: { urn: string | null } | null;
  handovers: Readonly<Record<string, { accepted?: unknown; toSetting: { urn?: string | undefined } }>>;
  laMoves: Readonly<Record<string, { transferredOut?: unknown; transferredIn?: unknown; toLaCode: string }>>;
  involvements: Readonly<Record<string, { ended?: unknown; organisation: string; service: ChildEventData<'ProfessionalInvolved'>['service'] }>>;
  /** Leaving a setting's roll, and the files sent since (optional: facts kept before they existed have none). */
  leavings?: Readonly<Record<string, { setting: { urn?: string | undefined }; left: { on: string }; ctfSent?: unknown }>>;
  sendFileTransfers?: Readonly<Record<string, { sent: { on: string; actor: { organisation: string } } }>>;
  consentGrants: Readonly<
    Record<string, Pick<ChildEventData<'ConsentGranted'>, 'grantId' | 'expiresOn' | 'scope' | 'to'> & { revoked?: unknown }>
  >;
}

/** Most children have no handover, move, involvement or grant: they share one empty object rather than each holding their own. */
const NONE: Readonly<Record<string, never>> = Object.freeze({});
const NOTHING: readonly never[] = Object.freeze([]);

const mapValues = <T, U>(record: Readonly<Record<string, T>>, pick: (value: T) => U): Readonly<Record<string, U>> => {
  const entries = Object.entries(record);
  return entries.length === 0 ? NONE : Object.fromEntries(entries.map(([key, value]) => [key, pick(value)]));
};
const mapItems = <T, U>(items: readonly T[], pick: (item: T) => U): readonly U[] => (items.length === 0 ? NOTHING : items.map(pick));

/** The access facts of a folded record, copied out so that the rest of the record (names, plans, provision) can go. */
export function accessFactsOf(record: ChildRecord): AccessFacts {
  const { profile } = record;
  return {
    erased: record.erased && { actor: { organisation: record.erased.actor.organisation } },
    profile: profile && { dateOfBirth: profile.dateOfBirth, laCode: profile.laCode },
    capacityAssessments: mapItems(record.capacityAssessments, ({ on, hasCapacity, decisionScope }) => ({ on, hasCapacity, decisionScope })),
    parentCarers: mapItems(record.parentCarers, ({ personId, parentalResponsibility }) => ({ personId, parentalResponsibility })),
    youngPerson: record.youngPerson && { personId: record.youngPerson.personId },
    onRoll: record.onRoll && { urn: record.onRoll.urn },
    handovers: mapValues(record.handovers, (h) => ({ accepted: h.accepted !== undefined ? true : undefined, toSetting: { urn: h.toSetting.urn } })),
    laMoves: mapValues(record.laMoves, (m) => ({ transferredOut: m.transferredOut, transferredIn: m.transferredIn, toLaCode: m.toLaCode })),
    involvements: mapValues(record.involvements, (i) => ({ ended: i.ended !== undefined ? true : undefined, organisation: i.organisation, service: i.service })),
    leavings: mapValues(record.leavings, (l) => ({ setting: { urn: l.setting.urn }, left: { on: l.left.on }, ctfSent: l.ctfSent !== undefined ? true : undefined })),
    sendFileTransfers: mapValues(record.sendFileTransfers, (t) => ({ sent: { on: t.sent.on, actor: { organisation: t.sent.actor.organisation } } })),
    consentGrants: mapValues(record.consentGrants, (g) => ({
      grantId: g.grantId,
      revoked: g.revoked !== undefined ? true : undefined,
      expiresOn: g.expiresOn,
      scope: g.scope,
      to: { role: g.to.role, organisation: g.to.organisation, ...(g.to.personId !== undefined ? { personId: g.to.personId } : {}) },
    })),
  };
}


/**
 * Settings the child left that have still to send the Common Transfer File or a SEN file (reg 9(3)): a setting's duty
 * on a leaving lasts until it has sent both, the SEN file after the leaving.
 */
export function settingsStillToSend(facts: Pick<AccessFacts, 'leavings' | 'sendFileTransfers'>): readonly string[] {
  const leavings = Object.values(facts.leavings ?? NONE);
  if (leavings.length === 0) return NOTHING;
  const sentFiles = Object.values(facts.sendFileTransfers ?? NONE);
  const owing = leavings.filter((leaving) => {
    const urn = leaving.setting.urn;
    if (!urn) return false;
    const sendFileSent = sentFiles.some((t) => t.sent.actor.organisation === urn && t.sent.on >= leaving.left.on);
    return !leaving.ctfSent || !sendFileSent;
  });
  return owing.map((leaving) => leaving.setting.urn!);
}
