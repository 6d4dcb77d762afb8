import { addMonths, englandDateOf, type IsoDate } from '../calendar/iso-date.js';
import { ukDate } from '../calendar/uk-dates.js';
import { isOpen, standingInRecord } from '../child-record/provision-standing.js';
import type { ChildRecord, EhcPlan, PlanAmendment, ProvisionLine } from '../child-record/state.js';
import { PLAN_SECTIONS } from '../child-record/vocabulary.js';

/**
 * The golden thread of a plan: every need in B met by provision in F, every line of F serving a need and resting on
 * current evidence. Each flag names the rule it breaks and the entries it rests on.
 */
export type GoldenThreadFlagKind =
  | 'need_without_provision'
  | 'provision_without_need'
  | 'evidence_over_three_years_old'
  | 'evidence_superseded'
  | 'drafted_on_superseded_plan';

export interface GoldenThreadFlag {
  kind: GoldenThreadFlagKind;
  planId: string;
  provisionId?: string;
  needId?: string;
  amendmentId?: string;
  /** The flag in plain words, with the rule: shown as it is on the promise, in the handover pack and in the bundle. */
  explanation: string;
  /** The entries the flag rests on (the line's promise, the report, the later report...). */
  eventIds: string[];
}

/**
 * A plan whose lines name no need at all: written before the ledger asked which need a line serves. It gets this
 * one note instead of a need and a provision flag for every need and line, which would bury the real flags.
 */
export interface GoldenThreadNote {
  planId: string;
  explanation: string;
}

/** The tribunal's Practice Direction: expert evidence no more than 3 years old at the hearing. */
const EVIDENCE_MONTHS = 36;

type Citation = NonNullable<ProvisionLine['evidence']>[number];

/** The plans the LA maintained on the day (a draft is being made; a ceased plan is no longer anyone's duty). */
const maintained = (record: ChildRecord, asOf: IsoDate): EhcPlan[] =>
  Object.values(record.plans).filter((plan) => englandDateOf(plan.draftIssued.on) <= asOf && !(plan.ceased && englandDateOf(plan.ceased.on) <= asOf));

/** The plan's lines (sections F to H2) still owed on the day. */
function openLinesOf(record: ChildRecord, planId: string, asOf: IsoDate): ProvisionLine[] {
  return Object.values(record.provisions)
    .filter((line) => line.planId === planId && PLAN_SECTIONS.includes(line.section as never))
    .filter((line) => englandDateOf(line.promised.on) <= asOf && isOpen(standingInRecord(record, line, asOf).status));
}

/**
 * Whether the plan takes part in the golden thread: some line of it, open or not, names a need it serves. A plan
 * none of whose lines names a need was written before lines could: its needs and lines are not flagged one by one.
 */
const isThreaded = (record: ChildRecord, planId: string, asOf: IsoDate): boolean =>
  Object.values(record.provisions).some((line) => line.planId === planId && englandDateOf(line.promised.on) <= asOf && (line.needIds?.length ?? 0) > 0);

/** The plans whose lines name no need: one note each, not counted as flags. */
export function goldenThreadNotes(record: ChildRecord, asOf: IsoDate): GoldenThreadNote[] {
  return maintained(record, asOf)
    .filter((plan) => !isThreaded(record, plan.planId, asOf))
    .filter((plan) => openLinesOf(record, plan.planId, asOf).some((line) => line.section === 'F'))
    .map((plan) => ({
      planId: plan.planId,
      explanation:
        'No line of this plan says which need in section B it meets: the plan was written before the ledger recorded it, ' +
        'so whether every need has provision and every line serves a need is not checked. Tie each line to its needs when the plan is next amended.',
    }));
}

/**
 * Every flag on the plans the LA maintains, as of a day:
 * - a need in B that no open line of F serves, and an open line of F tied to no need (SEND Code of Practice 9.69:
 *   provision must be specified for each and every need in B), for plans that take part in the golden thread;
 * - an open line citing a report written more than 3 years before the day, or a report a later one of the same kind
 *   supersedes (see `laterReportThan`);
 * - a change proposed in the working document, neither withdrawn nor agreed, written against a version of the plan
 *   that a later amendment replaced.
 */
export function goldenThreadFlags(record: ChildRecord, asOf: IsoDate): GoldenThreadFlag[] {
  const flags: GoldenThreadFlag[] = [];
  for (const plan of maintained(record, asOf)) {
    const lines = openLinesOf(record, plan.planId, asOf);
    if (isThreaded(record, plan.planId, asOf)) flags.push(...needsAndProvision(record, plan.planId, lines.filter((line) => line.section === 'F'), asOf));
    for (const line of lines) flags.push(...evidenceFlags(record, plan.planId, line, asOf));
    flags.push(...draftsOnSupersededPlan(record, plan, asOf));
  }
  return flags;
}

/** A need's description, cut at a word near 100 characters. */
function quoted(text: string, max = 100): string {
  if (text.length <= max) return `“${text}”`;
  const cut = text.slice(0, max);
  return `“${cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;:.]+$/, '')}…”`;
}

function needsAndProvision(record: ChildRecord, planId: string, sectionF: ProvisionLine[], asOf: IsoDate): GoldenThreadFlag[] {
  const needs = record.needs.filter((need) => englandDateOf(need.identified.on) <= asOf);
  const known = new Set(needs.map((need) => need.needId));
  const flags: GoldenThreadFlag[] = [];
  for (const need of needs) {
    if (sectionF.some((line) => line.needIds?.includes(need.needId))) continue;
    flags.push({
      kind: 'need_without_provision',
      planId,
      needId: need.needId,
      explanation:
        `Section B names a need that no provision in section F meets: ${quoted(need.description)} (identified on ${ukDate(englandDateOf(need.identified.on))}). ` +
        'The SEND Code of Practice (9.69) says provision must be specified for each and every need in section B.',
      eventIds: [need.identified.eventId],
    });
  }
  for (const line of sectionF) {
    if ((line.needIds ?? []).some((id) => known.has(id))) continue;
    flags.push({
      kind: 'provision_without_need',
      planId,
      provisionId: line.provisionId,
      explanation:
        'This line does not say which need in section B it meets. The SEND Code of Practice (9.69) ties provision in section F to the needs in section B: ' +
        'name the need it serves, or ask whether it belongs in the plan.',
      eventIds: [line.promised.eventId],
    });
  }
  return flags;
}

const reportWords = (citation: Pick<Citation, 'author' | 'role' | 'writtenOn'>) =>
  `${citation.author}, ${citation.role.charAt(0).toLowerCase()}${citation.role.slice(1)}, written on ${ukDate(citation.writtenOn)}`;

function evidenceFlags(record: ChildRecord, planId: string, line: ProvisionLine, asOf: IsoDate): GoldenThreadFlag[] {
  const flags: GoldenThreadFlag[] = [];
  const oldest = addMonths(asOf, -EVIDENCE_MONTHS);
  for (const citation of line.evidence ?? []) {
    const rests = [line.promised.eventId, ...adviceEntry(record, citation)];
    if (citation.writtenOn < oldest) {
      flags.push({
        kind: 'evidence_over_three_years_old',
        planId,
        provisionId: line.provisionId,
        explanation:
          `This line rests on a report by ${reportWords(citation)}, more than 3 years ago: ` +
          'the tribunal\'s Practice Direction asks for expert evidence no older than that at the hearing.',
        eventIds: rests,
      });
    }
    const later = laterReportThan(record, citation, asOf, line.provisionId);
    if (later) {
      flags.push({
        kind: 'evidence_superseded',
        planId,
        provisionId: line.provisionId,
        explanation:
          `This line rests on a report by ${reportWords(citation)}; a later report of the same kind, ${later.words}, ${later.where}. ` +
          'Check whether the line still follows the latest evidence.',
        eventIds: [...rests, later.eventId],
      });
    }
  }
  return flags;
}

/** The entry that received the advice a citation names, if it came as advice to this record. */
function adviceEntry(record: ChildRecord, citation: Citation): string[] {
  const received = citation.adviceRequestId ? record.adviceRequests[citation.adviceRequestId]?.received : undefined;
  return received ? [received.eventId] : [];
}

/**
 * A profession, as a report's author role names it: "Educational psychologist (independent, HCPC registered)" and
 * "Senior educational psychologist" are both an educational psychologist's reports.
 */
export function professionOf(role: string): string {
  return role
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(independent|senior|principal|consultant|specialist|registered|hcpc|lead|locum|trainee|nhs)\b/g, ' ')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

interface LaterReport {
  writtenOn: IsoDate;
  words: string;
  where: string;
  eventId: string;
}

/**
 * The latest report that supersedes a cited one, if any. A report supersedes another when it is of the same kind and
 * written later: another report cited anywhere in the record (a line of any plan, a change proposed in the working
 * document) by an author of the same profession (`professionOf`); or, for a report that came as advice, advice of the
 * same type (psychological, medical...) asked for after the cited report was written. Reports the record only cites
 * are compared by profession; advice is compared by its type, because the ledger keeps who was asked, not who wrote.
 */
export function laterReportThan(record: ChildRecord, citation: Citation, asOf: IsoDate, citedBy?: string): LaterReport | undefined {
  const profession = professionOf(citation.role);
  const sameReport = (other: Citation) => other.author === citation.author && other.writtenOn === citation.writtenOn;
  const candidates: LaterReport[] = [];
  const consider = (other: Citation, where: string, eventId: string, on: string) => {
    if (englandDateOf(on) > asOf || sameReport(other) || other.writtenOn <= citation.writtenOn || professionOf(other.role) !== profession) return;
    candidates.push({ writtenOn: other.writtenOn, words: `by ${reportWords(other)}`, where, eventId });
  };
  for (const line of Object.values(record.provisions)) {
    const where = line.provisionId === citedBy ? 'is cited by this line too' : 'is cited by another line of provision';
    for (const other of line.evidence ?? []) consider(other, where, line.promised.eventId, line.promised.on);
  }
  for (const amendment of Object.values(record.planAmendments)) {
    for (const other of amendment.evidence) consider(other, `is cited in ${partyWords(amendment)} proposed change to section ${amendment.section}`, amendment.proposed.eventId, amendment.proposed.on);
  }
  const cited = citation.adviceRequestId ? record.adviceRequests[citation.adviceRequestId] : undefined;
  if (cited && cited.adviceType !== 'other') {
    for (const advice of Object.values(record.adviceRequests)) {
      const requestedOn = englandDateOf(advice.requested.on);
      if (advice.adviceRequestId === cited.adviceRequestId || advice.adviceType !== cited.adviceType || !advice.received) continue;
      if (requestedOn <= citation.writtenOn || englandDateOf(advice.received.on) > asOf) continue;
      candidates.push({
        writtenOn: requestedOn,
        words: `the ${advice.adviceType.replace(/_/g, ' ')} advice from ${advice.from.organisation} received on ${ukDate(englandDateOf(advice.received.on))}`,
        where: 'was asked for after it',
        eventId: advice.received.eventId,
      });
    }
  }
  return candidates.sort((a, b) => b.writtenOn.localeCompare(a.writtenOn))[0];
}

const partyWords = (amendment: PlanAmendment) =>
  amendment.proposedBy === 'local_authority' ? 'the local authority\'s' : amendment.proposedBy === 'young_person' ? 'the young person\'s' : 'the parent\'s';

function draftsOnSupersededPlan(record: ChildRecord, plan: EhcPlan, asOf: IsoDate): GoldenThreadFlag[] {
  const amendments = plan.amendments.filter((amendment) => englandDateOf(amendment.on) <= asOf);
  const current = 1 + amendments.length;
  return Object.values(record.planAmendments)
    .filter((change) => change.planId === plan.planId && englandDateOf(change.proposed.on) <= asOf)
    .filter((change) => !(change.withdrawn && englandDateOf(change.withdrawn.on) <= asOf))
    .filter((change) => change.answers.filter((answer) => englandDateOf(answer.on) <= asOf).at(-1)?.answer !== 'agreed')
    .filter((change) => change.planVersion < current)
    .map((change) => {
      const next = amendments[change.planVersion - 1]!;
      return {
        kind: 'drafted_on_superseded_plan' as const,
        planId: plan.planId,
        amendmentId: change.amendmentId,
        explanation:
          `This change to section ${change.section} was written against version ${change.planVersion} of the plan, which the amendment of ` +
          `${ukDate(englandDateOf(next.on))} replaced (the plan is now at version ${current}): check its wording against the plan as it now stands.`,
        eventIds: [change.proposed.eventId, next.eventId],
      };
    });
}
