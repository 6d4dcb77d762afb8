import { summarise, type LatencySummary } from './stats.js';
import type { BenchTarget, ReplayedEvent, StoreKind } from './target.js';
import type { Workload, WorkloadEvent } from './workload.js';

export type PhaseName = 'interactive append' | 'bulk append' | 'stream read' | 'replay' | 'replay into projections' | 'concurrent append';

export interface PhaseResult {
  phase: PhaseName;
  store: StoreKind;
  variant: string;
  baseline: boolean;
  /** Events appended or replayed, or streams read. */
  operations: number;
  seconds: number;
  perSecond: number;
  unit: 'events/s' | 'reads/s';
  /** Per operation (one append, one stream read). */
  latency?: LatencySummary;
  /** Writers for the concurrent phase. */
  writers?: number;
  note?: string;
}

export interface PhaseContext {
  store: StoreKind;
  variant: string;
  baseline: boolean;
}

const expectedBefore = (event: WorkloadEvent) => (event.revision === 0 ? null : event.revision - 1);

function result(context: PhaseContext, phase: PhaseName, operations: number, seconds: number, extra: Partial<PhaseResult> = {}): PhaseResult {
  return { phase, ...context, operations, seconds, perSecond: operations / seconds, unit: phase === 'stream read' ? 'reads/s' : 'events/s', ...extra };
}

/** A system under measurement with the labels its results carry. */
export interface Contestant {
  target: BenchTarget;
  context: PhaseContext;
}

/**
 * Runs the same blocks of work on every system in turn (the first system rotating from block to block), so
 * a busy neighbour on a shared machine slows every system alike and the ratios between them hold. Each
 * system's figure is its own work over its own time; latencies are per operation.
 */
async function interleaved<T>(
  contestants: readonly Contestant[],
  blocks: readonly T[][],
  operation: (target: BenchTarget, item: T, context: PhaseContext) => Promise<void>,
): Promise<Array<{ seconds: number; samples: number[] }>> {
  const totals = contestants.map(() => ({ seconds: 0, samples: [] as number[] }));
  for (let b = 0; b < blocks.length; b++) {
    for (let k = 0; k < contestants.length; k++) {
      const c = (b + k) % contestants.length;
      const { target, context } = contestants[c]!;
      const total = totals[c]!;
      const blockStarted = performance.now();
      for (const item of blocks[b]!) {
        const t0 = performance.now();
        await operation(target, item, context);
        total.samples.push(performance.now() - t0);
      }
      total.seconds += (performance.now() - blockStarted) / 1000;
    }
  }
  return totals;
}

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const blocks: T[][] = [];
  for (let i = 0; i < items.length; i += size) blocks.push(items.slice(i, i + size));
  return blocks;
};

/** Phase 1: each event appended alone with its expected revision, one writer, each acknowledged only once durable. */
export async function interactiveAppend(contestants: readonly Contestant[], workload: Workload, block = 500): Promise<PhaseResult[]> {
  const totals = await interleaved(contestants, chunk(workload.interactiveOrder(), block), (target, event) => target.append([event], expectedBefore(event)));
  return contestants.map(({ context }, i) => result(context, 'interactive append', workload.totalEvents, totals[i]!.seconds, { latency: summarise(totals[i]!.samples) }));
}

/** Phase 2: per stream one append of all its events, into a new database. */
export async function bulkAppend(contestants: readonly Contestant[], workload: Workload, block = 50): Promise<PhaseResult[]> {
  const totals = await interleaved(contestants, chunk(workload.streams, block), (target, stream) => target.append(stream, null));
  return contestants.map(({ context }, i) => result(context, 'bulk append', workload.totalEvents, totals[i]!.seconds, { latency: summarise(totals[i]!.samples) }));
}

/** Phase 3: whole random streams read and decoded; every read must return the whole stream. */
export async function streamRead(contestants: readonly Contestant[], workload: Workload, reads = workload.options.streams, block = 100): Promise<PhaseResult[]> {
  const totals = await interleaved(contestants, chunk(workload.readOrder(reads), block), async (target, index, context) => {
    const events = await target.readStream(`child-${index}`);
    if (events.length !== workload.options.eventsPerStream) {
      throw new Error(`${context.variant} (${context.store}): stream child-${index} read ${events.length} events, expected ${workload.options.eventsPerStream}`);
    }
  });
  return contestants.map(({ context }, i) => result(context, 'stream read', reads, totals[i]!.seconds, { latency: summarise(totals[i]!.samples) }));
}

/** The workload's projection: events counted by type, and the last event of each stream. */
export function countingProjection() {
  const byType = new Map<string, number>();
  const lastByStream = new Map<string, unknown>();
  return {
    fold(event: ReplayedEvent) {
      byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
      lastByStream.set(event.streamId, event.event);
    },
    byType,
    lastByStream,
  };
}

/**
 * Phase 4: every event in global order, folded into the counting projection. Each system replays `rounds`
 * times, taking turns; its figure is its median round (one pass cannot be interleaved block by block).
 */
export async function replay(contestants: readonly Contestant[], workload: Workload, rounds = 3): Promise<PhaseResult[]> {
  const seconds = contestants.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contestants.length; k++) {
      const c = (round + k) % contestants.length;
      const { target, context } = contestants[c]!;
      const projection = countingProjection();
      const started = performance.now();
      const count = await target.replay((event) => projection.fold(event));
      seconds[c]!.push((performance.now() - started) / 1000);
      if (count !== workload.totalEvents || projection.lastByStream.size !== workload.options.streams) {
        throw new Error(`${context.variant} (${context.store}): replay folded ${count} events of ${projection.lastByStream.size} streams, expected ${workload.totalEvents} of ${workload.options.streams}`);
      }
    }
  }
  return contestants.map(({ context }, i) => {
    const median = [...seconds[i]!].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
    return result(context, 'replay', workload.totalEvents, median, { note: `median of ${rounds} replays` });
  });
}

/**
 * Many writers at once against one writer, on two new databases of the same system. Each round is one
 * revision of every stream (all different streams, so the writers never conflict): one writer appends
 * them one after another, then 32 async writers append the same events, pulling from a shared queue,
 * each append acknowledged only when durable. Rounds alternate, so both figures see the same machine.
 * Durable throughput rises with the writers only if the store groups their commits.
 */
export async function concurrentAppend(single: Contestant, many: Contestant, workload: Workload, writers = 32): Promise<PhaseResult[]> {
  const totals = [
    { seconds: 0, samples: [] as number[] },
    { seconds: 0, samples: [] as number[] },
  ];
  const time = async (total: (typeof totals)[number], target: BenchTarget, event: WorkloadEvent) => {
    const t0 = performance.now();
    await target.append([event], expectedBefore(event));
    total.samples.push(performance.now() - t0);
  };
  for (let j = 0; j < workload.options.eventsPerStream; j++) {
    const round = workload.streams.map((stream) => stream[j]!);
    let started = performance.now();
    for (const event of round) await time(totals[0]!, single.target, event);
    totals[0]!.seconds += (performance.now() - started) / 1000;
    let next = 0;
    const writer = async () => {
      while (next < round.length) await time(totals[1]!, many.target, round[next++]!);
    };
    started = performance.now();
    await Promise.all(Array.from({ length: writers }, writer));
    totals[1]!.seconds += (performance.now() - started) / 1000;
  }
  return [single, many].map(({ context }, i) =>
    result(context, 'concurrent append', workload.totalEvents, totals[i]!.seconds, { latency: summarise(totals[i]!.samples), writers: i === 0 ? 1 : writers }),
  );
}
