import { newEventId } from '../ledger/event-id.js';
import type { ZodType } from 'zod';
import { NotADate, parseInstant } from '../domain/calendar/claimed-dates.js';
import { RuleViolation } from '../domain/errors.js';
import { uncanonicalisablePlace } from '../ledger/canonical-json.js';
import type { Actor, ImportSource, JsonObject, LedgerEntry, ProposedEvent } from '../ledger/envelope.js';
import { ConcurrencyConflict } from '../store/errors.js';
import { NO_STREAM, type EventStore } from '../store/port.js';
import type { KeyedQueue } from './keyed-queue.js';

export interface EntryOptions {
  /** The stream revision the caller decided on; omitted, the latest is used and conflicts are retried. */
  expectedRevision?: number;
  idempotencyKey?: string;
  /** When it happened, as the caller claims (ISO 8601 date or date-time); default now. */
  occurredAt?: string;
  correlationId: string;
  causationId: string;
  /** Only the caseload import sets this: where the entry came from. */
  importedFrom?: ImportSource;
}

export interface LedgerDependencies {
  store: EventStore;
  clock: () => Date;
  /** Serialises this process's writers per stream. */
  writeQueue?: KeyedQueue;
}

export interface AppendedDecision {
  streamRevision: number;
  entries: LedgerEntry[];
  deduplicated: boolean;
}

/** What a decider wants recorded: entry types and data; the envelope is added here. */
export type Decision = Array<{ type: string; data: unknown }>;

/** A claimed time more than this far ahead of the server clock is refused: nothing has happened in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Another process may win the stream again and again under a burst; back off a little more each time. */
const ATTEMPTS = 10;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));

/**
 * The one write path of every stream: read it, let the decider judge against it, append with the
 * revision that was read. Without a caller's expected revision a conflict is retried on fresh state,
 * so concurrent writers never lose an update; with one, the conflict goes back to the caller.
 * A repeated idempotency key returns the entries it recorded the first time.
 */
export async function appendDecision(
  deps: LedgerDependencies,
  streamId: string,
  actor: Actor,
  options: EntryOptions & { occurredAt: string },
  decide: (entries: LedgerEntry[]) => Decision,
  schemaVersion: number,
  /** Judged first, before repeats and conflicts: someone who may not write here learns nothing from the answer. */
  authorise?: (entries: LedgerEntry[]) => void,
): Promise<AppendedDecision> {
  if (options.idempotencyKey !== undefined) refuseUncanonicalisable(options.idempotencyKey, 'options.idempotencyKey');
  const write = async (): Promise<AppendedDecision> => {
    for (let attempt = 1; ; attempt++) {
      const entries = await deps.store.readStream(streamId);
      authorise?.(entries);
      const repeat = options.idempotencyKey === undefined ? [] : entries.filter((e) => e.metadata.idempotencyKey === options.idempotencyKey);
      if (repeat.length > 0) return { streamRevision: entries.at(-1)!.streamRevision, entries: repeat, deduplicated: true };

      const current = entries.at(-1)?.streamRevision ?? null;
      if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
        throw new ConcurrencyConflict(streamId, options.expectedRevision, current);
      }
      const proposed: ProposedEvent[] = decide(entries).map((event) => ({
        eventId: newEventId(),
        type: event.type,
        schemaVersion,
        data: event.data as JsonObject,
        metadata: {
          actor,
          occurredAt: options.occurredAt,
          correlationId: options.correlationId,
          causationId: options.causationId,
          ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
          ...(options.importedFrom === undefined ? {} : { importedFrom: options.importedFrom }),
        },
      }));
      try {
        const result = await deps.store.append(streamId, proposed, current ?? NO_STREAM);
        return { streamRevision: result.nextExpectedRevision, entries: result.entries, deduplicated: result.deduplicated };
      } catch (error) {
        if (error instanceof ConcurrencyConflict && options.expectedRevision === undefined && attempt < ATTEMPTS) {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
    }
  };
  return deps.writeQueue ? deps.writeQueue.run(streamId, write) : write();
}

/** The claimed time of an entry: a date or date-time that exists, not in the future; default now. Stored as its instant in UTC. */
export function claimedTime(occurredAt: string | undefined, now: Date): string {
  if (occurredAt === undefined) return now.toISOString();
  let instant: string;
  try {
    instant = parseInstant(occurredAt);
  } catch (error) {
    if (!(error instanceof NotADate)) throw error;
    throw new RuleViolation('occurred-at-invalid', `options.occurredAt: ${error.message}`, 'options.occurredAt');
  }
  if (Date.parse(instant) > now.getTime() + CLOCK_SKEW_MS) {
    throw new RuleViolation('occurred-in-future', 'occurredAt is in the future: record things once they have happened', 'options.occurredAt');
  }
  return instant;
}

/**
 * Every caller, not only the API, gets entry data checked against its type's schema, and refused where
 * it could not be stored exactly as sent: the hashes are over RFC 8785 bytes, which have no form for a
 * string holding a lone UTF-16 surrogate.
 */
export function validEntryData<T>(schema: ZodType<T>, type: string, data: unknown): T {
  refuseUncanonicalisable(data, '');
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new RuleViolation('invalid-data', `${field || type}: ${issue.message}`, field || undefined);
}

/** A value that has no canonical form is refused, naming its field (under `prefix`). */
export function refuseUncanonicalisable(value: unknown, prefix: string): void {
  const place = uncanonicalisablePlace(value);
  if (!place) return;
  const field = [prefix, place.path].filter(Boolean).join('.');
  const why = /lone surrogate/.test(place.why) ? 'holds a lone UTF-16 surrogate, so it is not valid Unicode text and cannot be stored' : place.why;
  throw new RuleViolation('not-storable-text', `${field || 'input'}: ${why}`, field || undefined);
}
