import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/config.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { ledgerFile, openConfiguredStore } from '../config/open-store.js';
import { exampleQueries } from '../demo/example-queries.js';
import { loadDemo } from '../demo/load-demo.js';
import { createSimulatedClock } from '../demo/simulated-clock.js';
import { verifyLedger } from '../integrity/verify-ledger.js';
import type { EventStore } from '../store/port.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, type Usage } from './command-line.js';

const DAY_MS = 86_400_000;

const USAGE: Usage = {
  script: 'demo',
  summary:
    'load the demo children (records spanning years, with simulated recorded times) into the configured, empty ledger, ' +
    'verify it, and print what to try next. It takes no arguments.',
  synopsis: [],
  options: [],
  environment: [...LEDGER_SETTINGS, ['LATE_ENTRY_THRESHOLD_DAYS', 'days after which an entry counts as recorded late (default 14)'], ['HOST, PORT', 'where the printed hints say the server listens']],
  examples: ['SEND_LEDGER_DATA_DIR=./data-demo npm run demo'],
  exitStatus: `0 loaded and verified; 1 the ledger is not empty, or the loaded ledger does not verify; 2 bad arguments; ${CONFIG_EXIT}.`,
};

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Load the demo children into the configured (empty) data directory. Exit 0 when loaded and
 * verified, 1 when the store is not empty or the loaded ledger does not verify.
 *
 * The store is opened with a simulated recording clock (see src/demo/simulated-clock.ts): this
 * seeding tool sets recorded times; the API never does.
 */
export async function runLoadDemo(config: Config, output: Output = { out: console.log, err: console.error }): Promise<number> {
  const file = resolve(ledgerFile(config));
  const clock = createSimulatedClock();
  const store = await openConfiguredStore(config, clock.now);
  try {
    const existing = await store.headPosition();
    if (existing > 0) {
      output.err(`${file} already holds ${existing} entries; use an empty SEND_LEDGER_DATA_DIR to load the demo.`);
      return 1;
    }
    const loaded = await loadDemo(store, clock);
    const report = await verifyLedger(store);
    if (!report.ok) {
      output.err(`The demo loaded but the ledger does not verify: ${report.firstFault?.problem ?? 'unknown fault'}`);
      return 1;
    }
    const span = await recordedSpan(store, config.LATE_ENTRY_THRESHOLD_DAYS);
    const [first] = loaded.children;
    const env = `SEND_LEDGER_DATA_DIR=${config.SEND_LEDGER_DATA_DIR}`;
    output.out(
      [
        `Demo loaded into ${file}:`,
        `  ${loaded.children.length} children, ${loaded.entries} entries; hash chains verified (${report.checkedEvents} entries in ${report.checkedStreams} streams).`,
        '',
        'Recorded times are SIMULATED. This seeding tool opened the store with a clock it set, entry by',
        `entry, to shortly after each entry happened (recorded ${span.from} to ${span.to}), or weeks later`,
        `for ${span.late} deliberately late entries (over ${config.LATE_ENTRY_THRESHOLD_DAYS} days), so the trail looks like years of use.`,
        'Every entry still went through the ordinary write path and its rules. The API never accepts a',
        "recorded time: entries written through it carry the server's real clock.",
        '',
        'Children:',
        ...loaded.children.map((child) => `  ${child.childId}  ${child.description}`),
        '',
        'Try it:',
        `  1. Start the server on this data:   ${env} npm start`,
        `     GraphiQL (NODE_ENV=development, the default): http://${config.HOST}:${config.PORT}/graphiql`,
        `  2. Mint a token for the LA caseworker who appears in the demo:`,
        `       ${env} npm run token -- --role la_officer --org 202 --name "Sam Okafor"`,
        `     and in GraphiQL's Headers tab enter: { "Authorization": "Bearer <token>" }`,
        `  3. Paste a query (all three are about ${first ? 'Child A' : 'the first child'}; swap in another id above):`,
        ...(first ? exampleQueries(first.childId).flatMap(({ title, query }) => ['', `# ${title}`, query]) : []),
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** The range of simulated recorded days, and how many entries were recorded late. */
async function recordedSpan(store: EventStore, lateThresholdDays: number) {
  const entries = await store.readAll(1, Number.MAX_SAFE_INTEGER);
  const recorded = entries.map((e) => e.metadata.recordedAt).sort();
  // As the audit trail counts it: whole days between the claimed and the recorded time, beyond the threshold.
  const late = entries.filter((e) => Math.floor((Date.parse(e.metadata.recordedAt) - Date.parse(e.metadata.occurredAt)) / DAY_MS) > lateThresholdDays).length;
  return { from: recorded[0]?.slice(0, 10) ?? '-', to: recorded.at(-1)?.slice(0, 10) ?? '-', late };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  await runCommand(USAGE, (args) => {
    parseCommandLine({ args });
    return runLoadDemo(loadConfigOrExit());
  });
}
