import { childRecordAsOf, type ChildRecordAsOf } from '../../application/child-record-as-of.js';
import type { OneChildDependencies, Reader } from '../../application/child-records.js';
import { mayRead } from '../../domain/access/read-access.js';
import type { ReadKind } from '../../domain/access/read-kinds.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES, takesPartInAppeals, type Role } from '../../domain/roles.js';

export interface ChildTab {
  href: string;
  text: string;
  active: boolean;
}

/** What every page about one child shows above its own content: whose record it is, and the record's sections. */
export interface ChildFrame {
  childId: string;
  name: string;
  dateOfBirth: string | undefined;
  setting: string | undefined;
  /** The reader sees the record only as it stood when their relationship ended. */
  capped: boolean;
  tabs: ChildTab[];
}

export type ChildTabKey = 'record' | 'case' | 'promises' | 'deadlines' | 'sen-support' | 'transition' | 'common-transfer-file' | 'appeal' | 'views' | 'identifiers' | 'access' | 'evidence';

/**
 * The child's record as the reader may read it, with the page frame, or null: the page then answers "not found",
 * the same for a child that does not exist and one the reader has no relationship with (the attempt is logged as
 * denied by the gateway). `what` names the read in the access log.
 */
export async function childFrame(
  deps: OneChildDependencies,
  reader: Reader,
  childId: string,
  active: ChildTabKey,
  what: string,
  kind: ReadKind = 'record',
): Promise<{ known: ChildRecordAsOf; frame: ChildFrame } | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(childId)) return null;
  const known = await childRecordAsOf(deps, reader, childId, what, undefined, kind);
  const record = mayRead(known?.access ?? null, 'record');
  if (!known) return null;
  const base = `/children/${childId}`;
  const role = reader.actor.role as Role;
  const worksTheCase = LOCAL_AUTHORITY_ROLES.includes(role);
  const worksWithSchools = worksTheCase || SETTING_ROLES.includes(role);
  const tabs: Array<ChildTab & { key: ChildTabKey; shown: boolean }> = [
    { key: 'record', href: base, text: 'Record', shown: record, active: false },
    { key: 'case', href: `${base}/case`, text: 'Case', shown: record && worksTheCase, active: false },
    { key: 'promises', href: `${base}/promises`, text: 'What was promised', shown: record, active: false },
    { key: 'deadlines', href: `${base}/deadlines`, text: 'Deadlines', shown: record, active: false },
    { key: 'sen-support', href: `${base}/sen-support`, text: 'SEN support', shown: record, active: false },
    { key: 'transition', href: `${base}/transition`, text: 'Transition and handover', shown: record && worksWithSchools, active: false },
    { key: 'common-transfer-file', href: `${base}/common-transfer-file`, text: 'Common Transfer File', shown: record && worksWithSchools, active: false },
    // Parties to an appeal (family, advocate with consent, LA) follow it here; a school is no party to it.
    { key: 'appeal', href: `${base}/appeal`, text: 'Appeal', shown: record && takesPartInAppeals(role), active: false },
    { key: 'views', href: `${base}/views`, text: 'Views', shown: record, active: false },
    { key: 'identifiers', href: `${base}/identifiers`, text: 'Identifiers', shown: record && worksWithSchools, active: false },
    { key: 'access', href: `${base}/access`, text: 'Who has looked', shown: mayRead(known.access, 'access_log'), active: false },
    { key: 'evidence', href: `${base}/evidence`, text: 'Evidence for a tribunal', shown: mayRead(known.access, 'evidence_export'), active: false },
  ];
  return {
    known,
    frame: {
      childId,
      name: known.record.profile?.displayName ?? 'Child',
      dateOfBirth: known.record.profile?.dateOfBirth,
      setting: known.record.onRoll?.name ?? undefined,
      capped: known.capped,
      tabs: tabs.filter((t) => t.shown).map(({ href, text, key }) => ({ href, text, active: key === active })),
    },
  };
}
