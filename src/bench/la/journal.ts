import type { z, ZodType } from 'zod';
import { validEntryData } from '../../application/append-decision.js';
import { authoriseRecording } from '../../domain/access/write-permissions.js';
import type { ChildCommand } from '../../domain/child-record/commands.js';
import { childRecordDecider, foldChildRecord } from '../../domain/child-record/decider.js';
import { CHILD_EVENT_SCHEMAS, CHILD_EVENT_SCHEMA_VERSION, childStreamId, type ChildEvent, type ChildEventType } from '../../domain/child-record/events.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import type { LocalOfferCommand } from '../../domain/local-offer/commands.js';
import { localOfferDecider } from '../../domain/local-offer/decider.js';
import {
  LOCAL_OFFER_EVENT_SCHEMAS, LOCAL_OFFER_EVENT_SCHEMA_VERSION, localOfferStreamId, type LocalOfferEvent, type LocalOfferEventType,
} from '../../domain/local-offer/events.js';
import type { LocalOffer } from '../../domain/local-offer/state.js';
import type { Actor, JsonObject, LedgerEntry, ProposedEvent } from '../../ledger/envelope.js';
import { NO_STREAM } from '../../store/port.js';
import type { Random } from '../random.js';

/** One append the generator wants made: one entry, with the revision it was decided against and the time it is recorded. */
export interface PlannedAppend {
  streamId: string;
  expected: number | typeof NO_STREAM;
  events: ProposedEvent[];
  /** The store's clock is set to this before the append (ISO 8601). */
  recordedAt: string;
  /**
   * Data only the store can give, read from the stream as stored just before the append (a handover's cut
   * hash and pack hash: with encryption the stored hashes depend on the ciphertext). Merged into the data.
   */
  resolve?: (stream: LedgerEntry[]) => JsonObject;
}

export type ChildInput<T extends ChildEventType> = z.input<(typeof CHILD_EVENT_SCHEMAS)[T]>;
export type LocalOfferInput<T extends LocalOfferEventType> = z.input<(typeof LOCAL_OFFER_EVENT_SCHEMAS)[T]>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A child's record as the generator writes it: each entry is parsed by its schema and judged by the real
 * decider against the record so far (exactly as `recordChildEntry` does, with the state held here rather
 * than read back and folded), then folded in with the real `evolve`. A refusal is a generator bug: it throws.
 */
export class ChildJournal {
  readonly streamId: string;
  state: ChildRecord = childRecordDecider.initialState();
  /** The entries as recorded (corrections included), for the refold a correction needs. */
  private readonly recorded: ChildEvent[] = [];
  private lastRecordedMs = 0;

  constructor(
    readonly childId: string,
    private readonly random: Random,
    private readonly emit: (append: PlannedAppend) => void,
  ) {
    this.streamId = childStreamId(childId);
  }

  get entries(): number {
    return this.recorded.length;
  }

  /**
   * Record one entry; returns its event id. `recordedMs` defaults to the occurred time. Judged as
   * `recordChildEntry` judges it: schema, write permission (the actor's relationship to the child), decider.
   */
  record<T extends ChildEventType>(
    type: T,
    input: ChildInput<T>,
    actor: Actor,
    occurredMs: number,
    recordedMs = occurredMs,
    resolve?: PlannedAppend['resolve'],
  ): string {
    const recordedAt = Math.max(recordedMs, occurredMs, this.lastRecordedMs + 1000);
    this.lastRecordedMs = recordedAt;
    const occurredAt = iso(occurredMs);
    const schema = CHILD_EVENT_SCHEMAS[type] as unknown as ZodType;
    let decided;
    try {
      const data = validEntryData(schema, type, input) as never;
      authoriseRecording(this.state, actor, type, data, new Date(recordedAt));
      decided = childRecordDecider.decide({ record: type, data, actor, occurredAt } as ChildCommand, this.state);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`synthetic LA: ${type} for child ${this.childId} on ${occurredAt} was refused: ${reason}`, { cause: error });
    }
    const [event] = decided;
    const eventId = this.random.uuid();
    const correlationId = this.random.uuid();
    const folded = { type: event!.type, data: event!.data, eventId, occurredAt, recordedAt: iso(recordedAt), actor } as ChildEvent;
    this.emit({
      streamId: this.streamId,
      expected: this.recorded.length === 0 ? NO_STREAM : this.recorded.length - 1,
      events: [{
        eventId,
        type: event!.type,
        schemaVersion: CHILD_EVENT_SCHEMA_VERSION,
        data: event!.data as unknown as JsonObject,
        metadata: { actor, occurredAt, correlationId, causationId: correlationId },
      }],
      recordedAt: iso(recordedAt),
      ...(resolve ? { resolve } : {}),
    });
    this.recorded.push(folded);
    // A correction changes how earlier entries read: fold again, as recordChildEntry would.
    this.state = type === 'EntryCorrected' ? foldChildRecord(this.recorded) : childRecordDecider.evolve(this.state, folded);
    return eventId;
  }
}

/** An LA's Local Offer stream, written through the Local Offer decider the same way. */
export class LocalOfferJournal {
  readonly streamId: string;
  state: LocalOffer = localOfferDecider.initialState();
  private revision = -1;
  private lastRecordedMs = 0;

  constructor(
    readonly laCode: string,
    private readonly random: Random,
    private readonly emit: (append: PlannedAppend) => void,
  ) {
    this.streamId = localOfferStreamId(laCode);
  }

  record<T extends LocalOfferEventType>(type: T, input: LocalOfferInput<T>, actor: Actor, occurredMs: number, recordedMs = occurredMs): string {
    const recordedAt = Math.max(recordedMs, occurredMs, this.lastRecordedMs + 1000);
    this.lastRecordedMs = recordedAt;
    const occurredAt = iso(occurredMs);
    let decided;
    try {
      const data = validEntryData(LOCAL_OFFER_EVENT_SCHEMAS[type] as unknown as ZodType, type, input);
      decided = localOfferDecider.decide({ laCode: this.laCode, record: type, data, actor, occurredAt } as LocalOfferCommand, this.state);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`synthetic LA: ${type} in the Local Offer on ${occurredAt} was refused: ${reason}`, { cause: error });
    }
    const [event] = decided;
    const eventId = this.random.uuid();
    const correlationId = this.random.uuid();
    this.emit({
      streamId: this.streamId,
      expected: this.revision === -1 ? NO_STREAM : this.revision,
      events: [{
        eventId,
        type: event!.type,
        schemaVersion: LOCAL_OFFER_EVENT_SCHEMA_VERSION,
        data: event!.data as unknown as JsonObject,
        metadata: { actor, occurredAt, correlationId, causationId: correlationId },
      }],
      recordedAt: iso(recordedAt),
    });
    this.revision++;
    this.state = localOfferDecider.evolve(this.state, { ...event!, eventId, occurredAt, recordedAt: iso(recordedAt), actor } as LocalOfferEvent);
    return eventId;
  }
}
