import { toChildEvent } from '../src/domain/child-record/decider.js';
import type { Actor, ImportSource, JsonObject, LedgerEntry } from '../src/ledger/envelope.js';
import { summariseEntry } from './entry-summary.js';
import { englandDateOf } from '../src/domain/calendar/iso-date.js';
import { frameworkOn, type FrameworkInForce } from '../src/domain/legal-framework/code-in-force.js';
import type { StatutoryClock } from '../src/domain/statutory-clocks/clock.js';
import { computeClocks } from '../src/domain/statutory-clocks/compute-clocks.js';

export interface AuditEntry {
  globalPosition: number;
  streamRevision: number;
  eventId: string;
  type: string;
  summary: string;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
  /** Whole days between the claimed and the recorded time, when beyond the threshold; else null. */
  recordedLateByDays: number | null;
  supersedes: string | null;
  supersededBy: string[];
  correctionReason: string | null;
  data: JsonObject;
  hash: string;
  previousHash: string;
  correlationId: string;
  causationId: string;
  idempotencyKey: string | null;
  /** Where the caseload import brought it in from: the claimed date is the file's, the recorded time the import's. */
  importedFrom: ImportSource | null;
  /** The framework in force on the day it happened (2001 Code, transitional, or 2015 Code). */
  legalFramework: FrameworkInForce;
  /**
   * The statutory time limits this entry started, met (`stopped`), exercised (a right: the appeal window) or ended
   * unmet (`lapsed`), with the version of each rule that judged it and, for an ending, why it ended there.
   */
  judgedBy: Array<{ ruleId: string; ruleVersion: string; legalSource: string; as: ClockJudgement; reason: string | null }>;
}

export type ClockJudgement = 'started' | 'stopped' | 'exercised' | 'lapsed';

export interface AuditTrailFilter {
  types?: string[];
  actorId?: string;
  occurredFrom?: string;
  occurredTo?: string;
  recordedFrom?: string;
  recordedTo?: string;
  lateOnly?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Every entry of a child's stream, oldest first, as recorded: corrections do not hide the entries
 * they supersede, they are linked to them both ways.
 */
export function buildAuditTrail(entries: readonly LedgerEntry[], lateThresholdDays: number): AuditEntry[] {
  const supersededBy = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.type !== 'EntryCorrected') continue;
    const target = String(entry.data['supersedesEventId']);
    supersededBy.set(target, [...(supersededBy.get(target) ?? []), entry.eventId]);
  }
  const judgedBy = clockJudgements(entries);
  const statements = new Set<string>();
  return entries.map((entry) => {
    const { occurredAt, recordedAt } = entry.metadata;
    const legalFramework = frameworkOn(englandDateOf(occurredAt), statements.size > 0);
    if (entry.type === 'StatementMade') statements.add(String(entry.data['statementId']));
    if (entry.type === 'StatementTransferredToEhcPlan') statements.delete(String(entry.data['statementId']));
    const lateBy = Math.floor((Date.parse(recordedAt) - Date.parse(occurredAt)) / DAY_MS);
    const correction = entry.type === 'EntryCorrected';
    return {
      globalPosition: entry.globalPosition,
      streamRevision: entry.streamRevision,
      eventId: entry.eventId,
      type: entry.type,
      summary: summariseEntry(toChildEvent(entry)),
      actor: entry.metadata.actor,
      occurredAt,
      recordedAt,
      recordedLateByDays: lateBy > lateThresholdDays ? lateBy : null,
      supersedes: correction ? String(entry.data['supersedesEventId']) : null,
      supersededBy: supersededBy.get(entry.eventId) ?? [],
      correctionReason: correction ? String(entry.data['reason']) : null,
      data: entry.data,
      hash: entry.hash,
      previousHash: entry.previousHash,
      correlationId: entry.metadata.correlationId,
      causationId: entry.metadata.causationId,
      idempotencyKey: entry.metadata.idempotencyKey ?? null,
      importedFrom: entry.metadata.importedFrom ?? null,
      legalFramework,
      judgedBy: judgedBy.get(entry.eventId) ?? [],
    };
  });
}

/** For each entry, the statutory clocks it started, stopped or lapsed, and the rule version that applied. */
function clockJudgements(entries: readonly LedgerEntry[]): Map<string, AuditEntry['judgedBy']> {
  const last = entries.at(-1);
  const byEntry = new Map<string, AuditEntry['judgedBy']>();
  if (!last) return byEntry;
  const add = (ref: { eventId: string; reason?: string } | null, clock: StatutoryClock, as: ClockJudgement) => {
    if (!ref) return;
    const judgement = { ruleId: clock.ruleId, ruleVersion: clock.ruleVersion, legalSource: clock.legalSource, as, reason: ref.reason ?? null };
    byEntry.set(ref.eventId, [...(byEntry.get(ref.eventId) ?? []), judgement]);
  };
  for (const clock of computeClocks(entries.map(toChildEvent), englandDateOf(last.metadata.recordedAt))) {
    add(clock.startedBy, clock, 'started');
    // Using a right is not meeting a duty: the appeal registered exercised the family's window.
    add(clock.stoppedBy, clock, clock.obligation.kind === 'right' ? 'exercised' : 'stopped');
    add(clock.lapsedBy, clock, 'lapsed');
  }
  return byEntry;
}

export function filterAuditTrail(trail: readonly AuditEntry[], filter: AuditTrailFilter = {}): AuditEntry[] {
  const at = (iso: string) => Date.parse(iso);
  return trail.filter(
    (e) =>
      (!filter.types?.length || filter.types.includes(e.type)) &&
      (!filter.actorId || e.actor.id === filter.actorId) &&
      (!filter.occurredFrom || at(e.occurredAt) >= at(filter.occurredFrom)) &&
      (!filter.occurredTo || at(e.occurredAt) <= at(filter.occurredTo)) &&
      (!filter.recordedFrom || at(e.recordedAt) >= at(filter.recordedFrom)) &&
      (!filter.recordedTo || at(e.recordedAt) <= at(filter.recordedTo)) &&
      (!filter.lateOnly || e.recordedLateByDays !== null),
  );
}
