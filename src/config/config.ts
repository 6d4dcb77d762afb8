import { z } from 'zod';
import { loadWitnessPolicy, WitnessPolicyError } from '../integrity/witness/witness-policy.js';

const csv = z.string().transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean));

/**
 * Every setting, read once from the environment at start. A bad value stops the server with a
 * message naming the setting; secret values are never echoed.
 */
const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(65535, 'must be at most 65535').default(4000),
    SEND_LEDGER_DATA_DIR: z.string().min(1).default('./data'),
    /** Where the events live: the embedded SQLite file in the data directory, a PostgreSQL database, or EventStoreDB. */
    SEND_LEDGER_STORE: z.enum(['sqlite', 'postgres', 'eventstoredb'], { error: 'must be sqlite (the default), postgres or eventstoredb' }).default('sqlite'),
    /** PostgreSQL connection string, for SEND_LEDGER_STORE=postgres. It usually holds a password: never logged or echoed. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL connection string, such as postgres://send_ledger:<password>@db.internal:5432/send_ledger')
      .optional(),
    /** EventStoreDB / KurrentDB connection string, for SEND_LEDGER_STORE=eventstoredb. */
    EVENTSTOREDB_URL: z
      .string()
      .regex(/^(esdb|kurrentdb|kurrent)(\+discover)?:\/\//, 'must be an EventStoreDB connection string, such as esdb://eventstore.internal:2113?tls=true')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Shared secret for HS256 tokens. In development it may be left out: one is generated in the data directory. */
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** For real deployments: the identity provider's JWKS URL, issuer and audience, and the pinned algorithms. */
    AUTH_JWKS_URL: z.url({ error: 'must be a URL' }).optional(),
    AUTH_ISSUER: z.string().min(1).default('send-ledger-dev'),
    AUTH_AUDIENCE: z.string().min(1).default('send-ledger'),
    AUTH_ALGORITHMS: csv.pipe(z.array(z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'PS256', 'ES256', 'EdDSA'])).min(1)).optional(),
    AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /** 32 bytes, base64: wraps the per-child data keys. Required in production; generated in the data dir in development. */
    SEND_LEDGER_MASTER_KEY: z.string().min(40, 'must be 32 bytes, base64').optional(),
    /** PKCS#8 PEM of the Ed25519 key that signs tree heads; generated in the data dir when absent. */
    TREE_HEAD_SIGNING_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PKCS#8 PEM private key' }).optional(),
    /** How often a tree head is signed and kept while the log grows (0: only on demand). */
    TREE_HEAD_INTERVAL_SECONDS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(86_400).default(3600),
    /** An entry recorded more than this many days after it claims to have happened is flagged as late. */
    LATE_ENTRY_THRESHOLD_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(3650).default(14),
    /** A child's record is kept until this many years after the date of birth, then may be erased (crypto-shredded). */
    RETENTION_YEARS_AFTER_BIRTH: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(120).default(31),
    /** GraphQL demand limits: the deepest selection, the armor cost score, aliases, directives and parser tokens per document. */
    GRAPHQL_MAX_DEPTH: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(2).max(100).default(12),
    GRAPHQL_MAX_COST: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(10).max(1_000_000).default(5000),
    GRAPHQL_MAX_ALIASES: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(1000).default(15),
    GRAPHQL_MAX_DIRECTIVES: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(1000).default(50),
    GRAPHQL_MAX_TOKENS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(100).max(1_000_000).default(5000),
    /** Requests per minute per caller: the verified actor when there is one, otherwise the client address. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(1_000_000).default(600),
    /** Requests worked on at once (the rest wait in turn): bounds memory under load; /health never waits. */
    MAX_REQUESTS_IN_PROGRESS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(10_000).default(8),
    /** Memory for children's records kept decrypted between requests (read again only when they grow). 0 turns the cache off. */
    CHILD_RECORD_CACHE_MB: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(100_000).default(128),
    /** Encrypts the web sign-in cookie (at least 32 characters). Required in production; generated in the data dir otherwise. */
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** A web session with no request for this long is signed out. */
    WEB_IDLE_TIMEOUT_MINUTES: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(24 * 60).default(30),
    /** The development sign-in page that lists the demo's people: never in production. */
    DEV_SIGN_IN: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
    /** OpenID Connect sign-in for the web service (e.g. DfE Sign-in, Microsoft Entra ID): the issuer URL, client id and secret. */
    OIDC_ISSUER: z.url({ error: 'must be the issuer URL, such as https://login.microsoftonline.com/<tenant>/v2.0' }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** This service's address as the identity provider sees it, for the redirect back (…/sign-in/callback). */
    OIDC_REDIRECT_URL: z.url({ error: 'must be a URL ending /sign-in/callback' }).optional(),
    OIDC_SCOPES: z.string().min(1).default('openid profile email'),
    /** Which claims say who the person is: their role, organisation (LA code or URN) and name. */
    OIDC_ROLE_CLAIM: z.string().min(1).default('role'),
    OIDC_ORGANISATION_CLAIM: z.string().min(1).default('organisation'),
    OIDC_NAME_CLAIM: z.string().min(1).default('name'),
    /** How the provider's role values map to the ledger's roles, as JSON: {"SENCO":"senco","SEN caseworker":"la_officer"}. */
    OIDC_ROLE_MAP: z
      .string()
      .transform((value, ctx) => {
        try {
          const parsed: unknown = JSON.parse(value);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string')) return parsed as Record<string, string>;
        } catch {
          // reported below
        }
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of provider role to ledger role' });
        return z.NEVER;
      })
      .optional(),
    /** Bearer token Prometheus presents to scrape GET /metrics from another host; unset: /metrics answers loopback clients only. Never logged. */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Browser origins allowed to call the API (comma list, exact origins); empty: no CORS headers at all. */
    CORS_ORIGINS: csv.pipe(z.array(z.url({ error: 'must be an origin such as https://app.example.org' }))).default([]),
    /** Witnesses each new tree head is sent to for co-signing (comma list of base URLs, e.g. https://witness.example.org); empty: none. */
    WITNESS_URLS: csv
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be comma-separated http(s) base URLs of witnesses, such as https://witness.example.org' })))
      .default([]),
    /** A JSON witness policy (which witness keys, how many must co-sign): read and checked at start, so a bad file stops the start. */
    WITNESS_POLICY_FILE: z
      .string()
      .superRefine((file, ctx) => {
        try {
          loadWitnessPolicy(file);
        } catch (error) {
          if (!(error instanceof WitnessPolicyError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message });
        }
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.SEND_LEDGER_STORE === 'postgres' && !config.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'SEND_LEDGER_STORE=postgres needs DATABASE_URL, e.g. postgres://send_ledger:<password>@localhost:5432/send_ledger' });
    }
    if (config.SEND_LEDGER_STORE === 'eventstoredb' && !config.EVENTSTOREDB_URL) {
      ctx.addIssue({ code: 'custom', path: ['EVENTSTOREDB_URL'], message: 'SEND_LEDGER_STORE=eventstoredb needs EVENTSTOREDB_URL, e.g. esdb://localhost:2113?tls=false' });
    }
    if (config.NODE_ENV === 'production' && !config.SEND_LEDGER_MASTER_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SEND_LEDGER_MASTER_KEY'], message: 'production needs a master key from outside the data directory (32 bytes, base64)' });
    }
    if (config.SEND_LEDGER_MASTER_KEY && Buffer.from(config.SEND_LEDGER_MASTER_KEY, 'base64').length !== 32) {
      ctx.addIssue({ code: 'custom', path: ['SEND_LEDGER_MASTER_KEY'], message: 'must be 32 bytes, base64 encoded (e.g. `openssl rand -base64 32`)' });
    }
    if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'production needs a session secret from outside the data directory (at least 32 characters)' });
    }
    if (config.NODE_ENV === 'production' && config.DEV_SIGN_IN === 'on') {
      ctx.addIssue({ code: 'custom', path: ['DEV_SIGN_IN'], message: 'the development sign-in lets anyone act as anyone: never on in production' });
    }
    if (config.OIDC_ISSUER && (!config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.OIDC_REDIRECT_URL)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_ISSUER needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL too' });
    }
    if (config.NODE_ENV === 'production' && !config.AUTH_JWKS_URL && !config.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'production needs AUTH_JWKS_URL (or AUTH_JWT_SECRET); a generated development secret is not allowed' });
    }
  });

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(ConfigSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = ConfigSchema.safeParse(known);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'configuration'}: ${issue.message}`));
}
