import { toChildEvent } from '../src/domain/child-record/decider.js';
import type { Actor, JsonObject, LedgerEntry } from '../src/ledger/envelope.js';
import { summariseEntry } from './entry-summary.js';

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
}

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
  return entries.map((entry) => {
    const { occurredAt, recordedAt } = entry.metadata;
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
    };
  });
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
