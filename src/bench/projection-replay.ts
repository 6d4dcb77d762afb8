import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/config.js';
import { createSimulatedClock } from '../demo/simulated-clock.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { PROJECTIONS } from '../read-models/projections.js';
import { REBUILD_BATCH, rebuildProjections } from '../read-models/rebuild.js';
import { sqliteReadModels } from '../read-models/sqlite-read-models.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { countingProjection, type PhaseResult } from './phases.js';
import { openRawSqlite } from './raw-sqlite.js';
import { openSeedingLedger } from './seed-store.js';
import { ENTRIES_PER_SCALE, loadSyntheticLa } from './synthetic-la.js';
import { REPLAY_BATCH } from './target.js';

/**
 * Phase 4b: replay into the project's real read models (src/read-models/projections.ts), which fold only
 * domain entries (the workload's made-up types would not mean anything to them). The rows are a synthetic LA
 * of about the workload's size, generated once and appended to the ledger as the server stores them
 * (encrypted) and, for the other variant, in plain text; the baseline is the same rows in the raw table,
 * scanned and folded into the workload's counting projection. The read models are rebuilt as `npm run rebuild`
 * does it: all dropped, then the whole log read (and decrypted) once, batch by batch, each batch folded into
 * every read model and committed with their checkpoints in one transaction.
 */
export async function replayIntoProjections(dir: string, approximateEvents: number, seed: number, log: (line: string) => void): Promise<PhaseResult[]> {
  const scale = Math.max(0.001, approximateEvents / ENTRIES_PER_SCALE);
  const options = { scale, seed, showcase: false };
  const results: PhaseResult[] = [];

  // The encrypted ledger, as the server keeps it.
  const encryptedDir = join(dir, 'replay-encrypted');
  mkdirSync(encryptedDir, { recursive: true });
  const clock = createSimulatedClock();
  const encrypted = openSeedingLedger(parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: encryptedDir, SEND_LEDGER_STORE: 'sqlite' }), clock.now);
  const { manifest } = await loadSyntheticLa(encrypted.store, clock, options);
  log(`replay into projections: synthetic LA at scale ${scale.toFixed(4)} (${manifest.appends} entries) loaded`);

  // The same entries in plain text, and in the raw table (the decrypted data and metadata of each entry).
  const plainClock = createSimulatedClock();
  const plain = openSqliteStore(join(dir, 'replay-plain.sqlite'), plainClock.now);
  plain.database.pragma('synchronous = OFF');
  await loadSyntheticLa(plain, plainClock, options);
  plain.database.pragma('synchronous = FULL');
  const raw = openRawSqlite(join(dir, 'replay-raw.sqlite'));
  raw.database.pragma('synchronous = OFF');
  const copy = raw.database.transaction((entries: LedgerEntry[]) => {
    for (const e of entries) raw.insertRow(e.streamId, e.streamRevision, e.eventId, e.type, e.data, e.metadata);
  });
  for (let next = 1; ; ) {
    const batch = await plain.readAll(next, REPLAY_BATCH);
    if (batch.length === 0) break;
    copy(batch);
    next = batch.at(-1)!.globalPosition + 1;
  }
  raw.database.pragma('synchronous = FULL');
  raw.database.pragma('wal_checkpoint(TRUNCATE)');
  plain.database.pragma('wal_checkpoint(TRUNCATE)');
  encrypted.database.pragma('wal_checkpoint(TRUNCATE)');

  const total = manifest.appends;
  const context = (variant: string, baseline: boolean) => ({ store: 'sqlite' as const, variant, baseline });

  // The baseline is measured before and after the ledger's rebuilds, and averaged: they take much longer.
  const rawReplay = async () => {
    const projection = countingProjection();
    const started = performance.now();
    const count = await raw.replay((event) => projection.fold(event));
    if (count !== total) throw new Error(`raw replay read ${count} rows, expected ${total}`);
    return (performance.now() - started) / 1000;
  };
  const rawSeconds = [await rawReplay()];

  for (const [variant, store, database] of [
    ['ledger', plain, plain.database],
    ['ledger + encryption', encrypted.store, encrypted.database],
  ] as const) {
    const readModels = sqliteReadModels(database);
    const started = performance.now();
    const result = await rebuildProjections(store, readModels, PROJECTIONS);
    const seconds = (performance.now() - started) / 1000;
    if (result.done !== total) throw new Error(`${variant}: the rebuild folded ${result.done} of ${total} entries`);
    const names = PROJECTIONS.map((p) => p.name).join(', ');
    results.push({
      phase: 'replay into projections',
      ...context(variant, false),
      operations: total,
      seconds,
      perSecond: total / seconds,
      unit: 'events/s',
      note: `all ${PROJECTIONS.length} read models (${names}) rebuilt in one pass over the log, batches of ${REBUILD_BATCH}`,
    });
    log(`replay into projections (${variant}): ${Math.round(total / seconds)} events/s`);
  }
  rawSeconds.push(await rawReplay());
  const rawMean = (rawSeconds[0]! + rawSeconds[1]!) / 2;
  results.unshift({
    phase: 'replay into projections',
    ...context('raw driver (counting fold)', true),
    operations: total,
    seconds: rawMean,
    perSecond: total / rawMean,
    unit: 'events/s',
    note: 'the same synthetic-LA rows, scanned and folded into the workload\'s counting projection (mean of a replay before and after the rebuilds)',
  });

  await raw.close();
  await plain.close();
  await encrypted.close();
  return results;
}
