import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type PostgresCluster } from './embedded-postgres.js';
import { groupCommitRawFactory } from './group-commit.js';
import { postgresLedgerFactory, sqliteLedgerFactory } from './ledger-target.js';
import { bulkAppend, concurrentAppend, interactiveAppend, replay, streamRead, type Contestant, type PhaseContext, type PhaseResult } from './phases.js';
import { replayIntoProjections } from './projection-replay.js';
import { rawPostgresFactory } from './raw-postgres.js';
import { rawSqliteFactory } from './raw-sqlite.js';
import { compare, machine, type Comparison, type Machine } from './report.js';
import type { StoreKind, TargetFactory } from './target.js';
import { generateWorkload, WORKLOAD_VERSION, type WorkloadOptions } from './workload.js';

export interface BenchOptions extends WorkloadOptions {
  stores: StoreKind[];
  /** Writers in the concurrent phase. */
  writers: number;
  /** Run phase 4b (replay into the real read models over a synthetic LA of the workload's size). */
  projections: boolean;
  /** Also measure the raw driver with group commit on SQLite (the ceiling for many writers). */
  groupCommitProbe: boolean;
  log: (line: string) => void;
}

export interface BenchReport {
  workload: WorkloadOptions & { version: number; totalEvents: number };
  machine: Machine;
  startedAt: string;
  seconds: number;
  results: PhaseResult[];
  comparisons: Comparison[];
  notes: string[];
}

const contextOf = (factory: TargetFactory): PhaseContext => ({ store: factory.store, variant: factory.variant, baseline: factory.baseline });

/** Every system opened on its own new database for one phase group, then all closed. */
async function withTargets<T>(factories: readonly TargetFactory[], name: string, work: (contestants: Contestant[]) => Promise<T>): Promise<T> {
  const contestants: Contestant[] = [];
  try {
    for (const [i, factory] of factories.entries()) contestants.push({ target: await factory.open(`${name}-${i}`), context: contextOf(factory) });
    return await work(contestants);
  } finally {
    for (const { target } of contestants) await target.close();
  }
}

/**
 * The workload's four phases on every system, then the concurrent-writers phase and the replay into the real
 * read models. Within each phase the systems take turns block by block (see phases.ts), so the ratios hold on a
 * busy machine; the concurrent phase runs one system after another.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const host = machine();
  const workload = generateWorkload(options);
  const dir = mkdtempSync(join(tmpdir(), 'send-ledger-bench-'));
  const results: PhaseResult[] = [];
  const notes: string[] = [];
  const record = (result: PhaseResult) => {
    results.push(result);
    const writers = result.writers === undefined ? '' : ` (${result.writers} writer${result.writers === 1 ? '' : 's'})`;
    const latency = result.latency ? `, p50 ${result.latency.p50Ms.toFixed(2)} ms, p99 ${result.latency.p99Ms.toFixed(2)} ms` : '';
    options.log(`${result.phase}${writers} | ${result.store} | ${result.variant}: ${Math.round(result.perSecond).toLocaleString('en-GB')} ${result.unit}${latency} (load ${loadavg()[0]!.toFixed(1)})`);
  };

  let cluster: PostgresCluster | null = null;
  try {
    const factories: TargetFactory[] = [];
    if (options.stores.includes('sqlite')) factories.push(sqliteLedgerFactory(dir, false), sqliteLedgerFactory(dir, true), rawSqliteFactory(dir));
    if (options.stores.includes('postgres')) {
      options.log('starting embedded PostgreSQL...');
      cluster = await startEmbeddedPostgres();
      factories.push(postgresLedgerFactory(cluster, dir, false), postgresLedgerFactory(cluster, dir, true), rawPostgresFactory(cluster));
    }
    options.log(`workload v${WORKLOAD_VERSION}: ${options.streams} streams x ${options.eventsPerStream} events = ${workload.totalEvents} events, seed ${options.seed}; data in ${dir}`);

    // Phases 1, 3 and 4 share a database per system: the one phase 1 wrote, streams interleaved as they grew.
    await withTargets(factories, 'interactive', async (contestants) => {
      (await interactiveAppend(contestants, workload)).forEach(record);
      (await streamRead(contestants, workload)).forEach(record);
      (await replay(contestants, workload)).forEach(record);
    });
    await withTargets(factories, 'bulk', async (contestants) => (await bulkAppend(contestants, workload)).forEach(record));
    const concurrent = [...factories];
    if (options.groupCommitProbe && options.stores.includes('sqlite')) concurrent.push(groupCommitRawFactory(dir));
    for (const factory of concurrent) {
      await withTargets([factory, factory], `concurrent${options.writers}`, async ([single, many]) => {
        (await concurrentAppend(single!, many!, workload, options.writers)).forEach(record);
      });
    }
    if (options.projections && options.stores.includes('sqlite')) {
      for (const result of await replayIntoProjections(dir, workload.totalEvents, options.seed, options.log)) record(result);
    }
  } finally {
    if (cluster) await cluster.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }

  notes.push(
    'Ledger: the project\'s EventStore port (envelope, RFC 8785 canonical JSON, SHA-256 hash chain, expected-revision check in the append transaction); ' +
      '"+ encryption" is the store exactly as the server opens it (openConfiguredStore: per-child AES-256-GCM under keys in keys.sqlite).',
    'Raw driver: the same rows in a plain table (position, stream, revision, event id, type, data JSON, metadata JSON, unique (stream, revision)), ' +
      'prepared inserts, same durability (SQLite WAL synchronous=FULL; PostgreSQL synchronous_commit=on); one transaction per event (interactive) or per stream (bulk).',
    `Concurrent append: ${options.writers} async writers on distinct streams, each append acknowledged only when durable, against one writer on the same system (rounds alternate).`,
  );
  return {
    workload: { ...workload.options, version: WORKLOAD_VERSION, totalEvents: workload.totalEvents },
    machine: { ...host, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
    startedAt,
    seconds: (performance.now() - started) / 1000,
    results,
    comparisons: compare(results),
    notes,
  };
}
