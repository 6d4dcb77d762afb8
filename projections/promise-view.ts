import { englandDateOf } from '../src/domain/calendar/iso-date.js';
import { applyCorrections } from '../src/domain/child-record/corrections.js';
import { evolve } from '../src/domain/child-record/evolve.js';
import type { ChildEvent, ChildEventData } from '../src/domain/child-record/events.js';
import { provisionStanding, type ProvisionStatus, type SettingPart, type StopReason } from '../src/domain/child-record/provision-standing.js';
import { initialChildRecord, type ProvisionLine, type ProvisionTerms } from '../src/domain/child-record/state.js';
import type { ProvisionSection } from '../src/domain/child-record/vocabulary.js';
import type { Actor } from '../src/ledger/envelope.js';
import type { DocumentReader } from '../src/read-models/read-model-store.js';
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
  const tag = filter.childId ? childTag(filter.childId) : filter.organisation ? organisationTag(filter.organisation) : undefined;
  const histories = await register.list<ProvisionHistory>(PROVISIONS, tag);
  const placementsOf = new Map<string, ChildEvent[]>();
  const views: PromiseView[] = [];
  for (const history of histories) {
    if (filter.childId && history.childId !== filter.childId) continue;
    if (!placementsOf.has(history.childId)) placementsOf.set(history.childId, (await register.get<ChildPlacements>(PLACEMENTS, history.childId))?.events ?? []);
    const view = await viewFromRegister(register, history, filter.asOf ?? null, now, placementsOf.get(history.childId)!);
    if (!view) continue;
    if (filter.section && view.section !== filter.section) continue;
    if (filter.status && view.status !== filter.status) continue;
    if (filter.legalForce && view.legalForce.kind !== filter.legalForce) continue;
    if (filter.organisation && !concerns(view, filter.organisation)) continue;
    views.push(view);
  }
  return views.sort((a, b) => a.promisedAt.localeCompare(b.promisedAt) || a.provisionId.localeCompare(b.provisionId));
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
