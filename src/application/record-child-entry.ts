import { randomUUID } from 'node:crypto';
import { childRecordDecider, foldChildRecord, toChildEvent } from '../domain/child-record/decider.js';
import { CHILD_EVENT_SCHEMAS, CHILD_EVENT_SCHEMA_VERSION, childStreamId, type ChildEventType, type ChildEventData } from '../domain/child-record/events.js';
import type { ChildCommand } from '../domain/child-record/commands.js';
import { NotFound, RuleViolation } from '../domain/errors.js';
import type { Actor, JsonObject, LedgerEntry, ProposedEvent } from '../ledger/envelope.js';
import { ConcurrencyConflict } from '../store/errors.js';
import { NO_STREAM, type EventStore } from '../store/port.js';
import type { KeyedQueue } from './keyed-queue.js';

export interface EntryOptions {
  /** The child's stream revision the caller decided on; omitted, the latest is used and conflicts are retried. */
  expectedRevision?: number;
  idempotencyKey?: string;
  /** When it happened, as the caller claims (ISO 8601 date or date-time); default now. */
  occurredAt?: string;
  correlationId: string;
  causationId: string;
}

export interface RecordedEntries {
  childId: string;
  streamRevision: number;
  entries: LedgerEntry[];
  deduplicated: boolean;
}

export interface LedgerDependencies {
  store: EventStore;
  clock: () => Date;
  /** Serialises this process's writers per child stream. */
  writeQueue?: KeyedQueue;
}

/** A claimed time more than this far ahead of the server clock is refused: nothing has happened in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
const ATTEMPTS = 3;

/**
 * Read the child's stream, fold it, let the decider judge the command, append with the revision
 * that was read. Without a caller's expected revision a conflict is retried on fresh state, so
 * concurrent writers never lose an update; with one, the conflict goes back to the caller.
 */
export async function recordChildEntry<T extends ChildEventType>(
  deps: LedgerDependencies,
  childId: string,
  actor: Actor,
  record: T,
  data: ChildEventData<T>,
  options: EntryOptions,
): Promise<RecordedEntries> {
  const streamId = childStreamId(childId);
  const occurredAt = claimedTime(options.occurredAt, deps.clock());
  // Every caller, not only the API, gets its data checked against the entry type's schema.
  const parsed = CHILD_EVENT_SCHEMAS[record].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new RuleViolation('invalid-data', `${field || record}: ${issue.message}`, field || undefined);
  }
  data = parsed.data as ChildEventData<T>;
  const write = () => decideAndAppend(deps, streamId, childId, actor, record, data, options, occurredAt);
  return deps.writeQueue ? deps.writeQueue.run(streamId, write) : write();
}

async function decideAndAppend<T extends ChildEventType>(
  deps: LedgerDependencies,
  streamId: string,
  childId: string,
  actor: Actor,
  record: T,
  data: ChildEventData<T>,
  options: EntryOptions,
  occurredAt: string,
): Promise<RecordedEntries> {
  for (let attempt = 1; ; attempt++) {
    const entries = await deps.store.readStream(streamId);
    const repeat = options.idempotencyKey === undefined ? [] : entries.filter((e) => e.metadata.idempotencyKey === options.idempotencyKey);
    if (repeat.length > 0) return { childId, streamRevision: entries.at(-1)!.streamRevision, entries: repeat, deduplicated: true };

    const current = entries.at(-1)?.streamRevision ?? null;
    if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
      throw new ConcurrencyConflict(streamId, options.expectedRevision, current);
    }
    if (current === null && record !== 'ChildRegistered') throw new NotFound('child');

    const state = foldChildRecord(entries.map(toChildEvent));
    const command = { record, data, actor, occurredAt } as ChildCommand;
    const decided = childRecordDecider.decide(command, state);
    const proposed: ProposedEvent[] = decided.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: CHILD_EVENT_SCHEMA_VERSION,
      data: event.data as unknown as JsonObject,
      metadata: {
        actor,
        occurredAt,
        correlationId: options.correlationId,
        causationId: options.causationId,
        ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      },
    }));
    try {
      const result = await deps.store.append(streamId, proposed, current ?? NO_STREAM);
      return { childId, streamRevision: result.nextExpectedRevision, entries: result.entries, deduplicated: result.deduplicated };
    } catch (error) {
      if (error instanceof ConcurrencyConflict && options.expectedRevision === undefined && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

function claimedTime(occurredAt: string | undefined, now: Date): string {
  if (occurredAt === undefined) return now.toISOString();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(occurredAt) ? Date.parse(`${occurredAt}T00:00:00Z`) : Date.parse(occurredAt);
  if (Number.isNaN(parsed)) {
    throw new RuleViolation('occurred-at-invalid', 'occurredAt must be an ISO 8601 date (YYYY-MM-DD) or date-time with a time zone', 'options.occurredAt');
  }
  if (parsed > now.getTime() + CLOCK_SKEW_MS) {
    throw new RuleViolation('occurred-in-future', 'occurredAt is in the future: record things once they have happened', 'options.occurredAt');
  }
  return new Date(parsed).toISOString();
}
