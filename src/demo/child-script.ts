/**
 * A tiny builder for one child's scripted journey. Each step is one entry the loader will record
 * through `recordChildEntry`, with the time it claims to have happened (occurredAt) and the time
 * the simulated recording clock will show when it is written (recordedAt).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { uuidFromName } from '../ledger/deterministic-id.js';
import type { CHILD_EVENT_SCHEMAS, ChildEventType } from '../domain/child-record/events.js';
import type { Actor } from '../ledger/envelope.js';
import type { LOCAL_OFFER_EVENT_SCHEMAS, LocalOfferEventType } from '../domain/local-offer/events.js';

/** What a step passes: the schema's input (defaults may be left out; the loader parses it). */
export type StepData<T extends ChildEventType> = z.input<(typeof CHILD_EVENT_SCHEMAS)[T]>;

/** Looks up the event id of an earlier step of the same child (for corrections and sign-offs). */
export type EntryRef = (step: string) => string;

export interface Timing {
  /** Time of day (UTC, HH:MM) it happened; default 09:30. */
  at?: string;
  /**
   * Recorded this many days after it happened, deliberately late (a log typed up at half term,
   * a letter scanned in after the holidays). Nothing later in the script may depend on it.
   */
  lateDays?: number;
}

export interface DemoStep {
  /** Set for entries of the LA's Local Offer stream rather than the child's record. */
  stream?: 'local-offer';
  childKey: string;
  childId: string;
  step: string;
  actor: Actor;
  record: ChildEventType;
  data: StepData<ChildEventType> | ((ref: EntryRef) => StepData<ChildEventType>);
  occurredAt: string;
  recordedAt: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export class ChildScript {
  readonly childId: string;
  readonly steps: DemoStep[] = [];
  /** The recorded time of the last step that was not deliberately late: later steps are recorded after it. */
  private lastRecorded = 0;
  private lastOccurred = 0;

  constructor(
    /** Short, stable key used in idempotency keys: `demo-<key>-<step>`. */
    readonly key: string,
    /** One line for the CLI's output. */
    readonly description: string,
  ) {
    this.childId = this.id('child');
  }

  /** A stable UUID for something in this child's record (plan, provision, request...). */
  id(name: string): string {
    return uuidFromName('send-ledger-demo', this.key, name);
  }

  /**
   * Add one entry; add them in the order they happened. `on` is the day it happened (YYYY-MM-DD).
   * Unless `lateDays` is given, it is recorded later that day or the next morning (a stable,
   * per-step choice), and never before the previous entry.
   */
  add<T extends ChildEventType>(
    step: string,
    on: string,
    actor: Actor,
    record: T,
    data: StepData<T> | ((ref: EntryRef) => StepData<T>),
    timing: Timing = {},
  ): this {
    if (this.steps.some((s) => s.step === step)) throw new Error(`demo script ${this.key}: step "${step}" is used twice`);
    const occurred = Date.parse(`${on}T${timing.at ?? '09:30'}:00.000Z`);
    if (Number.isNaN(occurred)) throw new Error(`demo script ${this.key}/${step}: bad date ${on} ${timing.at ?? ''}`);
    if (occurred < this.lastOccurred) throw new Error(`demo script ${this.key}/${step}: steps must be added in the order they happened`);
    this.lastOccurred = occurred;

    let recorded: number;
    if (timing.lateDays !== undefined) {
      if (timing.lateDays < 1) throw new Error(`demo script ${this.key}/${step}: lateDays must be at least 1`);
      recorded = lateRecordingTime(occurred, timing.lateDays, this.key, step);
    } else {
      recorded = Math.max(recordingTime(occurred, this.key, step), this.lastRecorded + 2 * MINUTE_MS);
      this.lastRecorded = recorded;
    }
    this.steps.push({
      childKey: this.key,
      childId: this.childId,
      step,
      actor,
      record,
      data: data as DemoStep['data'],
      occurredAt: new Date(occurred).toISOString(),
      recordedAt: new Date(recorded).toISOString(),
    });
    return this;
  }

  /** Add one entry to the LA's Local Offer (`local-offer-<LA code>`), timed like a child's entries. */
  addToLocalOffer<T extends LocalOfferEventType>(step: string, on: string, actor: Actor, record: T, data: z.input<(typeof LOCAL_OFFER_EVENT_SCHEMAS)[T]>, timing: Timing = {}): this {
    this.add(step, on, actor, record as never, data as never, timing);
    this.steps.at(-1)!.stream = 'local-offer';
    return this;
  }
}

/** A number fixed per step, so the sample is the same on every load. */
const stable = (key: string, step: string) => createHash('sha256').update(`${key}/${step}`).digest().readUInt32BE(0);
const startOfDay = (ms: number) => ms - (ms % DAY_MS);

/** Two steps in three are recorded 1-5 hours after they happened; the rest the next morning. */
function recordingTime(occurred: number, key: string, step: string): number {
  const n = stable(key, step);
  const minutes = (n % 60) * MINUTE_MS;
  if (n % 3 !== 0) return occurred + (1 + (n % 5)) * HOUR_MS + minutes;
  return startOfDay(occurred) + DAY_MS + (8 + (n % 4)) * HOUR_MS + minutes;
}

/** During the working day, `lateDays` after the day it happened. */
function lateRecordingTime(occurred: number, lateDays: number, key: string, step: string): number {
  const n = stable(key, step);
  return startOfDay(occurred) + lateDays * DAY_MS + (9 + (n % 7)) * HOUR_MS + (n % 60) * MINUTE_MS;
}
