import type { EventStore } from '../store/port.js';
import type { DocumentProjection, ReadModelStore } from './read-model-store.js';

export interface RebuildProgress {
  projection: string;
  done: number;
  total: number;
  eventsPerSecond: number;
  /** Seconds left at the current rate. */
  etaSeconds: number;
}

/** Drop a read model and fold the whole log into it again, batch by batch, each batch committed with its checkpoint. */
export async function rebuildProjection(
  events: EventStore,
  readModels: ReadModelStore,
  projection: DocumentProjection,
  onProgress: (progress: RebuildProgress) => void = () => {},
  batchSize = 2000,
): Promise<RebuildProgress> {
  await readModels.reset(projection);
  const total = await events.headPosition();
  const started = performance.now();
  let done = 0;
  let next = 1;
  const progress = (): RebuildProgress => {
    const seconds = Math.max((performance.now() - started) / 1000, 1e-6);
    const eventsPerSecond = done / seconds;
    return { projection: projection.name, done, total, eventsPerSecond, etaSeconds: eventsPerSecond > 0 ? (total - done) / eventsPerSecond : 0 };
  };
  for (;;) {
    const batch = await events.readAll(next, batchSize);
    if (batch.length === 0) break;
    await readModels.commit(projection, batch);
    done += batch.length;
    next = batch.at(-1)!.globalPosition + 1;
    onProgress(progress());
  }
  return progress();
}
