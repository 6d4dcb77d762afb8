import type { DocumentProjection } from '../src/read-models/read-model-store.js';

/**
 * Which children a person or organisation may have a relationship with: a superset, found from the
 * identifiers entries name (LA codes, URNs, person ids, organisations). List queries start here and then
 * judge each candidate on its own record (src/domain/access/), so the index never grants anything itself.
 */
export const CANDIDATES = 'candidate';
export const laParty = (laCode: string) => `la:${laCode}`;
export const settingParty = (urn: string) => `setting:${urn}`;
export const personParty = (personId: string) => `person:${personId}`;
export const organisationParty = (organisation: string) => `org:${organisation}`;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** The parties an entry's data names (for a correction, its corrected data). */
export function partiesNamedIn(data: Record<string, unknown>): string[] {
  const to = obj(data['to']);
  const toSetting = obj(data['toSetting']);
  const found = [
    str(data['laCode']) && laParty(str(data['laCode'])!),
    str(data['toLaCode']) && laParty(str(data['toLaCode'])!),
    str(data['settingUrn']) && settingParty(str(data['settingUrn'])!),
    str(toSetting['urn']) && settingParty(str(toSetting['urn'])!),
    str(data['personId']) && personParty(str(data['personId'])!),
    str(to['personId']) && personParty(str(to['personId'])!),
    str(data['organisation']) && organisationParty(str(data['organisation'])!),
    str(to['organisation']) && organisationParty(str(to['organisation'])!),
  ];
  return found.filter((party): party is string => Boolean(party));
}

export const childAccessIndex: DocumentProjection = {
  name: 'child-access-index',
  // 2: parties named later are stored as items appended to the child's list (src/read-models/appended-items.ts).
  version: 2,
  apply(entry, documents) {
    if (!entry.streamId.startsWith('child-')) return;
    const childId = entry.streamId.slice('child-'.length);
    const data = entry.type === 'EntryCorrected' ? obj(entry.data['correctedData']) : entry.data;
    const named = partiesNamedIn(data);
    if (named.length === 0) return;
    const known = documents.get<{ childId: string; parties: string[] }>(CANDIDATES, childId)?.parties ?? [];
    const parties = [...new Set([...known, ...named])];
    if (parties.length !== known.length) documents.put(CANDIDATES, childId, { childId, parties }, parties);
  },
};
