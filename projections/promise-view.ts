import { applyCorrections } from '../src/domain/child-record/corrections.js';
import { evolve } from '../src/domain/child-record/evolve.js';
import type { ChildEvent, ChildEventData } from '../src/domain/child-record/events.js';
import { initialChildRecord, type ProvisionTerms } from '../src/domain/child-record/state.js';
import type { ProvisionSection } from '../src/domain/child-record/vocabulary.js';
import type { Actor } from '../src/ledger/envelope.js';
import { expectedSessions, type FrequencySegment } from './expected-sessions.js';
import type { DocumentReader } from '../src/read-models/read-model-store.js';
import { PLAN_TYPE_REGISTRY, SEN_SUPPORT_FORCE, type PromiseKind, type SectionForce } from '../src/domain/child-record/plan-types.js';
import { PLAN_CESSATIONS, PLAN_TYPES, PROVISIONS, childTag, organisationTag, type PlanCessations, type ProvisionHistory } from './promise-register.js';

export type PromiseStatus = 'active' | 'not_started' | 'ended' | 'withdrawn' | 'plan_ceased';

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

const day = (iso: string) => iso.slice(0, 10);

/** A section its plan type does not define (should not happen: the decider only accepts defined sections). */
const UNKNOWN_FORCE: SectionForce = { kind: 'no_duty', force: 'no_duty', dutyOn: 'unknown: the plan type does not define this section', source: '-' };

export async function queryPromises(register: DocumentReader, filter: PromiseFilter, now: Date): Promise<PromiseView[]> {
  const tag = filter.childId ? childTag(filter.childId) : filter.organisation ? organisationTag(filter.organisation) : undefined;
  const histories = await register.list<ProvisionHistory>(PROVISIONS, tag);
  const views: PromiseView[] = [];
  for (const history of histories) {
    if (filter.childId && history.childId !== filter.childId) continue;
    const planId = history.events.find((e) => e.type === 'ProvisionPromised')?.data as { planId?: string } | undefined;
    const cessations = planId?.planId ? (await register.get<PlanCessations>(PLAN_CESSATIONS, planId.planId))?.events : undefined;
    const planType = planId?.planId ? (await register.get<{ planType: string }>(PLAN_TYPES, planId.planId))?.planType : undefined;
    const view = viewPromise(history, cessations ?? [], filter.asOf ?? null, now, planType);
    if (!view) continue;
    if (filter.section && view.section !== filter.section) continue;
    if (filter.status && view.status !== filter.status) continue;
    if (filter.legalForce && view.legalForce.kind !== filter.legalForce) continue;
    if (filter.organisation && view.terms.deliveredBy.organisation !== filter.organisation && view.promisedBy.organisation !== filter.organisation) continue;
    views.push(view);
  }
  return views.sort((a, b) => a.promisedAt.localeCompare(b.promisedAt) || a.provisionId.localeCompare(b.provisionId));
}

/** One provision line as known at `asOf` (recorded time), folded with the same law the decider uses. */
export function viewPromise(
  history: ProvisionHistory,
  planCessations: readonly ChildEvent[],
  asOf: string | null,
  now: Date,
  planType = 'ehc_plan',
): PromiseView | null {
  const known = (e: ChildEvent) => asOf === null || Date.parse(e.recordedAt) <= Date.parse(asOf);
  const events = history.events.filter(known);
  const effective = applyCorrections(events);
  const line = effective.reduce(evolve, initialChildRecord()).provisions[history.provisionId];
  const promised = effective.find((e) => e.type === 'ProvisionPromised');
  if (!line || !promised || promised.type !== 'ProvisionPromised') return null;

  const today = day(asOf ?? now.toISOString());
  const cessation = line.planId === undefined ? undefined : planCessations.find(known);
  const stoppedOn = [line.withdrawn?.on, cessation?.occurredAt, line.endDate].filter((d): d is string => d !== undefined).map(day).sort()[0];
  const status: PromiseStatus =
    line.status === 'withdrawn' ? 'withdrawn'
    : cessation ? 'plan_ceased'
    : line.startDate > today ? 'not_started'
    : line.endDate !== undefined && line.endDate < today ? 'ended'
    : 'active';

  const { history: versions, segments } = versionsOf(effective, events);
  const deliveries = effective.flatMap((e) =>
    e.type === 'ProvisionDelivered'
      ? [{ eventId: e.eventId, on: e.occurredAt, recordedAt: e.recordedAt, sessions: e.data.sessions, minutes: e.data.minutes, deliveredBy: e.data.deliveredBy }]
      : [],
  );
  const until = [today, stoppedOn].filter((d): d is string => d !== undefined).sort()[0]!;
  const { provisionId: _p, status: _s, promised: promisedBy, variations: _v, withdrawn: _w, deliveries: totals, ...terms } = line;
  return {
    provisionId: history.provisionId,
    childId: history.childId,
    planId: line.planId ?? null,
    section: line.section,
    status,
    terms,
    promisedBy: promisedBy.actor,
    promisedAt: promisedBy.on,
    recordedAt: promised.recordedAt,
    authority: promisedBy.authority,
    legalForce: line.planId === undefined ? SEN_SUPPORT_FORCE : (PLAN_TYPE_REGISTRY.legalForceOf(planType, line.section) ?? UNKNOWN_FORCE),
    history: versions,
    delivery: {
      sessionsDelivered: totals.sessions,
      minutesDelivered: totals.minutes,
      sessionsExpectedSoFar: line.startDate > until ? 0 : expectedSessions(segments, until),
      lastDeliveredOn: deliveries.map((d) => d.on).sort().at(-1) ?? null,
      deliveries,
      shortfalls: effective.flatMap((e) =>
        e.type === 'ShortfallReported' ? [{ eventId: e.eventId, recordedAt: e.recordedAt, ...e.data }] : [],
      ),
    },
  };
}

/** The promise's versions in log order, and the frequency segments they put in force. */
function versionsOf(effective: ChildEvent[], recorded: ChildEvent[]): { history: PromiseVersion[]; segments: FrequencySegment[] } {
  const history: PromiseVersion[] = [];
  const segments: FrequencySegment[] = [];
  let record = initialChildRecord();
  for (const event of effective) {
    if (event.type !== 'ProvisionPromised' && event.type !== 'ProvisionVaried' && event.type !== 'ProvisionWithdrawn') continue;
    record = evolve(record, event);
    const line = Object.values(record.provisions)[0]!;
    const { provisionId: _p, status: _s, promised: _pr, variations: _v, withdrawn: _w, deliveries: _d, ...terms } = line;
    const from = event.type === 'ProvisionPromised' ? line.startDate : day(event.occurredAt);
    if (event.type !== 'ProvisionWithdrawn') segments.push({ from: from < line.startDate ? line.startDate : from, frequency: line.frequency });
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
  return { history, segments: segments.sort((a, b) => a.from.localeCompare(b.from)) };
}
