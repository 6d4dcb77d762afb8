import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runApiLoad, type ApiLoadReport, type LoadResult } from '../bench/api-load.js';
import { generateLaInto } from '../bench/generate.js';
import { machine } from '../bench/report.js';
import { formatNumber } from '../bench/stats.js';
import { parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'bench:api',
  summary:
    'the API under load (autocannon) on loopback against the real server, in its own process, on each data ' +
    'directory in turn: the audit trail of the 25- and 500-entry showcase children through GraphQL and through a ' +
    'bare Fastify route (first page, and the whole record), a school\'s promises (first page of 50), an LA\'s deadlines ' +
    'due in the next 30 days (first page), and a delivery recorded on 32 children of 500+ entries at once (their records are ' +
    'grown to 500 entries through the API first, untimed), each beside issue 17\'s target. With two or more data ' +
    'directories, the scale check: each scenario on the smallest and the largest log. ' +
    'The mutation appends deliveries to the data directory it runs against.',
  synopsis: ['--data <dir> [--data <dir>...] [--seconds 10] [--connections 32] [--only <scenario>...] [--cpu-prof <dir>] [--out report.json]', '--scale 0.005 [...]'],
  options: [
    ['--data <dir>', 'a data directory written by npm run generate-la (repeat for the scale check)'],
    ['--scale <fraction>', 'generate a synthetic LA of this scale in a temp directory first, and load it too'],
    ['--seconds <n>', 'seconds per scenario, after a 2 s warm-up (default 10)'],
    ['--connections <n>', 'concurrent connections (default 32)'],
    ['--log-level <level>', "the server's LOG_LEVEL (default warn)"],
    ['--only <scenario>', 'only this scenario (repeatable), e.g. auditTrail or promises'],
    ['--cpu-prof <dir>', 'write a V8 CPU profile of the server to this directory'],
    ['--out <file>', 'where to write the JSON report (default bench-results/api-<time>.json in the OS temp directory)'],
  ],
  environment: [],
  examples: ['npm run bench:api -- --data ./data-10k --data ./data-la', 'npm run bench:api -- --scale 0.005 --seconds 5'],
  exitStatus: '0 measured; 1 the run failed; 2 bad arguments.',
};

/** Issue 17's latency targets on the full synthetic LA, 32 connections. */
const P99_TARGETS: Array<[scenario: string, p99Ms: number]> = [
  ['auditTrail 25 (GraphQL)', 50],
  ['auditTrail 500 (GraphQL)', 150],
  ['promises (school, first 50)', 100],
  ['deadlines (LA, next 30 days)', 150],
  ['recordDelivery 500+ (mutation)', 100],
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

async function loadApi(args: string[]): Promise<void> {
  const { values } = parseCommandLine({
    args,
    options: {
      data: { type: 'string', multiple: true, default: [] },
      scale: { type: 'string' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      'log-level': { type: 'string', default: 'warn' },
      only: { type: 'string', multiple: true, default: [] },
      'cpu-prof': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.data.length === 0 && !values.scale) throw new UsageError('give --data <generated data dir> (one or more) or --scale <fraction>');
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  if (scale !== undefined && !(scale > 0)) throw new UsageError(`--scale must be a number above 0 (not ${values.scale})`);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  if (!(seconds > 0)) throw new UsageError(`--seconds must be a number above 0 (not ${values.seconds})`);
  if (!Number.isInteger(connections) || connections < 1) throw new UsageError(`--connections must be a whole number of at least 1 (not ${values.connections})`);
  if (!LOG_LEVELS.includes(values['log-level'])) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')} (not ${values['log-level']})`);
  const dataDirs = values.data.map((dir) => resolve(dir));
  const missing = dataDirs.find((dir) => !existsSync(dir));
  if (missing) throw new UsageError(`--data ${missing}: no such directory`);
  if (scale !== undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'send-ledger-api-la-'));
    console.error(`generating a synthetic LA at scale ${scale} in ${dir}`);
    await generateLaInto(dir, { scale, seed: 42 });
    dataDirs.push(dir);
  }

  const reports: ApiLoadReport[] = [];
  for (const dataDir of dataDirs) {
    reports.push(
      await runApiLoad({
        dataDir,
        seconds,
        connections,
        logLevel: values['log-level'],
        only: values.only,
        ...(values['cpu-prof'] ? { cpuProfileDir: resolve(values['cpu-prof']) } : {}),
        log: (line) => console.error(line),
      }),
    );
  }

  const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
  const byName = (report: ApiLoadReport, name: string) => report.results.find((r) => r.scenario === name);
  const row = (r: LoadResult) =>
    `  ${r.scenario.padEnd(28)} ${formatNumber(r.perSecond).padStart(8)} req/s  p50 ${formatNumber(r.p50Ms).padStart(6)} ms  p99 ${formatNumber(r.p99Ms).padStart(6)} ms  ` +
    `${String(r.connections).padStart(3)} conn  ${(r.non2xx + r.errors === 0 ? 'all 2xx' : `${r.non2xx} non-2xx, ${r.errors} errors`).padEnd(9)}  ${formatNumber(r.responseBytes / 1000)} kB  ${r.description}`;
  const lines: string[] = [];
  const host = machine();
  lines.push(`SEND Ledger API under load (autocannon, loopback, server in its own process), ${values.seconds} s per scenario after a 2 s warm-up`);
  lines.push(`${host.cpus} x ${host.cpuModel}, ${host.memoryGb} GB, Node ${host.node}, load average ${host.loadAverageAtStart.join(' ')} at the end`);
  for (const report of reports) {
    lines.push('', `${report.dataDir}: ${report.manifest.appends.toLocaleString('en-GB')} entries, ${report.manifest.childStreams.toLocaleString('en-GB')} children (scale ${report.manifest.scale})`);
    lines.push(...report.results.map(row));
    lines.push('  against the targets of issue 17:');
    for (const [name, limit] of P99_TARGETS) {
      const result = byName(report, name);
      if (result) lines.push(`    ${name.padEnd(32)} p99 ${formatNumber(result.p99Ms).padStart(6)} ms (target < ${limit} ms) ${result.p99Ms < limit ? 'met' : 'MISSED'}`);
    }
    for (const size of ['25', '500', '500 whole']) {
      const graphql = byName(report, `auditTrail ${size} (GraphQL)`);
      const bare = byName(report, `auditTrail ${size} (bare route)`);
      if (graphql && bare) {
        const ratio = graphql.perSecond / bare.perSecond;
        lines.push(`    GraphQL / bare route, auditTrail ${size}: ${ratio.toFixed(2)} x (target >= 0.5 x) ${ratio >= 0.5 ? 'met' : 'MISSED'}`);
      }
    }
    const writes = byName(report, 'recordDelivery 500+ (mutation)');
    if (writes) lines.push(`    recordDelivery 500+: ${formatNumber(writes.perSecond)} entries/s with ${writes.connections} writers (target >= 1,000 with 32) ${writes.perSecond >= 1000 ? 'met' : 'MISSED'}`);
    const walk = report.summarisedAtStart;
    lines.push(`    children summarised after the start: ${walk.summarised.toLocaleString('en-GB')} of ${walk.children.toLocaleString('en-GB')}, done ${walk.seconds.toFixed(0)} s after the server process started (lists asked sooner work out the rest themselves)`);
    const peak = report.memory.afterLoad.maxRss;
    lines.push(`    server RSS: ${mb(report.memory.afterStart.rss)} after start, ${mb(report.memory.afterLoad.rss)} after the load, peak ${mb(peak)} (target < 500 MB) ${peak < 500e6 ? 'met' : 'MISSED'}`);
  }
  if (reports.length >= 2) {
    const [small, large] = [reports[0]!, reports.at(-1)!];
    lines.push('', `Scale check: the same questions with ${small.manifest.appends.toLocaleString('en-GB')} vs ${large.manifest.appends.toLocaleString('en-GB')} entries in the store (target p99 within 1.5 x for recordDelivery)`);
    for (const name of small.results.map((r) => r.scenario)) {
      const a = byName(small, name);
      const b = byName(large, name);
      if (a && b) lines.push(`  ${name.padEnd(28)} p99 ${formatNumber(a.p99Ms)} -> ${formatNumber(b.p99Ms)} ms (${(b.p99Ms / a.p99Ms).toFixed(2)} x); ${formatNumber(a.perSecond)} -> ${formatNumber(b.perSecond)} req/s`);
    }
  }
  const out = resolve(values.out ?? join(tmpdir(), 'bench-results', `api-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ machine: host, seconds: Number(values.seconds), reports }, null, 2)}\n`);
  lines.push('', `JSON: ${out}`);
  console.log(lines.join('\n'));
}

await runCommand(USAGE, loadApi);
