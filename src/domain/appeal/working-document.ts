import type { IsoDate } from '../calendar/iso-date.js';
import { englandDay, ukDate } from '../calendar/uk-dates.js';
import { foldChildRecord } from '../child-record/decider.js';
import type { ChildEventData } from '../child-record/events.js';
import type { Appeal, ChildRecord, EhcPlan, PlanAmendment, ProvisionLine, RecordedBy } from '../child-record/state.js';
import type { AppealParty, WorkingDocumentSection } from '../child-record/vocabulary.js';
import { WORKING_DOCUMENT_SECTIONS } from '../child-record/vocabulary.js';

/**
 * The tribunal's working document (form SEND23) as the ledger holds it: the plan's disputed sections, each change
 * placed after the paragraph it is about, in the key's terms (whose change, added or deleted, agreed or not), with a
 * footnote citing its evidence. Pure: the renderers (src/reports/working-document) put it on paper.
 */

export type EvidenceCitation = PlanAmendment['evidence'][number];
/** The key has two hands: the family's (bold) and the local authority's (italic). */
export type Side = 'family' | 'local_authority';
export type ChangeStatus = 'proposed' | 'agreed' | 'disputed';

export interface WorkingDocumentChange {
  amendmentId: string;
  side: Side;
  proposedBy: AppealParty;
  change: 'add' | 'delete';
  wording: string;
  status: ChangeStatus;
  /** "Agreed by the local authority on 20 February 2026"; "Disputed by ...: <reason>"; "Proposed on ..., not yet answered". */
  statusWords: string;
  disputeReason: string | null;
  proposedOn: IsoDate;
  footnote: number;
}

/** What the plan says now, paragraph by paragraph: the text a change is placed after. */
export type PlanParagraph =
  | { kind: 'need'; needId: string; area: ChildEventData<'NeedsIdentified'>['area']; rank: 'primary' | 'secondary'; description: string }
  | { kind: 'outcome'; outcomeId: string; description: string }
  | { kind: 'provision'; provisionId: string; line: ProvisionLine }
  | { kind: 'named_setting'; setting: { name: string; urn?: string | undefined } | null }
  /** A section of which the ledger holds no text. */
  | { kind: 'not_held'; text: string };

export type SectionBlock = { kind: 'plan'; paragraph: PlanParagraph } | { kind: 'change'; change: WorkingDocumentChange };

export interface WorkingDocumentSectionModel {
  section: WorkingDocumentSection;
  heading: string;
  /** C, D, G and H: the tribunal only recommends on them. */
  advisory: boolean;
  blocks: SectionBlock[];
}

export interface Footnote {
  number: number;
  text: string;
}

export interface VersionShown {
  number: number;
  on: IsoDate;
  issuedBy: AppealParty;
}

/** One move in the exchange: who did what, when. */
export interface Move {
  on: IsoDate;
  party: AppealParty;
  what: string;
}

export interface WorkingDocumentModel {
  appealId: string;
  appeal: {
    reference: string | null;
    against: Appeal['against'];
    sections: Array<'B' | 'F' | 'I'>;
    registeredOn: IsoDate;
  };
  childName: string;
  plan: { planId: string; status: EhcPlan['status']; finalIssuedOn: IsoDate | null; amendments: number } | null;
  /** The version shown: the one asked for, or the last sent; null before any was sent. */
  version: VersionShown | null;
  /** "Version 2 of 20 February 2026, sent by the local authority", or "Draft: no version sent yet". */
  versionWords: string;
  /** Where changes were recorded after the last version sent (only when no earlier version was asked for). */
  inPreparation: string | null;
  /** Every version sent up to the one shown. */
  versions: VersionShown[];
  sections: WorkingDocumentSectionModel[];
  footnotes: Footnote[];
  summary: { inDispute: number; agreed: number; awaitingAnswer: number; withdrawn: number };
  moves: Move[];
}

const HEADINGS: Record<WorkingDocumentSection, string> = {
  B: 'Section B: Special educational needs',
  C: 'Section C: Health care needs related to special educational needs',
  D: 'Section D: Social care needs related to special educational needs or disability',
  E: 'Section E: Outcomes',
  F: 'Section F: Special educational provision',
  G: 'Section G: Health care provision',
  H1: 'Section H1: Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970',
  H2: 'Section H2: Other social care provision',
  I: 'Section I: Placement',
};
const ADVISORY: ReadonlySet<WorkingDocumentSection> = new Set(['C', 'D', 'G', 'H1', 'H2']);

export const sectionHeading = (section: WorkingDocumentSection): string =>
  ADVISORY.has(section) ? `${HEADINGS[section]} (advisory: the tribunal may only recommend)` : HEADINGS[section];

export const PARTY_WORDS: Record<AppealParty, string> = {
  parent_carer: 'the parent or carer',
  young_person: 'the young person',
  local_authority: 'the local authority',
};
export const sideOf = (party: AppealParty): Side => (party === 'local_authority' ? 'local_authority' : 'family');

const dayOf = (by: RecordedBy): IsoDate => englandDay(by.on);

/** "Dr Nadia Farouk, Educational psychologist, report of 10 July 2024, page 4, paragraph 3.2". */
export function citationWords(citation: EvidenceCitation): string {
  return [
    citation.author,
    citation.role,
    `report of ${ukDate(citation.writtenOn)}`,
    citation.page !== undefined ? `page ${citation.page}` : null,
    citation.paragraph !== undefined ? `paragraph ${citation.paragraph}` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
}

const footnoteWords = (evidence: readonly EvidenceCitation[]): string =>
  evidence.length === 0 ? 'No evidence cited.' : `${evidence.map(citationWords).join('; ')}.`;

function standing(amendment: PlanAmendment): Pick<WorkingDocumentChange, 'status' | 'statusWords' | 'disputeReason'> {
  const last = amendment.answers.at(-1);
  if (!last) return { status: 'proposed', statusWords: `Proposed on ${ukDate(dayOf(amendment.proposed))}: not yet answered`, disputeReason: null };
  const by = PARTY_WORDS[last.by];
  if (last.answer === 'agreed') return { status: 'agreed', statusWords: `Agreed by ${by} on ${ukDate(dayOf(last))}`, disputeReason: null };
  return { status: 'disputed', statusWords: `Disputed by ${by} on ${ukDate(dayOf(last))}: ${last.reason ?? 'no reason given'}`, disputeReason: last.reason ?? null };
}

/** The plan the appeal is about: the one it names, else the child's latest plan still in force. */
function planOfAppeal(record: ChildRecord, appeal: Appeal): EhcPlan | null {
  if (appeal.planId) return record.plans[appeal.planId] ?? null;
  const plans = Object.values(record.plans).filter((plan) => plan.status !== 'ceased');
  return plans.at(-1) ?? null;
}

const activeLines = (record: ChildRecord, planId: string, section: WorkingDocumentSection) =>
  Object.values(record.provisions).filter((line) => line.planId === planId && line.section === section && line.status === 'active');

/** The plan's current text for a section, as paragraphs (the ledger holds no text for C and D). */
function planParagraphs(record: ChildRecord, plan: EhcPlan | null, section: WorkingDocumentSection): PlanParagraph[] {
  switch (section) {
    case 'B':
      return record.needs.length === 0
        ? [{ kind: 'not_held', text: 'The ledger holds no needs for this child.' }]
        : record.needs.map((need) => ({ kind: 'need', needId: need.needId, area: need.area, rank: need.rank, description: need.description }));
    case 'C':
    case 'D':
      return [{ kind: 'not_held', text: `The ledger holds no text for section ${section}: only the changes proposed to it are shown.` }];
    case 'E': {
      const outcomes = plan ? Object.values(record.outcomes).filter((outcome) => outcome.planId === plan.planId) : [];
      return outcomes.length === 0
        ? [{ kind: 'not_held', text: 'The ledger holds no outcomes for this plan.' }]
        : outcomes.map((outcome) => ({ kind: 'outcome', outcomeId: outcome.outcomeId, description: outcome.description }));
    }
    case 'I':
      return [{ kind: 'named_setting', setting: plan?.namedSetting ?? null }];
    default: {
      const lines = plan ? activeLines(record, plan.planId, section) : [];
      return lines.length === 0
        ? [{ kind: 'not_held', text: `The plan holds no provision in section ${section}.` }]
        : lines.map((line) => ({ kind: 'provision', provisionId: line.provisionId, line }));
    }
  }
}

/** Whether a change is about this paragraph (and so is placed right after it). */
function isAbout(amendment: PlanAmendment, paragraph: PlanParagraph): boolean {
  const about = amendment.about;
  if (!about) return false;
  switch (paragraph.kind) {
    case 'need':
      return about.kind === 'need' && about.id === paragraph.needId;
    case 'outcome':
      return about.kind === 'outcome' && about.id === paragraph.outcomeId;
    case 'provision':
      return about.kind === 'provision' && about.id === paragraph.provisionId;
    case 'named_setting':
      return about.kind === 'named_setting';
    default:
      return false;
  }
}

/** The record as it stood when a version was sent: the entries up to and including that version's. */
function recordAtVersion(record: ChildRecord, appeal: Appeal, version: number): ChildRecord | null {
  const sent = appeal.workingDocuments.find((document) => document.version === version);
  if (!sent) return null;
  const upTo = record.history.findIndex((entry) => entry.eventId === sent.eventId);
  return upTo < 0 ? null : foldChildRecord(record.history.slice(0, upTo + 1));
}

const amendmentsOf = (record: ChildRecord, appeal: Appeal, plan: EhcPlan | null): PlanAmendment[] =>
  Object.values(record.planAmendments).filter((a) => a.appealId === appeal.appealId || (a.appealId === undefined && plan !== null && a.planId === plan.planId));

function movesOf(record: ChildRecord, appeal: Appeal, amendments: readonly PlanAmendment[]): Move[] {
  const byId = new Map(amendments.map((a) => [a.amendmentId, a]));
  const moves: Move[] = [];
  const change = (a: PlanAmendment) => `${a.change === 'add' ? 'addition to' : 'deletion from'} section ${a.section}`;
  for (const entry of record.history) {
    const on = englandDay(entry.occurredAt);
    if (entry.type === 'PlanAmendmentProposed' && byId.has(entry.data.amendmentId)) {
      const a = byId.get(entry.data.amendmentId)!;
      moves.push({ on, party: a.proposedBy, what: `proposed ${a.change === 'add' ? 'an' : 'a'} ${change(a)}` });
    } else if (entry.type === 'PlanAmendmentAnswered' && byId.has(entry.data.amendmentId)) {
      const a = byId.get(entry.data.amendmentId)!;
      moves.push({ on, party: entry.data.by, what: `${entry.data.answer} ${PARTY_WORDS[a.proposedBy]}'s ${change(a)}` });
    } else if (entry.type === 'PlanAmendmentWithdrawn' && byId.has(entry.data.amendmentId)) {
      const a = byId.get(entry.data.amendmentId)!;
      moves.push({ on, party: a.proposedBy, what: `withdrew their ${change(a)}` });
    } else if (entry.type === 'WorkingDocumentIssued' && entry.data.appealId === appeal.appealId) {
      moves.push({ on, party: entry.data.issuedBy, what: `sent version ${entry.data.version}` });
    }
  }
  return moves;
}

const versionWords = (version: VersionShown | null): string =>
  version ? `Version ${version.number} of ${ukDate(version.on)}, sent by ${PARTY_WORDS[version.issuedBy]}` : 'Draft: no version sent yet';

/** Whether the working document changed after the last version was sent, and so what the next one is. */
function inPreparation(record: ChildRecord, appeal: Appeal, amendments: readonly PlanAmendment[]): string | null {
  const last = appeal.workingDocuments.at(-1);
  const ids = new Set(amendments.map((a) => a.amendmentId));
  const from = last ? record.history.findIndex((entry) => entry.eventId === last.eventId) + 1 : 0;
  const changed = record.history
    .slice(from)
    .some((entry) => (entry.type === 'PlanAmendmentProposed' || entry.type === 'PlanAmendmentAnswered' || entry.type === 'PlanAmendmentWithdrawn') && ids.has(entry.data.amendmentId));
  if (!changed) return null;
  const next = (last?.version ?? 0) + 1;
  return last
    ? `Version ${next} in preparation: changes recorded since version ${last.version} of ${ukDate(dayOf(last))}`
    : `Version ${next} in preparation: no version has been sent yet`;
}

/**
 * The working document of an appeal, as the record stands, or as it stood when `version` was sent. Null when the
 * record holds no such appeal or version.
 */
export function workingDocumentOf(whole: ChildRecord, appealId: string, options: { version?: number } = {}): WorkingDocumentModel | null {
  const appealNow = whole.appeals.find((appeal) => appeal.appealId === appealId);
  if (!appealNow) return null;
  const record = options.version === undefined ? whole : recordAtVersion(whole, appealNow, options.version);
  const appeal = record?.appeals.find((a) => a.appealId === appealId);
  if (!record || !appeal) return null;
  const plan = planOfAppeal(record, appeal);
  const amendments = amendmentsOf(record, appeal, plan);
  const shown = amendments.filter((a) => !a.withdrawn);
  const named = new Set<WorkingDocumentSection>([...(appeal.sections ?? []), ...shown.map((a) => a.section)]);

  const footnotes: Footnote[] = [];
  const placed = (amendment: PlanAmendment): SectionBlock => {
    const number = footnotes.length + 1;
    footnotes.push({ number, text: footnoteWords(amendment.evidence) });
    return {
      kind: 'change',
      change: {
        amendmentId: amendment.amendmentId,
        side: sideOf(amendment.proposedBy),
        proposedBy: amendment.proposedBy,
        change: amendment.change,
        wording: amendment.wording,
        proposedOn: dayOf(amendment.proposed),
        footnote: number,
        ...standing(amendment),
      },
    };
  };

  const sections = WORKING_DOCUMENT_SECTIONS.filter((section) => named.has(section)).map((section): WorkingDocumentSectionModel => {
    const changes = shown.filter((a) => a.section === section);
    const paragraphs = planParagraphs(record, plan, section);
    const placedAfter = new Set<string>();
    const blocks: SectionBlock[] = [];
    for (const paragraph of paragraphs) {
      blocks.push({ kind: 'plan', paragraph });
      for (const amendment of changes.filter((a) => !placedAfter.has(a.amendmentId) && isAbout(a, paragraph))) {
        placedAfter.add(amendment.amendmentId);
        blocks.push(placed(amendment));
      }
    }
    for (const amendment of changes.filter((a) => !placedAfter.has(a.amendmentId))) blocks.push(placed(amendment));
    return { section, heading: sectionHeading(section), advisory: ADVISORY.has(section), blocks };
  });

  const statuses = shown.map((a) => standing(a).status);
  const versions = appeal.workingDocuments.map((d) => ({ number: d.version, on: dayOf(d), issuedBy: d.issuedBy }));
  const version = versions.at(-1) ?? null;
  return {
    appealId,
    appeal: { reference: appeal.tribunalReference ?? null, against: appeal.against, sections: appeal.sections ?? [], registeredOn: dayOf(appeal) },
    childName: record.profile?.displayName ?? '',
    plan: plan ? { planId: plan.planId, status: plan.status, finalIssuedOn: plan.finalIssued ? dayOf(plan.finalIssued) : null, amendments: plan.amendments.length } : null,
    version,
    versionWords: versionWords(version),
    inPreparation: options.version === undefined ? inPreparation(record, appeal, amendments) : null,
    versions,
    sections,
    footnotes,
    summary: {
      inDispute: statuses.filter((s) => s === 'disputed').length,
      agreed: statuses.filter((s) => s === 'agreed').length,
      awaitingAnswer: statuses.filter((s) => s === 'proposed').length,
      withdrawn: amendments.length - shown.length,
    },
    moves: movesOf(record, appeal, amendments),
  };
}
