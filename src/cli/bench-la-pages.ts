import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTokenVerifier } from '../api/auth/token-verifier.js';
import { buildApp } from '../app.js';
import { recordChildEntry } from '../application/record-child-entry.js';
import { laCast } from '../bench/la/cast.js';
import { collectServerTimes, routeOf, signedInCookie, timePage, type PageTiming } from '../bench/page-times.js';
import { machine } from '../bench/report.js';
import { parseConfig } from '../config/config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { tokenSettingsFrom } from '../config/token-settings.js';
import { RuleViolation } from '../domain/errors.js';
import { loadSigningKey } from '../integrity/signing-key.js';
import { commandLine, type Usage } from './command-line.js';

/**
 * npm run bench:la-pages -- --data <dir> [--rounds 50] [--warmup 5] [--cases 200] [--out report.json]
 *
 * Server time of the pages a school and an LA work from, on a synthetic LA (`npm run generate-la`): a secondary
 * school's caseload, filtered and not, and a caseworker's desk, their own cases and their team's. The server is built
 * as `npm start` builds it on that data directory (the embedded SQLite store, per-child encryption, the access log
 * written before each page is sent), and measured once it has summarised every child (as it does after a start).
 */
const USAGE: Usage = {
  script: 'bench:la-pages',
  summary:
    "server time of a school's caseload and a caseworker's desk on a synthetic LA, once every child is summarised; the " +
    "caseworker is first given --cases cases (CaseworkerAssigned entries appended to the data directory through the real write path, once: a rerun finds them).",
  synopsis: ['--data <dir> [--rounds 50] [--warmup 5] [--cases 200] [--out report.json]'],
  options: [
    ['--data <dir>', 'a data directory written by npm run generate-la'],
    ['--rounds <n>', 'measured requests a page (default 50)'],
    ['--warmup <n>', 'unmeasured requests a page first (default 5)'],
    ['--cases <n>', "cases the synthetic LA's first caseworker has (default 200)"],
    ['--out <file>', 'also write the JSON report here'],
  ],
  environment: [['(the service\'s settings)', 'read as the server reads them, except the data directory, NODE_ENV, LOG_LEVEL and the rate limit, which the run sets']],
  examples: ['npm run bench:la-pages -- --data ./data-la'],
  exitStatus: '0 measured; 1 the run failed; 2 bad arguments.',
};
const { values } = await commandLine(USAGE, {
  options: {
    data: { type: 'string' },
    rounds: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    cases: { type: 'string', default: '200' },
    out: { type: 'string' },
  },
});
if (!values.data) {
  console.error('bench:la-pages needs --data <dir>, a directory written by npm run generate-la');
  process.exit(2);
}
const dir = values.data;
const meta = JSON.parse(readFileSync(join(dir, 'synthetic-la.json'), 'utf8')) as { scale: number; appends: number; activeProvision: Array<{ childId: string }> };
const config = parseConfig({
  ...process.env,
  SEND_LEDGER_DATA_DIR: dir,
  SEND_LEDGER_STORE: 'sqlite',
  SEND_LEDGER_MASTER_KEY: readFileSync(join(dir, 'dev-master-key'), 'utf8').trim(),
  SESSION_SECRET: randomBytes(32).toString('base64url'),
  LOG_LEVEL: 'warn',
  TREE_HEAD_INTERVAL_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '1000000',
  // The development sign-in (the synthetic LA's people): the pages' code is the same as in production.
  NODE_ENV: 'development',
});
const store = await openConfiguredStore(config);
const app = await buildApp({
  config,
  store,
  readModels: store.readModels,
  verifyToken: createTokenVerifier(tokenSettingsFrom(config)),
  signingKey: loadSigningKey(dir, config.TREE_HEAD_SIGNING_KEY),
  keys: store.keys,
  accessLog: store.accessLog,
});
const times = collectServerTimes(app);
await app.ready();
const started = performance.now();
const summarised = await app.summarising.done;
console.error(`${summarised.children} children summarised in ${((performance.now() - started) / 1000).toFixed(0)} s`);

// The caseworker's own cases: children with provision under a plan, named as theirs through the real write path.
const caseworker = laCast(meta.scale).caseworkers[0]!;
let assigned = 0;
let skipped = 0;
for (const { childId } of meta.activeProvision) {
  if (assigned >= Number(values.cases)) break;
  try {
    await recordChildEntry({ store, clock: () => new Date() }, childId, caseworker, 'CaseworkerAssigned', { caseworker: { id: caseworker.id, displayName: caseworker.displayName } }, {
      correlationId: `bench-la-pages-${childId}`,
      causationId: `bench-la-pages-${childId}`,
      idempotencyKey: `bench-la-pages-assign-${childId}`,
    });
    assigned++;
  } catch (error) {
    // Already theirs from an earlier run counts; a child since moved to another LA is not this caseworker's to take.
    if (error instanceof RuleViolation && error.rule === 'already-assigned') assigned++;
    else skipped++;
  }
}
console.error(`${caseworker.displayName} has ${assigned} cases (${skipped} children could not be assigned)`);

const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
const results: PageTiming[] = [];
const measure = async (person: string, url: string) => {
  const cookie = await signedInCookie(app, person);
  results.push(await timePage(app, times, cookie, person, url, routeOf(url), { warmup, rounds }));
};
await measure('synthetic-senco-secondary', '/caseload');
await measure('synthetic-senco-secondary', '/caseload?overdue=yes');
await measure('synthetic-caseworker', '/desk?cases=mine');
await measure('synthetic-caseworker', '/desk?cases=team');

// How big the lists measured are, as the pages themselves say.
const said = async (person: string, url: string, pattern: RegExp) => {
  const page = await app.inject({ method: 'GET', url, headers: { cookie: await signedInCookie(app, person), accept: 'text/html' } });
  return Number(pattern.exec(page.body.replace(/\s+/g, ' '))?.[1] ?? Number.NaN);
};
const sizes = {
  caseloadChildren: await said('synthetic-senco-secondary', '/caseload', /(\d+)<\/span> children on the caseload/),
  myCases: await said('synthetic-caseworker', '/desk?cases=mine', /My cases \((\d+)\)/),
  teamCases: await said('synthetic-caseworker', '/desk?cases=team', /My team(?:'|&#39;)s cases \((\d+)\)/),
};
console.error(`the secondary school's caseload: ${sizes.caseloadChildren} children; the caseworker's cases: ${sizes.myCases}; the team's: ${sizes.teamCases}`);
const report = { machine: machine(), data: { dir, appends: meta.appends }, rounds, warmup, casesAssigned: assigned, sizes, results };
console.log(['person', 'page', 'status', 'p50 ms', 'p99 ms', 'max ms'].join('\t'));
for (const r of results) console.log([r.person, r.page, r.status, r.server.p50Ms.toFixed(1), r.server.p99Ms.toFixed(1), r.server.maxMs.toFixed(1)].join('\t'));
if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2));
await app.close();
await store.close();
