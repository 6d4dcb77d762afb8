import type { ChildRecord } from '../domain/child-record/state.js';
import { noteRead, readChildrenInScope, type ChildRecordsDependencies, type Reader } from './child-records.js';
import { foldedRecordOf } from './record-views.js';

type RecordedHandover = ChildRecord['handovers'][string];

/** One handover between settings, as a school's list of handovers shows it. */
export interface HandoverBetweenSettings {
  childId: string;
  childName: string;
  handover: RecordedHandover;
  /** The setting the child was on roll at when the handover was issued. */
  fromSetting: { name: string | null; urn: string | null };
}

export interface SchoolHandovers {
  /** Handed to the reader's setting and not yet signed for: what waits on them. */
  incomingToSign: HandoverBetweenSettings[];
  /** Handed to the reader's setting and signed for. */
  incomingSigned: HandoverBetweenSettings[];
  /** Issued by the reader's setting, signed for or not. */
  outgoing: HandoverBetweenSettings[];
}

/**
 * Where the child was on roll when a handover was issued: the last setting it had arrived at by then, not counting
 * the arrival this handover itself brought (signed for the same day, it would otherwise name the receiving school).
 */
function settingWhenIssued(record: ChildRecord, handover: RecordedHandover): { name: string | null; urn: string | null } {
  const stays = record.settingHistory.filter((s) => s.handoverId !== handover.handoverId && s.since.on <= handover.issued.on);
  const stay = stays.at(-1) ?? record.settingHistory[0];
  return { name: stay?.name ?? null, urn: stay?.urn ?? null };
}

const newestFirst = (a: HandoverBetweenSettings, b: HandoverBetweenSettings) => b.handover.issued.on.localeCompare(a.handover.issued.on);

/**
 * The handovers coming in to the reader's setting and those it sent, over the children whose handover packs the
 * reader may read now (the gateway judges each). Only the children with a handover listed are noted in the access
 * log as read: the others were looked through, not shown.
 */
export async function handoversOf(deps: ChildRecordsDependencies, reader: Reader, what: string): Promise<SchoolHandovers> {
  const organisation = reader.actor.organisation;
  const found: SchoolHandovers = { incomingToSign: [], incomingSigned: [], outgoing: [] };
  for (const read of await readChildrenInScope(deps, reader, {}, 'handover_pack')) {
    const record = foldedRecordOf(read.entries);
    const childName = record.profile?.displayName ?? 'Child';
    let listed = false;
    for (const handover of Object.values(record.handovers)) {
      const item = { childId: read.childId, childName, handover, fromSetting: settingWhenIssued(record, handover) };
      if (handover.toSetting.urn === organisation) {
        (handover.accepted ? found.incomingSigned : found.incomingToSign).push(item);
        listed = true;
      } else if (handover.issued.actor.organisation === organisation) {
        found.outgoing.push(item);
        listed = true;
      }
    }
    if (listed) noteRead(reader, read, what);
  }
  found.incomingToSign.sort(newestFirst);
  found.incomingSigned.sort(newestFirst);
  found.outgoing.sort(newestFirst);
  return found;
}
