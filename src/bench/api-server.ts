import { randomBytes } from 'node:crypto';
/**
 * The server the API load benchmark drives, in its own process (so the load generator does not share its
 * event loop): the real app (`buildApp`, as src/server.ts builds it) on a data directory, listening on
 * loopback, plus one bench-only route, GET /bench/audit-trail/:childId, that returns the same audit trail
 * from the same store through the same authentication, access check and access log, without GraphQL:
 * the ceiling for the GraphQL layer. It is registered here only, never in the product.
 *
 * Started by api-load.ts with fork(); talks over IPC: { ready, port } out; { memory } and { stop } in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAuditTrail } from '../../projections/audit-trail.js';
import { createTokenVerifier } from '../api/auth/token-verifier.js';
import { buildApp } from '../app.js';
import { AccessCache } from '../application/access-cache.js';
import { readChildRecord, type ChildRecordsDependencies } from '../application/child-records.js';
import { viewOf } from '../application/record-views.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { cachingChildStreams } from '../store/child-stream-cache.js';
import { parseConfig } from '../config/config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { tokenSettingsFrom } from '../config/token-settings.js';
import { loadSigningKey } from '../integrity/signing-key.js';

const dataDir = process.env['BENCH_DATA_DIR'];
const secret = process.env['BENCH_JWT_SECRET'];
if (!dataDir || !secret || !process.send) {
  console.error('api-server.ts is started by the API load benchmark (src/bench/api-load.ts)');
  process.exit(2);
}

const config = parseConfig({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  SEND_LEDGER_DATA_DIR: dataDir,
  SEND_LEDGER_STORE: 'sqlite',
  SEND_LEDGER_MASTER_KEY: readFileSync(join(dataDir, 'dev-master-key'), 'utf8').trim(),
  AUTH_JWT_SECRET: secret,
  SESSION_SECRET: randomBytes(32).toString('base64url'),
  LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
  // The benchmark is one caller sending thousands of requests a second: the per-actor limit would answer 429.
  RATE_LIMIT_PER_MINUTE: '1000000',
  TREE_HEAD_INTERVAL_SECONDS: '0',
});
const store = await openConfiguredStore(config);
const clock = () => new Date();
const app = await buildApp({
  config,
  store,
  readModels: store.readModels,
  verifyToken: createTokenVerifier(tokenSettingsFrom(config)),
  signingKey: loadSigningKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY),
  keys: store.keys,
  clock,
});

/** The page GraphQL answers with: the same entries (kept per revision, as the app keeps them), the first `first` of them. */
const auditTrailPage = (entries: readonly LedgerEntry[], threshold: number, first: number) =>
  viewOf(entries, `audit-trail:${threshold}`, () => buildAuditTrail(entries as LedgerEntry[], threshold))
    .slice(0, first)
    .map((entry) => ({ ...entry, late: entry.recordedLateByDays !== null }));

// One child's read needs the store, the clock and an access cache like the app's (the read models serve lists).
// The app keeps decrypted records between requests: so does the route, with a cache of its own of the same size.
const cached = cachingChildStreams(store, { maxBytes: config.CHILD_RECORD_CACHE_MB * 1_000_000 });
const records = { store: cached, clock, accessCache: new AccessCache() } as unknown as ChildRecordsDependencies;
app.get<{ Params: { childId: string }; Querystring: { first?: string } }>('/bench/audit-trail/:childId', async (request, reply) => {
  if (!request.actor || !request.accessReads) return reply.code(401).send({ error: 'sign in' });
  const read = await readChildRecord(records, { actor: request.actor, reads: request.accessReads }, request.params.childId, 'audit_trail', 'auditTrail');
  if (!read) return reply.code(404).send({ error: 'not found' });
  const entries = read.entries;
  const threshold = config.LATE_ENTRY_THRESHOLD_DAYS;
  return {
    childId: request.params.childId,
    lateThresholdDays: threshold,
    headHash: entries.at(-1)!.hash,
    streamRevision: entries.at(-1)!.streamRevision,
    totalCount: entries.length,
    entries: auditTrailPage(entries, threshold, Number(request.query.first ?? 100)),
  };
});

const address = await app.listen({ host: config.HOST, port: 0 });
// Steady state is measured: the walk that summarises every child after the start is waited for, and timed.
const walk = await app.summarising.done;
process.send({ type: 'ready', port: Number(new URL(address).port), summarised: { ...walk, seconds: performance.now() / 1000 } });
process.on('message', async (message: { type: string }) => {
  if (message.type === 'memory') {
    const memory = process.memoryUsage();
    process.send!({ type: 'memory', rss: memory.rss, heapUsed: memory.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 });
  } else if (message.type === 'stop') {
    await app.close();
    await store.close();
    process.exit(0);
  }
});
