import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { mintDevToken } from '../api/auth/mint-token.js';
import type { Role } from '../domain/roles.js';
import { MANIFEST_FILE, type SyntheticLaManifest } from './synthetic-la.js';

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  /** Peak resident set size of the server process so far. */
  maxRss: number;
}

export interface BenchServer {
  url: string;
  /** The children summarised after the start (child-summaries.ts), and the seconds from the process's start until done. */
  summarised: SummarisedAtStart;
  /** Resolves once /health answers within 50 ms: requests a client gave up on are no longer being worked through. */
  settle(): Promise<void>;
  memory(): Promise<ServerMemory>;
  stop(): Promise<void>;
}

export interface SummarisedAtStart {
  children: number;
  summarised: number;
  seconds: number;
}

const ISSUER = 'send-ledger-dev';

/** Today and 30 days on, as the server counts days (UTC dates are close enough for a window of a month). */
const nextThirtyDays = (laCode: string) => {
  const today = new Date();
  const to = new Date(today.getTime() + 30 * 86_400_000);
  return { laCode, from: today.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
};
const AUDIENCE = 'send-ledger';

/** The app (api-server.ts) in a child process on a data directory, listening on 127.0.0.1:<free port>. */
export async function startBenchServer(dataDir: string, secret: string, logLevel: string, cpuProfileDir?: string): Promise<BenchServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./api-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [])],
    env: { ...process.env, BENCH_DATA_DIR: dataDir, BENCH_JWT_SECRET: secret, BENCH_LOG_LEVEL: logLevel },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port, summarised } = await new Promise<{ port: number; summarised: SummarisedAtStart }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)));
    child.on('message', (message: { type: string; port?: number; summarised?: SummarisedAtStart }) => {
      if (message.type === 'ready') resolve({ port: message.port!, summarised: message.summarised! });
    });
  });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { type: string } & T) => {
        if (message.type !== type) return;
        child.off('message', listener);
        resolve(message);
      };
      child.on('message', listener);
      child.send({ type });
    });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    summarised,
    async settle() {
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
        const started = performance.now();
        await fetch(`${url}/health`).then((r) => r.text());
        if (performance.now() - started < 50) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    memory: () => ask<ServerMemory>('memory'),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export interface Scenario {
  name: string;
  /** What it measures, for the table. */
  description: string;
  connections: number;
  method: 'GET' | 'POST';
  path: string;
  token: string;
  /** One body for every request, or a body per connection (the mutation writes to a different child on each). */
  body?: string | ((connection: number) => string);
  /** Checks one response before the run: throws if the server does not answer as expected. */
  check: (status: number, body: string) => void;
}

export interface LoadResult {
  scenario: string;
  description: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  /** Size of one response body, bytes. */
  responseBytes: number;
}

/** GraphQL: 200 with data and no errors. */
export const graphqlOk = (field: string) => (status: number, body: string) => {
  const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };
  if (status !== 200 || parsed.errors || !parsed.data || parsed.data[field] === null || parsed.data[field] === undefined) {
    throw new Error(`expected data.${field}, got ${status}: ${body.slice(0, 400)}`);
  }
};
export const jsonOk = (status: number, body: string) => {
  if (status !== 200) throw new Error(`expected 200, got ${status}: ${body.slice(0, 400)}`);
};

/** One scenario: a check request, a short warm-up, then `seconds` of load; req/s and latency from autocannon. */
export async function runScenario(server: BenchServer, scenario: Scenario, seconds: number, warmupSeconds = 2): Promise<LoadResult> {
  const headers = { authorization: `Bearer ${scenario.token}`, 'content-type': 'application/json' };
  const bodyFor = (connection: number) => (typeof scenario.body === 'function' ? scenario.body(connection) : scenario.body);
  const probe = await fetch(`${server.url}${scenario.path}`, { method: scenario.method, headers, ...(scenario.body ? { body: bodyFor(0) } : {}) });
  const text = await probe.text();
  scenario.check(probe.status, text);

  const run = (duration: number) => {
    let connection = 0;
    return autocannon({
      url: `${server.url}${scenario.path}`,
      connections: scenario.connections,
      duration,
      requests: [
        {
          method: scenario.method,
          headers,
          setupRequest: (request, context: { connection?: number }) => {
            context.connection ??= connection++;
            const body = bodyFor(context.connection);
            return body === undefined ? request : { ...request, body };
          },
        },
      ],
    });
  };
  if (warmupSeconds > 0) await run(warmupSeconds);
  const result = await run(seconds);
  return {
    scenario: scenario.name,
    description: scenario.description,
    connections: scenario.connections,
    seconds,
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    responseBytes: Buffer.byteLength(text),
  };
}

const AUDIT_ENTRY = `globalPosition streamRevision eventId type summary actor { id displayName role organisation } occurredAt recordedAt late recordedLateByDays
            supersedes supersededBy correctionReason data hash previousHash correlationId causationId idempotencyKey
            legalFramework { framework title source } judgedBy { ruleId ruleVersion legalSource as }`;
/** The audit trail as a client pages it: the first page (100 entries, the default), or the whole record in one page of up to 500. */
const AUDIT_TRAIL = `query($childId: ID!, $first: Int!) { auditTrail(childId: $childId) {
  childId lateThresholdDays headHash streamRevision
  entries(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { ${AUDIT_ENTRY} } } } }`;
/** The number of entries in a page of the bare route and of GraphQL: the same data on both. */
export const AUDIT_PAGE = 100;
const PROMISES = `query($organisation: String!) { promises(filter: { organisation: $organisation }, first: 50) {
  pageInfo { hasNextPage endCursor }
  nodes { provisionId childId section status promisedAt terms { description frequency { sessions per } minutesPerSession }
  delivery { sessionsDelivered minutesDelivered sessionsExpectedSoFar lastDeliveredOn } } } }`;
const DEADLINES = `query($laCode: String!, $from: Date!, $to: Date!) { deadlines(laCode: $laCode, dueFrom: $from, dueTo: $to, first: 50) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { childId ruleId title legalSource obligation { kind holder } subject { kind id } triggerDate dueDate dueDateWithExceptions state daysLate exceptionApplied } } }`;
const RECORD_DELIVERY = `mutation($childId: ID!, $input: DeliveryInput!) { recordDelivery(childId: $childId, input: $input) { childId streamRevision entries { eventId globalPosition hash } } }`;

/** The delivery the mutation scenario records: one 30-minute session of the line, today. */
const deliveryOf = (target: { provisionId: string }) => ({ provisionId: target.provisionId, sessions: 1, minutes: 30, deliveredBy: { name: 'Bench therapist', role: 'Therapist' } });
/** The writers' records are this long at least before the mutation is measured: the cost of a command on a long record. */
export const LONG_RECORD = 500;

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  if (!body.data || body.errors) throw new Error(`the bench's set-up request failed: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  return body.data;
}

/**
 * Record deliveries through the API (untimed, one writer per child) until every child writing has at least `entries`
 * entries; returns how many were recorded. The mutation scenario then measures a command on a long record.
 */
async function growRecords(url: string, token: string, children: SyntheticLaManifest['activeProvision'], entries: number): Promise<number> {
  let recorded = 0;
  await Promise.all(
    children.map(async (child) => {
      const data = await graphql(url, token, 'query($childId: ID!) { auditTrail(childId: $childId) { streamRevision } }', { childId: child.childId });
      for (let length = (data['auditTrail'] as { streamRevision: number }).streamRevision + 1; length < entries; length++) {
        await graphql(url, token, RECORD_DELIVERY, { childId: child.childId, input: deliveryOf(child) });
        recorded++;
      }
    }),
  );
  return recorded;
}

export interface ApiLoadOptions {
  dataDir: string;
  seconds: number;
  connections: number;
  logLevel: string;
  /** Only the scenarios whose name contains one of these. */
  only?: string[];
  /** Write a V8 CPU profile of the server here (node --cpu-prof). */
  cpuProfileDir?: string;
  log: (line: string) => void;
}

export interface ApiLoadReport {
  dataDir: string;
  manifest: Pick<SyntheticLaManifest, 'scale' | 'seed' | 'appends' | 'childStreams' | 'showcase' | 'showcaseSetting'>;
  results: LoadResult[];
  memory: { afterStart: ServerMemory; afterLoad: ServerMemory };
  summarisedAtStart: SummarisedAtStart;
}

/**
 * The API under load on one synthetic-LA data directory (npm run generate-la): the audit trail of the 25-entry
 * and the 500-entry showcase child through GraphQL and through the bare route, an organisation's promises,
 * and a delivery recorded on 32 different children at once; the server's memory before and after.
 */
export async function runApiLoad(options: ApiLoadOptions): Promise<ApiLoadReport> {
  const manifest = JSON.parse(readFileSync(join(options.dataDir, MANIFEST_FILE), 'utf8')) as SyntheticLaManifest;
  const { small, large } = manifest.showcase;
  if (!small || !large) throw new Error(`${options.dataDir} has no showcase children: generate it without --no-showcase`);
  const secret = randomBytes(32).toString('base64url');
  const token = (role: Role, organisation: string, name: string) =>
    mintDevToken(secret, ISSUER, AUDIENCE, { actorId: `${role}-${organisation}-bench`, displayName: name, role, organisation, expiresIn: '4h' });
  // Officers of the children's LA: a relationship the read-access rules recognise.
  const officer = await token('la_officer', manifest.laCode, 'Bench caseworker');
  const senco = await token('senco', manifest.showcaseSetting.urn, 'Bench SENCo');
  const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  const targets = manifest.activeProvision;
  if (targets.length === 0) throw new Error('the data directory has no child with an open plan line to record deliveries against');
  const writers = targets.slice(0, options.connections);

  const scenarios: Scenario[] = [
    { name: 'auditTrail 25 (GraphQL)', description: `${small.entries}-entry child, every entry`, connections: options.connections, method: 'POST', path: '/graphql', token: officer, body: gql(AUDIT_TRAIL, { childId: small.childId, first: AUDIT_PAGE }), check: graphqlOk('auditTrail') },
    { name: 'auditTrail 25 (bare route)', description: 'same data, no GraphQL', connections: options.connections, method: 'GET', path: `/bench/audit-trail/${small.childId}?first=${AUDIT_PAGE}`, token: officer, check: jsonOk },
    { name: 'auditTrail 500 (GraphQL)', description: `${large.entries}-entry child, first page of ${AUDIT_PAGE}`, connections: options.connections, method: 'POST', path: '/graphql', token: officer, body: gql(AUDIT_TRAIL, { childId: large.childId, first: AUDIT_PAGE }), check: graphqlOk('auditTrail') },
    { name: 'auditTrail 500 (bare route)', description: 'same data, no GraphQL', connections: options.connections, method: 'GET', path: `/bench/audit-trail/${large.childId}?first=${AUDIT_PAGE}`, token: officer, check: jsonOk },
    { name: 'auditTrail 500 whole (GraphQL)', description: `${large.entries}-entry child, every entry in one page of 500`, connections: options.connections, method: 'POST', path: '/graphql', token: officer, body: gql(AUDIT_TRAIL, { childId: large.childId, first: 500 }), check: graphqlOk('auditTrail') },
    { name: 'auditTrail 500 whole (bare route)', description: 'same data, no GraphQL', connections: options.connections, method: 'GET', path: `/bench/audit-trail/${large.childId}?first=500`, token: officer, check: jsonOk },
    { name: 'promises (school, first 50)', description: `setting ${manifest.showcaseSetting.urn} (${manifest.showcaseSetting.promisedLines} lines), first page of 50, as its SENCo`, connections: options.connections, method: 'POST', path: '/graphql', token: senco, body: gql(PROMISES, { organisation: manifest.showcaseSetting.urn }), check: graphqlOk('promises') },
    { name: 'deadlines (LA, next 30 days)', description: `LA ${manifest.laCode}, clocks due in the next 30 days, first page of 50, as a caseworker`, connections: options.connections, method: 'POST', path: '/graphql', token: officer, body: gql(DEADLINES, nextThirtyDays(manifest.laCode)), check: graphqlOk('deadlines') },
    {
      name: 'recordDelivery 500+ (mutation)',
      description: `${writers.length} children of ${LONG_RECORD}+ entries, one per connection`,
      connections: writers.length,
      method: 'POST',
      path: '/graphql',
      token: officer,
      body: (connection) => {
        const target = writers[connection % writers.length]!;
        return gql(RECORD_DELIVERY, { childId: target.childId, input: deliveryOf(target) });
      },
      check: graphqlOk('recordDelivery'),
    },
  ];

  options.log(`starting the server on ${options.dataDir} (${manifest.appends.toLocaleString('en-GB')} entries)...`);
  const server = await startBenchServer(options.dataDir, secret, options.logLevel, options.cpuProfileDir);
  try {
    const afterStart = await server.memory();
    options.log(`the server summarised ${server.summarised.summarised.toLocaleString('en-GB')} of ${server.summarised.children.toLocaleString('en-GB')} children ${server.summarised.seconds.toFixed(0)} s after it started`);
    const results: LoadResult[] = [];
    const chosen = options.only?.length ? scenarios.filter((s) => options.only!.some((name) => s.name.includes(name))) : scenarios;
    if (chosen.some((scenario) => scenario.name.startsWith('recordDelivery'))) {
      const grown = await growRecords(server.url, officer, writers, LONG_RECORD);
      if (grown > 0) options.log(`recorded ${grown.toLocaleString('en-GB')} deliveries first, so each of the ${writers.length} children writing has ${LONG_RECORD}+ entries`);
    }
    for (const scenario of chosen) {
      // A scenario that timed out leaves the server working through requests the client abandoned.
      await server.settle();
      const result = await runScenario(server, scenario, options.seconds);
      options.log(`${result.scenario}: ${Math.round(result.perSecond)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
      results.push(result);
    }
    return {
      dataDir: options.dataDir,
      manifest: { scale: manifest.scale, seed: manifest.seed, appends: manifest.appends, childStreams: manifest.childStreams, showcase: manifest.showcase, showcaseSetting: manifest.showcaseSetting },
      results,
      memory: { afterStart, afterLoad: await server.memory() },
      summarisedAtStart: server.summarised,
    };
  } finally {
    await server.stop();
  }
}
