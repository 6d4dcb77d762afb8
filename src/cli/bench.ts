import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runBench } from '../bench/run-bench.js';
import { table } from '../bench/report.js';
import type { StoreKind } from '../bench/target.js';
import { DEFAULT_EVENTS_PER_STREAM, DEFAULT_STREAMS, WORKLOAD_SEED } from '../bench/workload.js';
import { parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'bench',
  summary:
    'the standard workload (../shared/bench/WORKLOAD.md) through the ledger\'s real append path on SQLite and on ' +
    'PostgreSQL (embedded, started for the run), beside the raw-driver baseline of the same rows, in one run. Prints ' +
    'a table of figures and ratios; writes the JSON report to --out, or to bench-results/<timestamp>.json in the OS ' +
    'temp directory. Figures are only comparable within one run, on a quiet machine.',
  synopsis: ['[--streams 2000] [--events 25] [--seed 42] [--stores sqlite,postgres] [--writers 32] [--out report.json] [--no-projections] [--no-probe]'],
  options: [
    ['--streams <n>', `streams (children) in the workload (default ${DEFAULT_STREAMS})`],
    ['--events <n>', `events per stream (default ${DEFAULT_EVENTS_PER_STREAM})`],
    ['--seed <n>', `the workload's random seed (default ${WORKLOAD_SEED})`],
    ['--stores <list>', 'comma list of sqlite and postgres (default sqlite,postgres)'],
    ['--writers <n>', 'concurrent writers (default 32)'],
    ['--out <file>', 'where to write the JSON report'],
    ['--no-projections', 'leave out the read-model phase'],
    ['--no-probe', 'leave out the group-commit probe'],
  ],
  environment: [],
  examples: ['npm run bench', 'npm run bench -- --streams 400 --stores sqlite'],
  exitStatus: '0 measured; 1 the run failed; 2 bad arguments.',
};

async function bench(args: string[]): Promise<void> {
  const { values } = parseCommandLine({
    args,
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
  if (unknown.length > 0 || stores.length === 0) throw new UsageError(`--stores takes sqlite, postgres or both (not ${values.stores})`);
  const wholeNumber = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1 (not ${text})`);
    return n;
  };
  const streams = wholeNumber('streams', values.streams);
  const eventsPerStream = wholeNumber('events', values.events);
  const writers = wholeNumber('writers', values.writers);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number (not ${values.seed})`);

  const report = await runBench({
    streams,
    eventsPerStream,
    seed,
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
  console.log(
    [
      '',
      `SEND Ledger benchmark, workload v${report.workload.version}: ${report.workload.streams} streams x ${report.workload.eventsPerStream} events (${report.workload.totalEvents}), seed ${report.workload.seed}`,
      `${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd?.join(' ') ?? '-'} at end`,
      '(within a phase the systems take turns block by block, so ratios hold on a busy machine; absolute figures depend on the machine and its load)',
      '',
      table(report.comparisons),
      '',
      report.notes.map((n) => `- ${n}`).join('\n'),
      `JSON: ${out}  (${report.seconds.toFixed(0)} s)`,
    ].join('\n'),
  );
}

await runCommand(USAGE, bench);
