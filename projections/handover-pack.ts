import { createHash } from 'node:crypto';
import { foldChildRecord, toChildEvent } from '../src/domain/child-record/decider.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import type { LedgerEntry } from '../src/ledger/envelope.js';
import { childPromises } from './child-promises.js';
import type { PromiseView } from './promise-view.js';
import { englandDateOf } from '../src/domain/calendar/iso-date.js';
import { computeClocks } from '../src/domain/statutory-clocks/compute-clocks.js';
import type { StatutoryClock } from '../src/domain/statutory-clocks/clock.js';

export interface HandoverPack {
  childId: string;
  /** The ledger position the pack was cut at: both settings can prove what was handed over. */
  cutAt: { streamRevision: number; globalPosition: number; hash: string; recordedAt: string };
  child: { displayName: string; dateOfBirth: string; laCode: string; settingName: string | null; settingUrn: string | null };
  currentPlan: {
    planId: string;
    status: string;
    /** Null for a plan transferred from a statement, which had no draft stage. */
    draftIssuedOn: string | null;
    finalIssuedOn: string | null;
    origin: string;
    namedSetting: { name: string; urn?: string } | null;
    amendments: number;
    lastReview: { on: string; decision: string } | null;
  } | null;
  needs: Array<{ area: string; rank: string; description: string }>;
  outcomes: string[];
  openPromises: PromiseView[];
  upcomingDeadlines: Array<StatutoryClock & { childId: string }>;
  transitions: Array<{ transitionId: string; transition: string; toSetting: string | null; actions: Array<{ description: string; owner: string; dueOn: string; doneOn: string | null }> }>;
  openDisputes: Array<{ kind: 'handover_dispute' | 'appeal'; reference: string; detail: string; since: string }>;
}

/**
 * The pack handed to the next setting: the plan, needs, outcomes, every open promise with its
 * history and delivery record, transitions and open disputes, as the ledger stood at the last entry
 * given. It is dated by that entry, not by the clock, so the same entries always give the same pack.
 */
export function buildHandoverPack(entries: readonly LedgerEntry[]): HandoverPack {
  const last = entries.at(-1);
  if (!last) throw new Error('a handover pack needs at least one entry');
  const record = foldChildRecord(entries.map(toChildEvent));
  const asOf = new Date(last.metadata.recordedAt);
  const plan = Object.values(record.plans).filter((p) => p.status !== 'ceased').sort((a, b) => a.draftIssued.on.localeCompare(b.draftIssued.on)).at(-1);
  const latestCycle = Object.values(record.senSupportCycles).sort((a, b) => a.planned.on.localeCompare(b.planned.on)).at(-1);
  // Open: not withdrawn and not in a ceased plan, whatever its dates, as the decider counts them.
  const openPromises = childPromises(entries, asOf).filter((p) => p.status !== 'withdrawn' && p.status !== 'plan_ceased');
  const events = entries.map(toChildEvent);
  const upcomingDeadlines = computeClocks(events, englandDateOf(last.metadata.recordedAt))
    .filter((clock) => clock.state === 'pending' || clock.state === 'due_soon' || clock.state === 'missed')
    .map((clock) => ({ ...clock, childId: record.childId! }));

  return {
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
}

/** SHA-256 of the pack's canonical (RFC 8785) bytes: the value recorded in HandoverIssued. */
export const packHash = (pack: HandoverPack): string => createHash('sha256').update(canonicalJson(pack), 'utf8').digest('hex');
