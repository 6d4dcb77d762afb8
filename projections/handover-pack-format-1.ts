import { createHash } from 'node:crypto';
import { englandDateOf } from '../src/domain/calendar/iso-date.js';
import { applyCorrections } from '../src/domain/child-record/corrections.js';
import { foldChildRecord, toChildEvent } from '../src/domain/child-record/decider.js';
import { evolve } from '../src/domain/child-record/evolve.js';
import type { ChildEvent } from '../src/domain/child-record/events.js';
import { expectedSessions, type FrequencySegment } from '../src/domain/child-record/expected-sessions.js';
import { PLAN_TYPE_REGISTRY, SEN_SUPPORT_FORCE, type SectionForce } from '../src/domain/child-record/plan-types.js';
import { initialChildRecord, type ProvisionLine } from '../src/domain/child-record/state.js';
import { computeClocks } from '../src/domain/statutory-clocks/compute-clocks.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import type { LedgerEntry } from '../src/ledger/envelope.js';
import { documentOverlay } from '../src/read-models/document-overlay.js';
import { PLAN_CESSATIONS, PLAN_TYPES, PROVISIONS, promiseRegister, type PlanCessations, type ProvisionHistory } from './promise-register.js';

/**
 * The handover pack as it was built before packs carried a `format` (format 1), kept only to check the hash a
 * handover recorded then. Its rules are the old ones on purpose: open promises were every line not withdrawn and
 * not in a ceased plan, ended or not, and sessions ran to the date of the last entry. Do not change what it
 * builds: a recorded hash is of these exact bytes. Deadlines come from the statutory clocks as they compute today,
 * so a pack with deadlines verifies only while the clocks still compute them as they did.
 */
export function packHashFormat1(entries: readonly LedgerEntry[]): string {
  const last = entries.at(-1)!;
  const record = foldChildRecord(entries.map(toChildEvent));
  const asOf = new Date(last.metadata.recordedAt);
  const plan = Object.values(record.plans).filter((p) => p.status !== 'ceased').sort((a, b) => a.draftIssued.on.localeCompare(b.draftIssued.on)).at(-1);
  const latestCycle = Object.values(record.senSupportCycles).sort((a, b) => a.planned.on.localeCompare(b.planned.on)).at(-1);
  const openPromises = promisesFormat1(entries, asOf).filter((p) => p.status !== 'withdrawn' && p.status !== 'plan_ceased');
  const upcomingDeadlines = computeClocks(entries.map(toChildEvent), englandDateOf(last.metadata.recordedAt))
    .filter((clock) => clock.state === 'pending' || clock.state === 'due_soon' || clock.state === 'missed')
    .map((clock) => ({ ...clock, childId: record.childId! }));
  const pack = {
    childId: record.childId!,
    cutAt: { streamRevision: last.streamRevision, globalPosition: last.globalPosition, hash: last.hash, recordedAt: last.metadata.recordedAt },
    child: {
      displayName: record.profile!.displayName,
      dateOfBirth: record.profile!.dateOfBirth,
      laCode: record.profile!.laCode,
      settingName: record.profile!.settingName ?? null,
      settingUrn: record.profile!.settingUrn ?? null,
    },
    currentPlan: plan
      ? {
          planId: plan.planId,
          status: plan.status,
          draftIssuedOn: plan.origin.kind === 'statement_transfer' ? null : plan.draftIssued.on,
          finalIssuedOn: plan.finalIssued?.on ?? null,
          origin: plan.origin.kind,
          namedSetting: plan.finalIssued?.namedSetting ?? null,
          amendments: plan.amendments.length,
          lastReview: plan.reviews.at(-1) ? { on: plan.reviews.at(-1)!.on, decision: plan.reviews.at(-1)!.decision } : null,
        }
      : null,
    needs: record.needs.map(({ area, rank, description }) => ({ area, rank, description })),
    outcomes: latestCycle?.outcomes ?? [],
    openPromises,
    upcomingDeadlines,
    transitions: Object.values(record.transitions).map((t) => ({
      transitionId: t.transitionId,
      transition: t.transition,
      toSetting: t.toSetting?.name ?? null,
      actions: t.actions.map((a) => ({ description: a.description, owner: `${a.owner.name}, ${a.owner.role}`, dueOn: a.dueOn, doneOn: t.done[a.actionId]?.on ?? null })),
    })),
    openDisputes: [
      ...Object.values(record.handovers).flatMap((h) =>
        (h.accepted?.disputedProvisions ?? []).map((d) => ({ kind: 'handover_dispute' as const, reference: d.provisionId, detail: `${h.toSetting.name}: ${d.reason}`, since: h.accepted!.on })),
      ),
      ...record.appeals.map((a) => ({ kind: 'appeal' as const, reference: a.appealId, detail: `Appeal against ${a.against.replaceAll('_', ' ')}`, since: a.on })),
    ],
  };
  return createHash('sha256').update(canonicalJson(pack), 'utf8').digest('hex');
}

const day = (iso: string) => iso.slice(0, 10);
const UNKNOWN_FORCE: SectionForce = { kind: 'no_duty', force: 'no_duty', dutyOn: 'unknown: the plan type does not define this section', source: '-' };
/** The terms as format 1 listed them: the promise's data less its id and authority. */
const termsFormat1 = ({ section, planId, cycleId, description, deliveredBy, frequency, minutesPerSession, groupSize, startDate, endDate, localOfferServiceId }: ProvisionLine) =>
  ({ section, planId, cycleId, description, deliveredBy, frequency, minutesPerSession, groupSize, startDate, endDate, localOfferServiceId });

function promisesFormat1(entries: readonly LedgerEntry[], asOf: Date) {
  const { writer, pending } = documentOverlay(() => ({ value: undefined, tags: [] }));
  for (const entry of entries) promiseRegister.apply(entry, writer);
  const docs = pending();
  const cessations = new Map(docs.filter((d) => d.collection === PLAN_CESSATIONS).map((d) => [d.key, (d.value as PlanCessations).events]));
  const planTypes = new Map(docs.filter((d) => d.collection === PLAN_TYPES).map((d) => [d.key, (d.value as { planType: string }).planType]));
  return docs
    .filter((d) => d.collection === PROVISIONS)
    .map((d) => d.value as ProvisionHistory)
    .map((history) => {
      const planId = (history.events.find((e) => e.type === 'ProvisionPromised')?.data as { planId?: string } | undefined)?.planId;
      return promiseFormat1(history, planId ? (cessations.get(planId) ?? []) : [], asOf, planId ? planTypes.get(planId) : undefined);
    })
    .filter((view): view is NonNullable<typeof view> => view !== null)
    .sort((a, b) => a.promisedAt.localeCompare(b.promisedAt) || a.provisionId.localeCompare(b.provisionId));
}

function promiseFormat1(history: ProvisionHistory, planCessations: readonly ChildEvent[], now: Date, planType = 'ehc_plan') {
  const events = history.events;
  const effective = applyCorrections(events);
  const line = effective.reduce(evolve, initialChildRecord()).provisions[history.provisionId];
  const promised = effective.find((e) => e.type === 'ProvisionPromised');
  if (!line || !promised || promised.type !== 'ProvisionPromised') return null;
  const today = day(now.toISOString());
  const cessation = line.planId === undefined ? undefined : planCessations[0];
  const stoppedOn = [line.withdrawn?.on, cessation?.occurredAt, line.endDate].filter((d): d is string => d !== undefined).map(day).sort()[0];
  const status =
    line.status === 'withdrawn' ? 'withdrawn'
    : cessation ? 'plan_ceased'
    : line.startDate > today ? 'not_started'
    : line.endDate !== undefined && line.endDate < today ? 'ended'
    : 'active';
  const versions: Array<Record<string, unknown> & { eventId: string; recordedAt: string; terms: ReturnType<typeof termsFormat1> }> = [];
  const segments: FrequencySegment[] = [];
  let folded = initialChildRecord();
  for (const event of effective) {
    if (event.type !== 'ProvisionPromised' && event.type !== 'ProvisionVaried' && event.type !== 'ProvisionWithdrawn') continue;
    folded = evolve(folded, event);
    const now = Object.values(folded.provisions)[0]!;
    const from = event.type === 'ProvisionPromised' ? now.startDate : day(event.occurredAt);
    if (event.type !== 'ProvisionWithdrawn') segments.push({ from: from < now.startDate ? now.startDate : from, frequency: now.frequency });
    versions.push({
      kind: event.type === 'ProvisionPromised' ? 'promised' : event.type === 'ProvisionVaried' ? 'varied' : 'withdrawn',
      eventId: event.eventId, actor: event.actor, occurredAt: event.occurredAt, recordedAt: event.recordedAt,
      reason: event.type === 'ProvisionPromised' ? null : event.data.reason, authority: event.data.authority, supersedes: null, terms: termsFormat1(now),
    });
  }
  for (const event of events) {
    if (event.type !== 'EntryCorrected') continue;
    const corrected = effective.find((e) => e.eventId === event.data.supersedesEventId);
    versions.push({
      kind: event.data.retracted ? 'retracted' : 'corrected', eventId: event.eventId, actor: event.actor, occurredAt: event.occurredAt, recordedAt: event.recordedAt,
      reason: event.data.reason, authority: null, supersedes: event.data.supersedesEventId,
      terms: versions.findLast((v) => v.eventId === corrected?.eventId)?.terms ?? versions.at(-1)!.terms,
    });
  }
  versions.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  segments.sort((a, b) => a.from.localeCompare(b.from));
  const until = [today, stoppedOn].filter((d): d is string => d !== undefined).sort()[0]!;
  const deliveries = effective.flatMap((e) =>
    e.type === 'ProvisionDelivered' ? [{ eventId: e.eventId, on: e.occurredAt, recordedAt: e.recordedAt, sessions: e.data.sessions, minutes: e.data.minutes, deliveredBy: e.data.deliveredBy }] : [],
  );
  return {
    provisionId: history.provisionId,
    childId: history.childId,
    planId: line.planId ?? null,
    section: line.section,
    status,
    terms: termsFormat1(line),
    promisedBy: line.promised.actor,
    promisedAt: line.promised.on,
    recordedAt: promised.recordedAt,
    authority: line.promised.authority,
    legalForce: line.planId === undefined ? SEN_SUPPORT_FORCE : (PLAN_TYPE_REGISTRY.legalForceOf(planType, line.section) ?? UNKNOWN_FORCE),
    history: versions,
    delivery: {
      sessionsDelivered: line.deliveries.sessions,
      minutesDelivered: line.deliveries.minutes,
      sessionsExpectedSoFar: line.startDate > until ? 0 : expectedSessions(segments, until),
      lastDeliveredOn: deliveries.map((d) => d.on).sort().at(-1) ?? null,
      deliveries,
      shortfalls: effective.flatMap((e) => (e.type === 'ShortfallReported' ? [{ eventId: e.eventId, recordedAt: e.recordedAt, ...e.data }] : [])),
    },
  };
}
