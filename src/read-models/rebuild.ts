import type { EventStore } from '../store/port.js';
import type { DocumentProjection, ReadModelStore } from './read-model-store.js';

export interface RebuildProgress {
  /** The read models being rebuilt, by name, comma-separated. */
  projection: string;
  done: number;
  total: number;
  eventsPerSecond: number;
  /** Seconds left at the current rate. */
  etaSeconds: number;
}

/**
 * Every document a batch touches is read, parsed and written once per batch, however many of its entries touch
 * it; one that only grew (a provision line's history) gets just its new items (appended-items.ts). Larger
 * batches mean fewer statements and transactions. On a 50,000-entry synthetic LA, batches of 2,000 rebuilt at
 * half the speed of batches of 10,000 (when grown documents were still written whole); beyond that the gain is
 * small, and a batch of decrypted entries with the documents it touches is tens of megabytes.
 */
export const REBUILD_BATCH = 10000;

/** Drop a read model and fold the whole log into it again, batch by batch, each batch committed with its checkpoint. */
export function rebuildProjection(
  events: EventStore,
  readModels: ReadModelStore,
  projection: DocumentProjection,
  onProgress: (progress: RebuildProgress) => void = () => {},
  batchSize = REBUILD_BATCH,
): Promise<RebuildProgress> {
  return rebuildProjections(events, readModels, [projection], onProgress, batchSize);
}

/**
 * Drop several read models and fold the whole log into all of them in one pass: each batch is read (and
 * decrypted) once and committed to every read model with their checkpoints in one transaction.
 */
export async function rebuildProjections(
  events: EventStore,
  readModels: ReadModelStore,
  projections: readonly DocumentProjection[],
  onProgress: (progress: RebuildProgress) => void = () => {},
  batchSize = REBUILD_BATCH,
): Promise<RebuildProgress> {
  for (const projection of projections) await readModels.reset(projection);
  const total = await events.headPosition();
  const started = performance.now();
  const label = projections.map((p) => p.name).join(', ');
  let done = 0;
  let next = 1;
  const progress = (): RebuildProgress => {
    const seconds = Math.max((performance.now() - started) / 1000, 1e-6);
    const eventsPerSecond = done / seconds;
    return { projection: label, done, total, eventsPerSecond, etaSeconds: eventsPerSecond > 0 ? (total - done) / eventsPerSecond : 0 };
  };
  if (projections.length === 0) return progress();
  for (;;) {
    const batch = await events.readAll(next, batchSize);
    if (batch.length === 0) break;
    await readModels.commitAll(projections, batch);
    done += batch.length;
    next = batch.at(-1)!.globalPosition + 1;
    onProgress(progress());
  }
  return progress();
}
