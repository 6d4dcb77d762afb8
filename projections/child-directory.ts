import { isErasedData } from '../src/domain/child-record/events.js';
import type { DocumentProjection } from '../src/read-models/read-model-store.js';

export interface ChildDirectoryEntry {
  childId: string;
  /** The LA the child belongs to: where registered, then the new LA of each plan transferred in (reg 15). */
  laCode: string;
  /** The setting the child is on roll at: where registered, then each receiving setting that signed for a handover. */
  settingUrn: string | null;
}

export const CHILDREN = 'child';
export const laTag = (laCode: string) => `la:${laCode}`;
export const settingTag = (urn: string) => `setting:${urn}`;

const tags = (entry: ChildDirectoryEntry) => [laTag(entry.laCode), ...(entry.settingUrn ? [settingTag(entry.settingUrn)] : [])];

/** Which children belong to which LA and setting: how LA-wide and setting-wide questions find their children. */
interface PendingMove {
  /** The LaMoveNotified entry, so that a correction of its toLaCode is followed. */
  eventId: string;
  toLaCode: string;
}
const MOVES = 'la-move';

export const childDirectory: DocumentProjection = {
  name: 'child-directory',
  version: 4,
  apply(entry, documents) {
    if (!entry.streamId.startsWith('child-') || isErasedData(entry.data)) return;
    const childId = entry.streamId.slice('child-'.length);
    if (entry.type === 'ChildRecordErased') {
      documents.delete(CHILDREN, childId);
      documents.delete('handover-setting', childId);
      return;
    }
    if (entry.type === 'LaMoveNotified' || entry.type === 'EntryCorrected' || entry.type === 'PlanTransferredIn') {
      // SEND Regs 2014 reg 15(3): from the transfer in, the child belongs to the new LA (its `la:` tag moves).
      const moves = documents.get<Record<string, PendingMove>>(MOVES, childId) ?? {};
      if (entry.type === 'LaMoveNotified') {
        const data = entry.data as { moveId: string; toLaCode: string };
        documents.put(MOVES, childId, { ...moves, [data.moveId]: { eventId: entry.eventId, toLaCode: data.toLaCode } });
        return;
      }
      if (entry.type === 'EntryCorrected') {
        const data = entry.data as { supersedesEventId: string; correctedData?: { toLaCode?: unknown } };
        const [moveId, move] = Object.entries(moves).find(([, m]) => m.eventId === data.supersedesEventId) ?? [];
        const toLaCode = data.correctedData?.toLaCode;
        if (moveId && move && typeof toLaCode === 'string') documents.put(MOVES, childId, { ...moves, [moveId]: { ...move, toLaCode } });
        return;
      }
      const move = moves[(entry.data as { moveId: string }).moveId];
      const child = documents.get<ChildDirectoryEntry>(CHILDREN, childId);
      if (child && move) documents.put(CHILDREN, childId, { ...child, laCode: move.toLaCode }, tags({ ...child, laCode: move.toLaCode }));
      return;
    }
    if (entry.type === 'ChildRegistered') {
      const data = entry.data as { laCode: string; settingUrn?: string };
      const child = { childId, laCode: data.laCode, settingUrn: data.settingUrn ?? null };
      documents.put(CHILDREN, childId, child, tags(child));
    } else if (entry.type === 'HandoverIssued' || entry.type === 'HandoverAccepted') {
      const handovers = documents.get<Record<string, string | null>>('handover-setting', childId) ?? {};
      const data = entry.data as { handoverId: string; toSetting?: { urn?: string } };
      if (entry.type === 'HandoverIssued') {
        documents.put('handover-setting', childId, { ...handovers, [data.handoverId]: data.toSetting?.urn ?? null });
        return;
      }
      const child = documents.get<ChildDirectoryEntry>(CHILDREN, childId);
      // A receiving setting with no URN still takes the child off the sending setting's roll.
      if (!child || !(data.handoverId in handovers)) return;
      const moved = { ...child, settingUrn: handovers[data.handoverId] ?? null };
      documents.put(CHILDREN, childId, moved, tags(moved));
    }
  },
};
