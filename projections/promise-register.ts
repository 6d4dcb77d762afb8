import { toChildEvent } from '../src/domain/child-record/decider.js';
import { isErasedData } from '../src/domain/child-record/events.js';
import type { ChildEvent } from '../src/domain/child-record/events.js';
import type { DocumentProjection, DocumentWriter } from '../src/read-models/read-model-store.js';

export interface ProvisionHistory {
  provisionId: string;
  childId: string;
  /** Every entry about this provision line, in log order, including corrections of them. */
  events: ChildEvent[];
}

export interface PlanCessations {
  planId: string;
  events: ChildEvent[];
}

/**
 * Where the child was on roll: the registration's setting, each handover and its acceptance (and corrections of
 * them), so a line's sessions can be split by setting and a setting's promises found after the child moved there.
 * The registration is kept without the child's name and date of birth: only its setting is needed here.
 */
export interface ChildPlacements {
  childId: string;
  events: ChildEvent[];
}

/** Collections of the promise register. */
export const PROVISIONS = 'provision';
export const PLAN_CESSATIONS = 'plan-cessation';
/** The type of each plan (EHC plan today), so a promise's legal force comes from its plan type's registry entry. */
export const PLAN_TYPES = 'plan-type';
export const PLACEMENTS = 'child-placement';

const PROVISION_TYPES = new Set(['ProvisionPromised', 'ProvisionVaried', 'ProvisionWithdrawn', 'ProvisionDelivered', 'ShortfallReported']);
const PLACEMENT_TYPES = new Set(['ChildRegistered', 'HandoverIssued', 'HandoverAccepted']);

export const childTag = (childId: string) => `child:${childId}`;
export const organisationTag = (organisation: string) => `org:${organisation}`;

/**
 * Tags: the child, every organisation that has delivered or promised the line, and every setting the child has
 * been on roll at (a receiving setting owes the lines it took on). The query then filters exactly.
 */
function tagsOf(history: ProvisionHistory, settingUrns: readonly string[]): string[] {
  const tags = new Set([childTag(history.childId), ...settingUrns.map(organisationTag)]);
  for (const event of history.events) {
    const data = event.data as { deliveredBy?: { organisation?: string }; changes?: { deliveredBy?: { organisation?: string } } };
    const delivering = data.deliveredBy?.organisation ?? data.changes?.deliveredBy?.organisation;
    if (event.type === 'ProvisionPromised' && event.actor.organisation) tags.add(organisationTag(event.actor.organisation));
    if (delivering) tags.add(organisationTag(delivering));
  }
  return [...tags];
}

/** Which documents hold a child's data, so an erasure can remove them all (a read model holds plain text). */
const CHILD_DOCUMENTS = 'child-documents';
interface ChildDocuments {
  provisions: string[];
  plans: string[];
}

/** The setting (registration) or receiving setting (handover) an entry names. */
const settingUrnOf = (event: ChildEvent): string | undefined => {
  const data = event.data as { settingUrn?: string; toSetting?: { urn?: string }; correctedData?: { settingUrn?: string; toSetting?: { urn?: string } } };
  return data.settingUrn ?? data.toSetting?.urn ?? data.correctedData?.settingUrn ?? data.correctedData?.toSetting?.urn;
};
const settingUrnsOf = (placements: ChildPlacements | undefined): string[] =>
  [...new Set((placements?.events ?? []).map(settingUrnOf).filter((urn): urn is string => urn !== undefined))];

/** Only what the placement needs of a registration (or of its correction): never the child's name or date of birth. */
function placementOf(event: ChildEvent): ChildEvent {
  const keep = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([key]) => key === 'settingUrn' || key === 'settingName' || key === 'childId'));
  if (event.type === 'ChildRegistered') return { ...event, data: keep(event.data) } as ChildEvent;
  if (event.type === 'EntryCorrected' && event.data.correctedData && 'childId' in event.data.correctedData) {
    return { ...event, data: { ...event.data, correctedData: keep(event.data.correctedData) } };
  }
  return event;
}

/** Add to the child's list; unchanged lists are kept as they are (documents are frozen and shared, not copied). */
function remember(documents: DocumentWriter, childId: string, add: { provision?: string; plan?: string }): void {
  const known = documents.get<ChildDocuments>(CHILD_DOCUMENTS, childId);
  const withOnce = (ids: string[], id: string | undefined) => (id === undefined || ids.includes(id) ? ids : [...ids, id]);
  const provisions = withOnce(known?.provisions ?? [], add.provision);
  const plans = withOnce(known?.plans ?? [], add.plan);
  if (known && provisions === known.provisions && plans === known.plans) return;
  documents.put(CHILD_DOCUMENTS, childId, { provisions, plans });
}

/**
 * The line a corrected entry was filed with: looked up in the child's lines when a correction comes (rarely),
 * rather than kept as a document per entry written with every delivery. Only entries about a line count, as
 * they were filed by their own type (a correction of a correction is not filed again).
 */
function lineOfEntry(documents: DocumentWriter, childId: string, eventId: string): string | undefined {
  for (const provisionId of documents.get<ChildDocuments>(CHILD_DOCUMENTS, childId)?.provisions ?? []) {
    const history = documents.get<ProvisionHistory>(PROVISIONS, provisionId);
    if (history?.events.some((e) => e.eventId === eventId && PROVISION_TYPES.has(e.type))) return provisionId;
  }
  return undefined;
}

function forgetChild(documents: DocumentWriter, childId: string): void {
  const known = documents.get<ChildDocuments>(CHILD_DOCUMENTS, childId);
  if (!known) return;
  for (const id of known.provisions) documents.delete(PROVISIONS, id);
  for (const id of known.plans) {
    documents.delete(PLAN_TYPES, id);
    documents.delete(PLAN_CESSATIONS, id);
  }
  documents.delete(PLACEMENTS, childId);
  documents.delete(CHILD_DOCUMENTS, childId);
}

function fileWithProvision(documents: DocumentWriter, provisionId: string, childId: string, event: ChildEvent): void {
  const before = documents.get<ProvisionHistory>(PROVISIONS, provisionId) ?? { provisionId, childId, events: [] };
  const history = { ...before, events: [...before.events, event] };
  documents.put(PROVISIONS, provisionId, history, tagsOf(history, settingUrnsOf(documents.get<ChildPlacements>(PLACEMENTS, childId))));
}

/** File a registration, handover or acceptance (or a correction of one); a new setting re-tags the child's lines. */
function fileWithPlacements(documents: DocumentWriter, childId: string, event: ChildEvent): void {
  const before = documents.get<ChildPlacements>(PLACEMENTS, childId) ?? { childId, events: [] };
  const placements = { ...before, events: [...before.events, placementOf(event)] };
  documents.put(PLACEMENTS, childId, placements);
  const urns = settingUrnsOf(placements);
  if (urns.join() === settingUrnsOf(before).join()) return;
  for (const provisionId of documents.get<ChildDocuments>(CHILD_DOCUMENTS, childId)?.provisions ?? []) {
    const history = documents.get<ProvisionHistory>(PROVISIONS, provisionId);
    if (history) documents.put(PROVISIONS, provisionId, history, tagsOf(history, urns));
  }
}

/**
 * The register behind `promises`: who promised which provision, every later version, and its
 * delivery record, kept as one document per provision line with the entries about it.
 */
export const promiseRegister: DocumentProjection = {
  name: 'promise-register',
  // 5: a line's entries and a child's document lists are stored as items appended to them (src/read-models/appended-items.ts),
  // and a corrected entry's line is found in the child's lines instead of a document per entry.
  version: 5,
  apply(entry, documents) {
    if (!entry.streamId.startsWith('child-') || isErasedData(entry.data)) return;
    const event = toChildEvent(entry);
    const childId = entry.streamId.slice('child-'.length);
    if (event.type === 'ChildRecordErased') {
      forgetChild(documents, childId);
      return;
    }
    if (PROVISION_TYPES.has(event.type)) {
      const provisionId = (event.data as { provisionId: string }).provisionId;
      fileWithProvision(documents, provisionId, childId, event);
      remember(documents, childId, { provision: provisionId });
    } else if (event.type === 'DraftPlanIssued' || event.type === 'StatementTransferredToEhcPlan') {
      const planType = (event.data as { planType?: string }).planType ?? 'ehc_plan';
      documents.put(PLAN_TYPES, event.data.planId, { planId: event.data.planId, planType });
      remember(documents, childId, { plan: event.data.planId });
    } else if (event.type === 'PlanCeased') {
      const cessations = documents.get<PlanCessations>(PLAN_CESSATIONS, event.data.planId) ?? { planId: event.data.planId, events: [] };
      documents.put(PLAN_CESSATIONS, event.data.planId, { ...cessations, events: [...cessations.events, event] });
      remember(documents, childId, { plan: event.data.planId });
    } else if (PLACEMENT_TYPES.has(event.type)) {
      fileWithPlacements(documents, childId, event);
    } else if (event.type === 'EntryCorrected') {
      const provisionId = lineOfEntry(documents, childId, event.data.supersedesEventId);
      if (provisionId) fileWithProvision(documents, provisionId, childId, event);
      const placements = documents.get<ChildPlacements>(PLACEMENTS, childId);
      if (placements?.events.some((e) => e.eventId === event.data.supersedesEventId)) fileWithPlacements(documents, childId, event);
    }
  },
};
