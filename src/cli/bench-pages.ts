import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier } from '../api/auth/token-verifier.js';
import { buildApp } from '../app.js';
import { childLinksOn, collectServerTimes, routeOf, signedInCookie, timePage, type PageTiming } from '../bench/page-times.js';
import { machine } from '../bench/report.js';
import { commandLine, type Usage } from './command-line.js';
import { runLoadDemo } from './load-demo.js';
import { parseConfig } from '../config/config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { tokenSettingsFrom } from '../config/token-settings.js';
import { childStreamId } from '../domain/child-record/events.js';
import { demoChildren } from '../demo/demo-children.js';
import { loadSigningKey } from '../integrity/signing-key.js';
import { recordChildEntry } from '../application/record-child-entry.js';
import { cast } from '../demo/cast.js';
import { foldChildRecord, toChildEvent } from '../domain/child-record/decider.js';

/**
 * npm run bench:pages [-- --rounds 200 --warmup 20 --out report.json]
 *
 * Server time of every web page a family and an advocate use, for the demo's 25-entry child (Child C) and its
 * 124-entry child (Child A), grown to 500 entries first (--grow-to), in the configuration `npm run demo && npm start` runs: the embedded SQLite store
 * with per-child encryption, the access log written (fsync) before each page is sent. Pages are found by
 * following the links on the child's record page, so every page the record links to is measured.
 */
const USAGE: Usage = {
  script: 'bench:pages',
  summary:
    'server time of every web page a family and an advocate use, for the demo\'s 25-entry child (Child C) and ' +
    'its 124-entry child (Child A) grown to 500 entries by deliveries recorded through the real write path, with the demo loaded into a new temp data directory (removed afterwards): the ' +
    'embedded SQLite store with per-child encryption, the access log written (fsync) before each page is sent.',
  synopsis: ['[--rounds 200] [--warmup 20] [--grow-to 500] [--out report.json]'],
  options: [
    ['--grow-to <n>', "first record deliveries on Child A's open plan line, through the real write path, until its record has n entries (default 500; 0 leaves it as the demo wrote it)"],
    ['--rounds <n>', 'measured requests a page (default 200)'],
    ['--warmup <n>', 'unmeasured requests a page first (default 20)'],
    ['--out <file>', 'also write the JSON report here'],
  ],
  environment: [['(the service\'s settings)', 'read as the server reads them, except the data directory, NODE_ENV, LOG_LEVEL and the rate limit, which the run sets']],
  examples: ['npm run bench:pages -- --rounds 200 --warmup 20 --out report.json'],
  exitStatus: '0 measured; 1 the run failed; 2 bad arguments.',
};
const { values } = await commandLine(USAGE, {
  options: {
    rounds: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'grow-to': { type: 'string', default: '500' },
    out: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
const growTo = Number(values['grow-to']);

const dir = mkdtempSync(join(tmpdir(), 'send-ledger-bench-pages-'));
const config = parseConfig({ ...process.env, SEND_LEDGER_DATA_DIR: dir, LOG_LEVEL: 'warn', TREE_HEAD_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '1000000', NODE_ENV: 'development' });
if ((await runLoadDemo(config, { out: () => {}, err: console.error })) !== 0) process.exit(1);
const store = await openConfiguredStore(config);
const app = await buildApp({
  config,
  store,
  readModels: store.readModels,
  verifyToken: createTokenVerifier(tokenSettingsFrom(config)),
  signingKey: loadSigningKey(dir, undefined),
  keys: store.keys,
  accessLog: store.accessLog,
});
const times = collectServerTimes(app);
await app.ready();

const children = demoChildren();
const child = (key: string) => children.find((c) => c.key === key)!;

/** A long record, as years of weekly sessions make one: deliveries of Child A's open plan line, dated today. */
async function grow(childId: string, entries: number): Promise<number> {
  const deps = { store, clock: () => new Date() };
  const stream = await store.readStream(childStreamId(childId));
  const record = foldChildRecord(stream.map(toChildEvent));
  const line = Object.values(record.provisions).find((p) => p.status === 'active' && p.section === 'F');
  if (!line) throw new Error('Child A has no open section F line to record deliveries against');
  for (let n = stream.length; n < entries; n++) {
    await recordChildEntry(deps, childId, cast.caseworker, 'ProvisionDelivered', { provisionId: line.provisionId, sessions: 1, minutes: 30, deliveredBy: { name: 'Bench therapist', role: 'Speech and language therapist' } } as never, { correlationId: `bench-pages-${n}`, causationId: `bench-pages-${n}` });
  }
  return Math.max(0, entries - stream.length);
}
if (growTo > 0) console.error(`child-a: ${await grow(child('child-a').childId, growTo)} deliveries recorded first`);
const results: PageTiming[] = [];
const measure = async (person: string, url: string) => {
  const cookie = await signedInCookie(app, person);
  results.push(await timePage(app, times, cookie, person, url, routeOf(url), { warmup, rounds }));
};

for (const [person, key] of [['parent-c', 'child-c'], ['parent-a', 'child-a']] as const) {
  const { childId } = child(key);
  const entries = (await store.readStream(childStreamId(childId))).length;
  const cookie = await signedInCookie(app, person);
  const record = await app.inject({ method: 'GET', url: `/children/${childId}`, headers: { cookie } });
  const promises = await app.inject({ method: 'GET', url: `/children/${childId}/promises`, headers: { cookie } });
  // The record, each of its sections, one entry and one promise: one of each kind of page.
  const links = [...new Set([`/children/${childId}`, ...childLinksOn(record.body, childId), ...childLinksOn(promises.body, childId)])];
  const onePerRoute = new Map<string, string>();
  for (const link of links) if (!onePerRoute.has(routeOf(link))) onePerRoute.set(routeOf(link), link);
  console.error(`${key}: ${entries} entries, ${onePerRoute.size} pages`);
  await measure(person, '/');
  for (const url of onePerRoute.values()) await measure(person, url);
}
await measure('advocate', '/cases');
{
  // An appeal with its working document under way (the demo's Child B): the page draws the document to count its pages.
  const { childId } = child('child-b');
  const stream = await store.readStream(childStreamId(childId));
  const appeal = stream.findLast((entry) => entry.type === 'WorkingDocumentIssued');
  if (!appeal) throw new Error("the demo's Child B has no working document to time");
  const base = `/children/${childId}/appeal`;
  await measure('parent-b', base);
  await measure('parent-b', `${base}/${String(appeal.data['appealId'])}/working-document.pdf`);
  await measure('parent-b', `${base}/${String(appeal.data['appealId'])}/working-document.docx`);
}

const report = { machine: machine(), rounds, warmup, results };
console.log(['person', 'page', 'status', 'p50 ms', 'p99 ms', 'max ms'].join('\t'));
for (const r of results) console.log([r.person, r.page, r.status, r.server.p50Ms.toFixed(1), r.server.p99Ms.toFixed(1), r.server.maxMs.toFixed(1)].join('\t'));
if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2));
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
