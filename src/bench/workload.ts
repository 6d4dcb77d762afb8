import { newEventId } from '../ledger/event-id.js';
import type { JsonObject, ProposedEvent } from '../ledger/envelope.js';
import { seededRandom, type Random } from './random.js';

/**
 * The standard ledger workload, v1 (../shared/bench/WORKLOAD.md): streams `child-<i>`, events j = 0..E-1,
 * types cycling through five names, about 600 bytes of JSON data each, all drawn from one seed (42).
 * Every system measured gets exactly these events; each (stream, event) is derived from the seed and the
 * stream's index alone, so a stream is the same whatever the scale or the order it is asked for in.
 */
export const WORKLOAD_VERSION = 1;
export const WORKLOAD_SEED = 42;
export const DEFAULT_STREAMS = 2_000;
export const DEFAULT_EVENTS_PER_STREAM = 25;
export const WORKLOAD_EVENT_TYPES = ['AssessmentRequested', 'ProvisionPromised', 'ReviewHeld', 'PlanAmended', 'SignOffRecorded'] as const;
export type WorkloadEventType = (typeof WORKLOAD_EVENT_TYPES)[number];

/** The provision description is padded (or cut) to this many characters: with the rest, about 600 bytes of JSON. */
export const DESCRIPTION_LENGTH = 300;

export interface WorkloadOptions {
  streams: number;
  eventsPerStream: number;
  seed: number;
}

export const WORKLOAD_V1: WorkloadOptions = { streams: DEFAULT_STREAMS, eventsPerStream: DEFAULT_EVENTS_PER_STREAM, seed: WORKLOAD_SEED };

/** One workload event, as WORKLOAD.md describes it: no ledger envelope, so any system can store it. */
export interface WorkloadEvent {
  streamIndex: number;
  streamId: string;
  /** j: the event's place in its stream, 0 first. */
  revision: number;
  eventId: string;
  type: WorkloadEventType;
  data: JsonObject;
  metadata: { correlationId: string; causationId: string; actorId: string };
}

const WORDS = [
  'speech', 'language', 'therapy', 'sessions', 'individual', 'small', 'group', 'expressive', 'receptive', 'vocabulary',
  'narrative', 'targets', 'classroom', 'strategies', 'modelled', 'by', 'the', 'therapist', 'with', 'teaching', 'assistant',
  'practice', 'between', 'sessions', 'progress', 'reviewed', 'each', 'half', 'term', 'against', 'outcomes', 'in', 'section', 'E',
  'visual', 'supports', 'social', 'communication', 'attention', 'listening', 'sequencing', 'instructions', 'two-part', 'phonology',
];
const ACTORS = 8;

function description(random: Random): string {
  const words: string[] = [];
  let length = 0;
  while (length <= DESCRIPTION_LENGTH) {
    const word = random.pick(WORDS);
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ').slice(0, DESCRIPTION_LENGTH);
}

const BASE_DAY = Date.parse('2024-01-01T09:00:00.000Z');

/** The events of stream i, oldest first. */
export function streamEvents(options: WorkloadOptions, streamIndex: number): WorkloadEvent[] {
  const random = seededRandom(options.seed).fork(`stream-${streamIndex}`);
  const streamId = `child-${streamIndex}`;
  const childId = random.uuid();
  const planId = random.uuid();
  const correlationId = random.uuid();
  const start = BASE_DAY + random.int(0, 364) * 86_400_000;
  const events: WorkloadEvent[] = [];
  let causationId = correlationId;
  for (let j = 0; j < options.eventsPerStream; j++) {
    const eventId = random.uuid();
    const actorId = `senco-${random.int(1, ACTORS)}`;
    const occurredAt = new Date(start + j * 86_400_000 + random.int(0, 8 * 3_600_000)).toISOString();
    events.push({
      streamIndex,
      streamId,
      revision: j,
      eventId,
      type: WORKLOAD_EVENT_TYPES[j % WORKLOAD_EVENT_TYPES.length]!,
      data: {
        childId,
        planId,
        seq: j,
        provision: {
          description: description(random),
          frequency: 'weekly',
          minutesPerSession: 30,
          deliveredBy: 'Speech and language therapy service',
        },
        actor: { id: actorId, role: 'SENCo', organisation: 'URN 100000' },
        occurredAt,
      },
      metadata: { correlationId, causationId, actorId },
    });
    causationId = eventId;
  }
  return events;
}

export interface Workload {
  options: WorkloadOptions;
  /** Stream by stream: the order of the bulk phase. */
  streams: WorkloadEvent[][];
  /** Interactive order: event 0 of every stream, then event 1 of every stream...: many records growing side by side. */
  interactiveOrder(): WorkloadEvent[];
  /** The streams read in phase 3: `count` random stream indexes, drawn with replacement from the seed. */
  readOrder(count?: number): number[];
  totalEvents: number;
}

export function generateWorkload(options: WorkloadOptions = WORKLOAD_V1): Workload {
  if (!Number.isInteger(options.streams) || options.streams < 1) throw new Error('streams must be a whole number of at least 1');
  if (!Number.isInteger(options.eventsPerStream) || options.eventsPerStream < 1) throw new Error('events per stream must be a whole number of at least 1');
  const streams = Array.from({ length: options.streams }, (_, i) => streamEvents(options, i));
  return {
    options,
    streams,
    totalEvents: options.streams * options.eventsPerStream,
    interactiveOrder() {
      const order: WorkloadEvent[] = [];
      for (let j = 0; j < options.eventsPerStream; j++) for (const stream of streams) order.push(stream[j]!);
      return order;
    },
    readOrder(count = options.streams) {
      const random = seededRandom(options.seed).fork('reads');
      return Array.from({ length: count }, () => random.int(0, options.streams - 1));
    },
  };
}

/**
 * The event as the ledger's port takes it. The envelope's actor and claimed time come from the event's own
 * data (WORKLOAD.md puts them there); correlation and causation ids are the workload's metadata. The event id
 * is minted at append time, as the server mints it for every decision (WORKLOAD.md does not define event ids).
 */
export function toProposedEvent(event: WorkloadEvent): ProposedEvent {
  const actor = event.data['actor'] as { id: string; role: string; organisation: string };
  return {
    eventId: newEventId(),
    type: event.type,
    schemaVersion: WORKLOAD_VERSION,
    data: event.data,
    metadata: {
      actor: { id: actor.id, displayName: actor.id, role: actor.role, organisation: actor.organisation },
      occurredAt: event.data['occurredAt'] as string,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
    },
  };
}
