import type { DocumentProjection } from '../src/read-models/read-model-store.js';

export interface ChildDirectoryEntry {
  childId: string;
  laCode: string;
  /** The setting the child is on roll at: where registered, then each receiving setting that signed for a handover. */
  settingUrn: string | null;
}

export const CHILDREN = 'child';
export const laTag = (laCode: string) => `la:${laCode}`;
export const settingTag = (urn: string) => `setting:${urn}`;

const tags = (entry: ChildDirectoryEntry) => [laTag(entry.laCode), ...(entry.settingUrn ? [settingTag(entry.settingUrn)] : [])];

/** Which children belong to which LA and setting: how LA-wide and setting-wide questions find their children. */
export const childDirectory: DocumentProjection = {
  name: 'child-directory',
  version: 1,
  apply(entry, documents) {
    if (!entry.streamId.startsWith('child-')) return;
    const childId = entry.streamId.slice('child-'.length);
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
      const urn = handovers[data.handoverId];
      if (child && urn) documents.put(CHILDREN, childId, { ...child, settingUrn: urn }, tags({ ...child, settingUrn: urn }));
    }
  },
};
