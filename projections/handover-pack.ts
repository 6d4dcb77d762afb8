import { createHash } from 'node:crypto';
import { foldChildRecord, toChildEvent } from '../src/domain/child-record/decider.js';
import { isOpen } from '../src/domain/child-record/provision-standing.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import type { LedgerEntry } from '../src/ledger/envelope.js';
import { childPromises } from './child-promises.js';
import type { PromiseView } from './promise-view.js';
import type { IsoDate } from '../src/domain/calendar/iso-date.js';
import { computeClocks } from '../src/domain/statutory-clocks/compute-clocks.js';
import type { StatutoryClock } from '../src/domain/statutory-clocks/clock.js';
import { isOutstandingDuty } from '../src/domain/statutory-clocks/clock-outcomes.js';
import { tribunalOrdersOf, type TribunalOrderStanding } from '../src/domain/appeal/tribunal-orders.js';
import { goldenThreadFlags, type GoldenThreadFlag } from '../src/domain/provision-quality/golden-thread.js';

/**
 * The shape of the pack, in its bytes. Format 1 (no `format` field) was the pack before open promises meant
 * "open on the day of the cut"; a handover recorded then is checked against handover-pack-format-1.ts. Format 2 was
 * the pack before it carried the tribunal's orders and the golden thread's flags (handover-pack-format-2.ts).
 */
export const HANDOVER_PACK_FORMAT = 3;

/** An order of the tribunal, or a concession (reg 45), still binding the LA at the cut, with each time limit. */
export interface HandoverTribunalOrder {
  appealId: string;
  tribunalReference: string | null;
  outcomeId: string;
  how: TribunalOrderStanding['how'];
  kind: TribunalOrderStanding['kind'];
  /** The sections of the plan it is about (B, F, I), where the order names them. */
  sections: string[];
  wording: string;
  madeOn: IsoDate;
  planId: string | null;
  standing: TribunalOrderStanding['standing'];
  daysLate: number | null;
  limits: Array<{ ruleId: string; title: string; legalSource: string; dueOn: IsoDate; state: string; daysLate: number | null; metOn: IsoDate | null }>;
}

/** A golden-thread flag on the plan at the cut: on a line (provisionId), on a need, or on the plan. */
export type HandoverGoldenThreadFlag = Pick<GoldenThreadFlag, 'kind' | 'planId' | 'explanation'> & { provisionId: string | null; needId: string | null };

/** What still binds: an order complied with (on time or late) is history, not something to act on. */
const stillBinding = (order: TribunalOrderStanding) => order.standing !== 'complied_on_time' && order.standing !== 'complied_late';

export interface HandoverPack {
  format: typeof HANDOVER_PACK_FORMAT;
  childId: string;
  /** The ledger position the pack was cut at, and the day it speaks for: both settings can prove what was handed over. */
  cutAt: { streamRevision: number; globalPosition: number; hash: string; recordedAt: string; on: IsoDate };
  /** Where the child was on roll at the cut (the registration's setting, or the last accepted handover's). */
  child: { displayName: string; dateOfBirth: string; laCode: string; settingName: string | null; settingUrn: string | null };
  currentPlan: {
    planId: string;
    status: string;
    /** Null for a plan transferred from a statement, which had no draft stage. */
    draftIssuedOn: string | null;
    finalIssuedOn: string | null;
    origin: string;
    /** Section I as it stood: the final plan's setting, or the one an amendment named since. */
    namedSetting: { name: string; urn?: string } | null;
    amendments: number;
    lastReview: { on: string; decision: string } | null;
  } | null;
  needs: Array<{ area: string; rank: string; description: string }>;
  outcomes: string[];
  /** Lines still owed on the day of the cut (active, or yet to start): what the receiving setting signs for. */
  openPromises: PromiseView[];
  /** Lines no longer owed on that day (ended, withdrawn, in a ceased plan, not taken on at an earlier handover), for the history. */
  endedPromises: PromiseView[];
  upcomingDeadlines: Array<StatutoryClock & { childId: string }>;
  transitions: Array<{ transitionId: string; transition: string; toSetting: string | null; actions: Array<{ description: string; owner: string; dueOn: string; doneOn: string | null }> }>;
  openDisputes: Array<{ kind: 'handover_dispute' | 'appeal'; reference: string; detail: string; since: string }>;
  /** Orders of the tribunal and concessions not yet complied with, or in force, at the cut: what the receiving setting must know is coming. */
  tribunalOrders: HandoverTribunalOrder[];
  /** The golden-thread flags of the current plan on the day of the cut, each with its rule in words. */
  goldenThreadFlags: HandoverGoldenThreadFlag[];
}

/**
 * The pack handed to the next setting: the plan, needs, outcomes, every open promise with its history and
 * delivery record, ended promises apart, transitions and open disputes, as the ledger stood at the last entry
 * given, on the day `on` (the handover's date). The same entries and day always give the same pack.
 */
export function buildHandoverPack(entries: readonly LedgerEntry[], on: IsoDate): HandoverPack {
  const last = entries.at(-1);
  if (!last) throw new Error('a handover pack needs at least one entry');
  const events = entries.map(toChildEvent);
  const record = foldChildRecord(events);
  const plan = Object.values(record.plans).filter((p) => p.status !== 'ceased').sort((a, b) => a.draftIssued.on.localeCompare(b.draftIssued.on)).at(-1);
  const latestCycle = Object.values(record.senSupportCycles).sort((a, b) => a.planned.on.localeCompare(b.planned.on)).at(-1);
  // As of the end of the cut's day, by the one rule of a line's standing (provision-standing.ts).
  const promises = childPromises(entries, on);
  const clocks = computeClocks(events, on);
  const upcomingDeadlines = clocks
    .filter(isOutstandingDuty)
    .map((clock) => ({ ...clock, childId: record.childId! }));

  return {
    format: HANDOVER_PACK_FORMAT,
    childId: record.childId!,
    cutAt: { streamRevision: last.streamRevision, globalPosition: last.globalPosition, hash: last.hash, recordedAt: last.metadata.recordedAt, on },
    child: {
      displayName: record.profile!.displayName,
      dateOfBirth: record.profile!.dateOfBirth,
      laCode: record.profile!.laCode,
      settingName: record.onRoll?.name ?? null,
      settingUrn: record.onRoll?.urn ?? null,
    },
    currentPlan: plan
      ? {
          planId: plan.planId,
          status: plan.status,
          draftIssuedOn: plan.origin.kind === 'statement_transfer' ? null : plan.draftIssued.on,
          finalIssuedOn: plan.finalIssued?.on ?? null,
          origin: plan.origin.kind,
          namedSetting: plan.namedSetting,
          amendments: plan.amendments.length,
          lastReview: plan.reviews.at(-1) ? { on: plan.reviews.at(-1)!.on, decision: plan.reviews.at(-1)!.decision } : null,
        }
      : null,
    needs: record.needs.map(({ area, rank, description }) => ({ area, rank, description })),
    outcomes: latestCycle?.outcomes ?? [],
    openPromises: promises.filter((p) => isOpen(p.status)),
    endedPromises: promises.filter((p) => !isOpen(p.status)),
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
    tribunalOrders: tribunalOrdersOf(record, clocks).filter(stillBinding).map((order) => {
      const outcome = record.appeals.flatMap((a) => a.outcomes).find((o) => o.outcomeId === order.outcomeId);
      return {
        appealId: order.appealId,
        tribunalReference: order.tribunalReference,
        outcomeId: order.outcomeId,
        how: order.how,
        kind: order.kind,
        sections: [...(outcome?.sections ?? [])],
        wording: order.wording,
        madeOn: order.madeOn,
        planId: order.planId,
        standing: order.standing,
        daysLate: order.daysLate,
        limits: order.clocks.map((clock) => ({
          ruleId: clock.ruleId,
          title: clock.title,
          legalSource: clock.legalSource,
          dueOn: clock.dueDateWithExceptions,
          state: clock.state,
          daysLate: clock.daysLate,
          metOn: clock.stoppedBy?.on ?? null,
        })),
      };
    }),
    goldenThreadFlags: plan
      ? goldenThreadFlags(record, on)
          .filter((flag) => flag.planId === plan.planId)
          .map((flag) => ({ kind: flag.kind, planId: flag.planId, provisionId: flag.provisionId ?? null, needId: flag.needId ?? null, explanation: flag.explanation }))
      : [],
  };
}

/** SHA-256 of the pack's canonical (RFC 8785) bytes: the value recorded in HandoverIssued. */
export const packHash = (pack: HandoverPack): string => createHash('sha256').update(canonicalJson(pack), 'utf8').digest('hex');
