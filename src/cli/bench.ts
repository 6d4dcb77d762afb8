import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from '../bench/run-bench.js';
import { table } from '../bench/report.js';
import type { StoreKind } from '../bench/target.js';
import { DEFAULT_EVENTS_PER_STREAM, DEFAULT_STREAMS, WORKLOAD_SEED } from '../bench/workload.js';

/**
 * npm run bench -- [--streams 2000] [--events 25] [--stores sqlite,postgres] [--writers 32] [--out file.json]
 *
 * The standard workload (../shared/bench/WORKLOAD.md) through the ledger's real append path on SQLite and on
 * PostgreSQL (embedded), beside the raw-driver baseline of the same rows, in one run. Prints a table of
 * figures and ratios; writes the JSON report to --out, or to bench-results/<timestamp>.json in the OS temp dir.
 * Figures are only comparable within one run, on a quiet machine.
 */
const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: String(DEFAULT_STREAMS) },
    events: { type: 'string', default: String(DEFAULT_EVENTS_PER_STREAM) },
    seed: { type: 'string', default: String(WORKLOAD_SEED) },
    stores: { type: 'string', default: 'sqlite,postgres' },
    writers: { type: 'string', default: '32' },
    out: { type: 'string' },
    'no-projections': { type: 'boolean', default: false },
    'no-probe': { type: 'boolean', default: false },
  },
});

const stores = values.stores.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = stores.filter((s) => s !== 'sqlite' && s !== 'postgres');
const streams = Number(values.streams);
const eventsPerStream = Number(values.events);
const writers = Number(values.writers);
if (unknown.length > 0 || stores.length === 0 || !Number.isInteger(streams) || streams < 1 || !Number.isInteger(eventsPerStream) || eventsPerStream < 1 || !(writers >= 1)) {
  console.error('usage: bench [--streams 2000] [--events 25] [--seed 42] [--stores sqlite,postgres] [--writers 32] [--out report.json] [--no-projections] [--no-probe]');
  process.exit(2);
}

const report = await runBench({
  streams,
  eventsPerStream,
  seed: Number(values.seed),
  stores: stores as StoreKind[],
  writers,
  projections: !values['no-projections'],
  groupCommitProbe: !values['no-probe'],
  log: (line) => console.error(line),
});

const out = resolve(values.out ?? join(tmpdir(), 'bench-results', `${report.startedAt.replace(/[:.]/g, '-')}.json`));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

const m = report.machine;
console.log(`
SEND Ledger benchmark, workload v${report.workload.version}: ${report.workload.streams} streams x ${report.workload.eventsPerStream} events (${report.workload.totalEvents}), seed ${report.workload.seed}
${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd?.join(' ') ?? '-'} at end
(within a phase the systems take turns block by block, so ratios hold on a busy machine; absolute figures depend on the machine and its load)

${table(report.comparisons)}

${report.notes.map((n) => `- ${n}`).join('\n')}
JSON: ${out}  (${report.seconds.toFixed(0)} s)`);
