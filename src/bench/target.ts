import type { WorkloadEvent } from './workload.js';

/** What the replay fold sees of an event, whichever system stored it. */
export interface ReplayedEvent {
  streamId: string;
  type: string;
  /** The decoded event, kept by the fold as its stream's last. */
  event: unknown;
}

/**
 * One system under measurement, opened on a fresh database: the ledger through its port (with or
 * without the encrypting decorator), or a raw-driver baseline holding the same rows with no ledger logic.
 */
export interface BenchTarget {
  /** Append consecutive events of one stream; `expected` is the stream's revision before them (null: no stream yet). */
  append(events: readonly WorkloadEvent[], expected: number | null): Promise<void>;
  /** A whole stream, decoded to objects. */
  readStream(streamId: string): Promise<unknown[]>;
  /** Every event in global order, each handed to `fold`; returns how many. */
  replay(fold: (event: ReplayedEvent) => void): Promise<number>;
  close(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'postgres';

export interface TargetFactory {
  /** e.g. "ledger", "ledger + encryption", "raw driver". */
  variant: string;
  store: StoreKind;
  baseline: boolean;
  /** Opens a new, empty database named for the phase. */
  open(name: string): Promise<BenchTarget>;
}

/** Replays read in batches of this many, as the project's rebuild does. */
export const REPLAY_BATCH = 2000;
