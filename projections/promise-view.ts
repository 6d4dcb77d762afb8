import { englandDateOf } from '../src/domain/calendar/iso-date.js';
import { applyCorrections } from '../src/domain/child-record/corrections.js';
import { evolve } from '../src/domain/child-record/evolve.js';
import type { ChildEvent, ChildEventData } from '../src/domain/child-record/events.js';
import { provisionStanding, type ProvisionStatus, type SettingPart, type StopReason } from '../src/domain/child-record/provision-standing.js';
import { initialChildRecord, type ProvisionLine, type ProvisionTerms } from '../src/domain/child-record/state.js';
import type { ProvisionSection } from '../src/domain/child-record/vocabulary.js';
import type { Actor } from '../src/ledger/envelope.js';
import type { DocumentReader } from '../src/read-models/read-model-store.js';
import { compareKeys, cursorOf, type Page, type PageRequest, type SortKey } from '../src/application/paging.js';
import { PLAN_TYPE_REGISTRY, SEN_SUPPORT_FORCE, type PromiseKind, type SectionForce } from '../src/domain/child-record/plan-types.js';
import {
  PLACEMENTS, PLAN_CESSATIONS, PLAN_TYPES, PROVISIONS, childTag, organisationTag, type ChildPlacements, type PlanCessations, type ProvisionHistory,
} from './promise-register.js';

export type PromiseStatus = ProvisionStatus;

export interface PromiseVersion {
  kind: 'promised' | 'varied' | 'withdrawn' | 'corrected' | 'retracted';
  eventId: string;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
  reason: string | null;
  authority: ChildEventData<'ProvisionPromised'>['authority'] | null;
  /** For a correction: the entry it supersedes. */
  supersedes: string | null;
  /** The terms in force after this version. */
  terms: ProvisionTerms;
}

export interface PromiseView {
  provisionId: string;
  childId: string;
  planId: string | null;
  section: ProvisionSection;
  status: PromiseStatus;
  /** The last day the line was owed and why it stopped (provision-standing.ts); null while owed. */
  stopped: { on: string; because: StopReason } | null;
  /** Where the line is owed now (or was, when it stopped): the setting of its last part. */
  setting: SettingPart['setting'] | null;
  terms: ProvisionTerms;
  promisedBy: Actor;
  promisedAt: string;
  recordedAt: string;
  authority: ChildEventData<'ProvisionPromised'>['authority'];
  /** How binding it is, derived from where it was made (its plan type and section, or SEN support): never typed by hand. */
  legalForce: SectionForce;
  history: PromiseVersion[];
  delivery: {
    sessionsDelivered: number;
    minutesDelivered: number;
    sessionsExpectedSoFar: number;
    /** The line's sessions split by the setting the child was on roll at: each setting's own part. */
    settingParts: SettingPart[];
    lastDeliveredOn: string | null;
    deliveries: Array<{ eventId: string; on: string; recordedAt: string; sessions: number; minutes: number; deliveredBy: { name: string; role: string } }>;
    shortfalls: Array<{ eventId: string; recordedAt: string; periodFrom: string; periodTo: string; sessionsMissed: number; reason: string }>;
  };
}

export interface PromiseFilter {
  childId?: string;
  /** Matches the organisation that delivers it or the organisation of whoever promised it. */
  organisation?: string;
  section?: ProvisionSection;
  status?: PromiseStatus;
  legalForce?: PromiseKind;
  /** Recorded time: the register as it was known then (default: now). */
  asOf?: string;
}

/** A section its plan type does not define (should not happen: the decider only accepts defined sections). */
const UNKNOWN_FORCE: SectionForce = { kind: 'no_duty', force: 'no_duty', dutyOn: 'unknown: the plan type does not define this section', source: '-' };

export async function queryPromises(register: DocumentReader, filter: PromiseFilter, now: Date): Promise<PromiseView[]> {
  const views: PromiseView[] = [];
  const build = viewBuilder(register, filter, now);
  for (const history of await candidatesOf(register, filter, () => true)) {
    const view = await build(history);
    if (view && matches(view, filter)) views.push(view);
  }
  return views.sort((a, b) => a.promisedAt.localeCompare(b.promisedAt) || a.provisionId.localeCompare(b.provisionId));
}

/**
 * The order promises are paged in: by the line's id, fixed when the line is promised, so a new line, a variation or
 * a correction never moves a line already seen past a reader's cursor. It is the register's own key, so a page reads
 * the keys of the lines in scope and then only its own lines' documents.
 */
export const promiseKey = (line: { provisionId: string }): SortKey => [line.provisionId];

/** A page of promises; `totalCount` is worked out only when asked, as it may mean building every line's view. */
export type PromisePage = Omit<Page<PromiseView>, 'totalCount'> & { totalCount: () => Promise<number> };

/**
 * One page of the register's promises, for the children `mayRead` lets through. The register's documents are
 * put in cursor order and a line's view (its fold, plan, placements and standing) is built only until the page
 * is full and one more is found: the first page of a school's thousands of lines builds about fifty. Filters on
 * what the view works out (status, legal force, organisation) are judged as the views are built, in order.
 * `totalCount` is exact: with no such filter it counts the lines that exist as known at `asOf` without building
 * their views; with one, it builds every remaining view.
 */
export async function queryPromisePage(
  register: DocumentReader,
  filter: PromiseFilter,
  now: Date,
  request: PageRequest,
  mayRead: (childId: string) => boolean,
): Promise<PromisePage> {
  const candidates = (await candidateKeys(register, filter)).map((key) => ({ key: [key] as SortKey, provisionId: key }));
  const build = viewBuilder(register, filter, now);
  const built = new Map<number, PromiseView | null>();
  const historyAt = async (i: number) => {
    const history = await register.get<ProvisionHistory>(PROVISIONS, candidates[i]!.provisionId);
    return history && (!filter.childId || history.childId === filter.childId) && mayRead(history.childId) ? history : null;
  };
  const matchAt = async (i: number) => {
    if (!built.has(i)) {
      const history = await historyAt(i);
      const view = history && (await build(history));
      built.set(i, view && matches(view, filter) ? view : null);
    }
    return built.get(i)!;
  };
  const nodes: PromiseView[] = [];
  let hasNextPage = false;
  let hasPreviousPage = false;
  if (request.before) {
    // A web page's "Previous": the lines just before the key, walked back from it.
    const before = request.before;
    let end = candidates.findIndex((c) => compareKeys(c.key, before) >= 0);
    if (end < 0) end = candidates.length;
    hasNextPage = end < candidates.length;
    for (let i = end - 1; i >= 0; i--) {
      const view = await matchAt(i);
      if (!view) continue;
      if (nodes.length === request.first) {
        hasPreviousPage = true;
        break;
      }
      nodes.unshift(view);
    }
  } else {
    const after = request.after;
    let start = after ? candidates.findIndex((c) => compareKeys(c.key, after) > 0) : 0;
    if (start < 0) start = candidates.length;
    hasPreviousPage = start > 0;
    for (let i = start; i < candidates.length; i++) {
      const view = await matchAt(i);
      if (!view) continue;
      if (nodes.length === request.first) {
        hasNextPage = true;
        break;
      }
      nodes.push(view);
    }
  }
  const cursors = nodes.map((view) => cursorOf(request.kind, promiseKey(view)));
  const computed = filter.section !== undefined || filter.status !== undefined || filter.legalForce !== undefined || filter.organisation !== undefined;
  const totalCount = async () => {
    let count = 0;
    if (!computed) {
      for (let i = 0; i < candidates.length; i++) {
        const history = await historyAt(i);
        if (history && lineExists(history, filter.asOf ?? null)) count++;
      }
      return count;
    }
    for (let i = 0; i < candidates.length; i++) if (await matchAt(i)) count++;
    return count;
  };
  // Going forward, hasPreviousPage says a document lies before the page, without building it to judge the filter.
  return { nodes, cursors, pageInfo: { hasNextPage, hasPreviousPage, endCursor: cursors.at(-1) ?? null, startCursor: cursors[0] ?? null }, totalCount };
}

/** The keys of the register's lines that may answer the filter (by the child's or the organisation's tag), in key order. */
const candidateKeys = (register: DocumentReader, filter: PromiseFilter): Promise<string[]> =>
  register.keys(PROVISIONS, filter.childId ? childTag(filter.childId) : filter.organisation ? organisationTag(filter.organisation) : undefined);

/** The register's documents that may answer the filter: by the child's or the organisation's tag, then the child and the reader. */
async function candidatesOf(register: DocumentReader, filter: PromiseFilter, mayRead: (childId: string) => boolean): Promise<ProvisionHistory[]> {
  const tag = filter.childId ? childTag(filter.childId) : filter.organisation ? organisationTag(filter.organisation) : undefined;
  const histories = await register.list<ProvisionHistory>(PROVISIONS, tag);
  return histories.filter((history) => (!filter.childId || history.childId === filter.childId) && mayRead(history.childId));
}

/** Builds views, reading each child's placements once. */
function viewBuilder(register: DocumentReader, filter: PromiseFilter, now: Date) {
  const placementsOf = new Map<string, ChildEvent[]>();
  return async (history: ProvisionHistory) => {
    if (!placementsOf.has(history.childId)) placementsOf.set(history.childId, (await register.get<ChildPlacements>(PLACEMENTS, history.childId))?.events ?? []);
    return viewFromRegister(register, history, filter.asOf ?? null, now, placementsOf.get(history.childId)!);
  };
}

const matches = (view: PromiseView, filter: PromiseFilter) =>
  (!filter.section || view.section === filter.section) &&
  (!filter.status || view.status === filter.status) &&
  (!filter.legalForce || view.legalForce.kind === filter.legalForce) &&
  (!filter.organisation || concerns(view, filter.organisation));

/** Whether the line was promised (and not retracted) as known at `asOf`: what viewPromise needs before it answers anything. */
function lineExists(history: ProvisionHistory, asOf: string | null): boolean {
  const known = history.events.filter((e) => asOf === null || Date.parse(e.recordedAt) <= Date.parse(asOf));
  return applyCorrections(known).some((e) => e.type === 'ProvisionPromised');
}

/** The organisation delivers the line, promised it, or is the setting it is owed at now (after a handover, the receiving one). */
const concerns = (view: PromiseView, organisation: string) =>
  view.terms.deliveredBy.organisation === organisation || view.promisedBy.organisation === organisation || view.setting?.urn === organisation;

/** One line from the register, with its plan's cessations and type and the child's placements. */
export async function viewFromRegister(
  register: DocumentReader,
  history: ProvisionHistory,
  asOf: string | null,
  now: Date,
  placements?: readonly ChildEvent[],
): Promise<PromiseView | null> {
  const planId = (history.events.find((e) => e.type === 'ProvisionPromised')?.data as { planId?: string } | undefined)?.planId;
  const cessations = planId ? (await register.get<PlanCessations>(PLAN_CESSATIONS, planId))?.events : undefined;
  const planType = planId ? (await register.get<{ planType: string }>(PLAN_TYPES, planId))?.planType : undefined;
  const childPlacements = placements ?? (await register.get<ChildPlacements>(PLACEMENTS, history.childId))?.events ?? [];
  return viewPromise(history, cessations ?? [], asOf, now, planType, childPlacements);
}

/** The terms a line is held to, without the fold's bookkeeping. */
export const termsOf = ({ section, planId, cycleId, description, deliveredBy, frequency, minutesPerSession, groupSize, startDate, endDate, localOfferServiceId }: ProvisionLine): ProvisionTerms => ({
  section, description, deliveredBy, frequency, minutesPerSession, startDate,
  ...(planId === undefined ? {} : { planId }),
  ...(cycleId === undefined ? {} : { cycleId }),
  ...(groupSize === undefined ? {} : { groupSize }),
  ...(endDate === undefined ? {} : { endDate }),
  ...(localOfferServiceId === undefined ? {} : { localOfferServiceId }),
});

/**
 * One provision line as known at `asOf` (recorded time), folded with the same law the decider uses, its status
 * and sessions as of that day (or today) by the one rule of provision-standing.ts. `placements` are the child's
 * registration and handovers (promise-register.ts), which split the line's sessions by setting.
 */
export function viewPromise(
  history: ProvisionHistory,
  planCessations: readonly ChildEvent[],
  asOf: string | null,
  now: Date,
  planType = 'ehc_plan',
  placements: readonly ChildEvent[] = [],
): PromiseView | null {
  const known = (e: ChildEvent) => asOf === null || Date.parse(e.recordedAt) <= Date.parse(asOf);
  const events = history.events.filter(known);
  const effective = applyCorrections(events);
  const line = effective.reduce(evolve, initialChildRecord()).provisions[history.provisionId];
  const promised = effective.find((e) => e.type === 'ProvisionPromised');
  if (!line || !promised || promised.type !== 'ProvisionPromised') return null;

  const today = englandDateOf(asOf ?? now.toISOString());
  const ceasedOn = line.planId === undefined ? [] : planCessations.filter(known).map((c) => englandDateOf(c.occurredAt)).sort();
  const placed = applyCorrections(placements.filter(known)).reduce(evolve, initialChildRecord());
  const standing = provisionStanding(line, { planCeasedOn: ceasedOn[0] ?? null, settings: placed.settingHistory, handovers: placed.handovers }, today);

  const versions = versionsOf(effective, events);
  const deliveries = effective.flatMap((e) =>
    e.type === 'ProvisionDelivered'
      ? [{ eventId: e.eventId, on: e.occurredAt, recordedAt: e.recordedAt, sessions: e.data.sessions, minutes: e.data.minutes, deliveredBy: e.data.deliveredBy }]
      : [],
  );
  const { promised: promisedBy, deliveries: totals } = line;
  return {
    provisionId: history.provisionId,
    childId: history.childId,
    planId: line.planId ?? null,
    section: line.section,
    status: standing.status,
    stopped: standing.stopped,
    setting: standing.parts.at(-1)?.setting ?? null,
    terms: termsOf(line),
    promisedBy: promisedBy.actor,
    promisedAt: promisedBy.on,
    recordedAt: promised.recordedAt,
    authority: promisedBy.authority,
    legalForce: line.planId === undefined ? SEN_SUPPORT_FORCE : (PLAN_TYPE_REGISTRY.legalForceOf(planType, line.section) ?? UNKNOWN_FORCE),
    history: versions,
    delivery: {
      sessionsDelivered: totals.sessions,
      minutesDelivered: totals.minutes,
      sessionsExpectedSoFar: standing.sessionsExpectedSoFar,
      settingParts: standing.parts,
      lastDeliveredOn: deliveries.map((d) => d.on).sort().at(-1) ?? null,
      deliveries,
      shortfalls: effective.flatMap((e) =>
        e.type === 'ShortfallReported' ? [{ eventId: e.eventId, recordedAt: e.recordedAt, ...e.data }] : [],
      ),
    },
  };
}

/** The promise's versions in log order. */
function versionsOf(effective: ChildEvent[], recorded: ChildEvent[]): PromiseVersion[] {
  const history: PromiseVersion[] = [];
  let record = initialChildRecord();
  for (const event of effective) {
    if (event.type !== 'ProvisionPromised' && event.type !== 'ProvisionVaried' && event.type !== 'ProvisionWithdrawn') continue;
    record = evolve(record, event);
    const terms = termsOf(Object.values(record.provisions)[0]!);
    history.push({
      kind: event.type === 'ProvisionPromised' ? 'promised' : event.type === 'ProvisionVaried' ? 'varied' : 'withdrawn',
      eventId: event.eventId,
      actor: event.actor,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      reason: event.type === 'ProvisionPromised' ? null : event.data.reason,
      authority: event.data.authority,
      supersedes: null,
      terms,
    });
  }
  for (const event of recorded) {
    if (event.type !== 'EntryCorrected') continue;
    const corrected = effective.find((e) => e.eventId === event.data.supersedesEventId);
    history.push({
      kind: event.data.retracted ? 'retracted' : 'corrected',
      eventId: event.eventId,
      actor: event.actor,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      reason: event.data.reason,
      authority: null,
      supersedes: event.data.supersedesEventId,
      terms: history.findLast((v) => v.eventId === corrected?.eventId)?.terms ?? history.at(-1)!.terms,
    });
  }
  history.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  return history;
}
